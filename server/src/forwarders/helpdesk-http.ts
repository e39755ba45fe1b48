/**
 * HTTP conventions every forwarder shares: which answers are worth retrying, how a failure is
 * described (briefly, without echoing credentials), Basic auth and URL joining.
 */
import type { DeliveryResult } from './forwarder.ts';

type Failure = Extract<DeliveryResult, { ok: false }>;

/** 408 timeout, 409 conflict (e.g. an idempotency key still in flight), 429 rate limit and 5xx may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Longest slice of a response body kept in an error: enough to diagnose, short enough for a log line. */
const excerptLength = 300;

/** A failure for a non-2xx answer, with a short excerpt of the body. Reads the body. */
export async function failureFromResponse(response: Response, what: string): Promise<Failure> {
  const text = await response.text().catch(() => '');
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, excerptLength);
  const failure: Failure = {
    ok: false,
    retryable: isRetryableStatus(response.status),
    error: `${what}: HTTP ${response.status}${excerpt ? ` ${excerpt}` : ''}`,
  };
  const wait = retryAfterMs(response.headers.get('retry-after'));
  if (wait !== undefined) failure.retryAfterMs = wait;
  return failure;
}

/** A failure for a request that got no answer (DNS, refused connection, timeout): always worth retrying. */
export function networkFailure(error: unknown, what: string): Failure {
  const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
  return { ok: false, retryable: true, error: `${what}: ${reason}` };
}

/** `Authorization` value for HTTP Basic with UTF-8 credentials. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Appends an absolute API path to a base URL, keeping any path prefix the base has (a proxy, a subfolder). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The request body of a Blob-like file, as the bytes the forwarder read. */
export function bytesBlob(bytes: Uint8Array, type: string): Blob {
  // Copy into a fresh ArrayBuffer: a Uint8Array view over a shared or larger buffer is not a valid BlobPart everywhere.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Blob([copy.buffer], { type });
}
