/**
 * Sends a ticket to the backend so that nothing is lost and nothing is sent twice: one idempotency
 * key and one frozen body for every attempt, retries with backoff for what a retry can fix, and an
 * answer the widget can act on for everything else. Plain browser APIs only.
 */
import type { Ticket } from '../../../core/contract/ticket.ts';
import { isReplyExpectation, type ReplyExpectation } from '../../../core/contract/reply-expectation.ts';
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import { readProblem, type ProblemDetails, type ProblemFieldError } from './problem.ts';

/** The backend made the ticket (or had made it already: `replayed`). */
export interface SubmitCreated {
  kind: 'created';
  id: string;
  /** Human-friendly ticket number, e.g. `BR-000123`. */
  number: string;
  /** Secret that lets the customer follow the ticket on the status page. */
  token?: string;
  status?: string;
  createdAt?: string;
  /** What the customer is told about a first reply; absent: the widget applies the market's rule itself. */
  replyExpectation?: ReplyExpectation;
  /** true only when the backend says a confirmation e-mail goes to the customer. */
  confirmationEmail?: boolean;
  /** True when the server answered from its idempotency record (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

/** A definite no (400, 403, 413, 415, 422...): let the customer edit, then send with a new key. */
export interface SubmitRejected {
  kind: 'rejected';
  status: number;
  problem: ProblemDetails;
  /** Field errors with dotted paths (`subject`, `customer.email`, `attachments.0.type`). */
  fieldErrors: ProblemFieldError[];
}

export type GiveUpReason = 'network' | 'timeout' | 'server' | 'rate-limited';

/** Retries are used up (or the server asked for a long wait): keep the payload and key, offer a manual retry. */
export interface SubmitGaveUp {
  kind: 'gave-up';
  reason: GiveUpReason;
  /** How long the server asked to wait, when it said so. */
  retryAfterMs?: number;
}

/** The caller's signal aborted; whether the ticket arrived is unknown, so keep the key. */
export interface SubmitAborted {
  kind: 'aborted';
}

export type SubmitResult = SubmitCreated | SubmitRejected | SubmitGaveUp | SubmitAborted;

/**
 * For the live region. `sending`: attempt `attempt` starts. `retrying`: it failed and attempt
 * `attempt` follows after a backoff of `delayMs`. `waiting`: the server asked (Retry-After) to wait
 * `delayMs` before attempt `attempt`.
 */
export interface SendStatus {
  phase: 'sending' | 'retrying' | 'waiting';
  attempt: number;
  delayMs?: number;
}

export interface SendTicketOptions {
  /** `POST` target, e.g. `https://api.example.com/api/tickets`. */
  endpoint: string;
  /** The frozen payload: the same on every attempt. */
  ticket: Ticket;
  /** Sent as multipart `attachments` parts, in the order of `ticket.attachments`. */
  files?: readonly File[];
  /** From `newIdempotencyKey()`, saved with the draft; the same on every attempt and after a reload. */
  idempotencyKey: string;
  signal?: AbortSignal;
  /** Defaults to the global fetch, looked up on every call. */
  fetch?: typeof fetch;
  onStatus?: (status: SendStatus) => void;
  /** Attempts before giving up; 5 unless told. */
  maxAttempts?: number;
  /** Milliseconds one attempt (request and answer) may take; 20 s unless told. */
  timeoutMs?: number;
  /** Waits between attempts; should resolve early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/** A `Retry-After` this long or longer is not waited out: the customer decides when to try again. */
export const longWaitMs = 60_000;
export const defaultMaxAttempts = 5;
export const defaultTimeoutMs = 20_000;

/** A fresh idempotency key (UUID v4) for a new Send. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts, and host pages served over plain http still embed us.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ticket's `attachments` metadata for the files, in the same order as the multipart parts. */
export function attachmentsMetadata(files: readonly File[]): NonNullable<Ticket['attachments']> {
  return files.map((file) => {
    const type = (file.type.split(';')[0] ?? '').trim().toLowerCase();
    return { name: file.name, type: /^[a-z]+\/[a-z0-9.+-]+$/.test(type) ? type : 'application/octet-stream', size: file.size };
  });
}

/**
 * The request for a ticket: JSON, or `multipart/form-data` with a `ticket` JSON part and
 * `attachments` file parts when there are files. The body can be sent again as it is.
 */
export function buildRequest(
  ticket: unknown,
  files: readonly File[],
  endpoint: string,
  idempotencyKey: string,
): { url: string; init: RequestInit & { headers: Record<string, string> } } {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Idempotency-Key': idempotencyKey,
  };
  const json = JSON.stringify(ticket);
  let body: BodyInit;
  if (files.length > 0) {
    const form = new FormData();
    form.append('ticket', new Blob([json], { type: 'application/json' }), 'ticket.json');
    for (const file of files) form.append('attachments', file, file.name);
    body = form; // fetch writes the Content-Type with its boundary
  } else {
    headers['Content-Type'] = 'application/json';
    body = json;
  }
  return { url: endpoint, init: { method: 'POST', headers, body } };
}

/** What one attempt came to: a final result, or a failure worth another try. */
type Attempt = { result: SubmitResult } | { retry: GiveUpReason; retryAfterMs?: number };

/**
 * Sends the ticket, retrying network errors, timeouts, 5xx, 408 and 409 (same key still in
 * flight) with backoff or the server's `Retry-After`, and waiting out a short 429. Never throws.
 */
export async function sendTicket(options: SendTicketOptions): Promise<SubmitResult> {
  const { signal, onStatus, random = Math.random, sleep = wait } = options;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? defaultMaxAttempts));
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const { url, init } = buildRequest(options.ticket, options.files ?? [], options.endpoint, options.idempotencyKey);
  const report = (status: SendStatus): void => {
    try {
      onStatus?.(status);
    } catch (error) {
      console.error('[support-ticket] onStatus callback failed:', error);
    }
  };

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return { kind: 'aborted' };
    report({ phase: 'sending', attempt });
    const outcome = await attemptOnce(send, url, init, signal, options.timeoutMs ?? defaultTimeoutMs);
    if ('result' in outcome) return outcome.result;
    if (signal?.aborted) return { kind: 'aborted' };

    const { retry: reason, retryAfterMs } = outcome;
    const gaveUp: SubmitGaveUp = retryAfterMs === undefined ? { kind: 'gave-up', reason } : { kind: 'gave-up', reason, retryAfterMs };
    if (attempt >= maxAttempts || (retryAfterMs !== undefined && retryAfterMs >= longWaitMs)) return gaveUp;

    const delayMs = retryAfterMs ?? backoffDelay(attempt, random);
    report({ phase: retryAfterMs === undefined ? 'retrying' : 'waiting', attempt: attempt + 1, delayMs });
    try {
      await sleep(delayMs, signal);
    } catch {
      // A sleep that rejects on abort is fine; any other rejection just ends the wait early.
    }
  }
}

async function attemptOnce(
  send: typeof fetch,
  url: string,
  init: RequestInit,
  caller: AbortSignal | undefined,
  timeoutMs: number,
): Promise<Attempt> {
  const deadline = attemptSignal(caller, timeoutMs);
  // Which signal fired tells an abort from a timeout from a network error; error types differ by browser.
  const failed = (): Attempt =>
    caller?.aborted ? { result: { kind: 'aborted' } } : { retry: deadline.timedOut() ? 'timeout' : 'network' };
  try {
    let response: Response;
    try {
      response = await send(url, { ...init, signal: deadline.signal });
    } catch {
      return failed();
    }
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));

    if (status >= 200 && status < 300) {
      let body: string;
      try {
        body = await response.text();
      } catch {
        return failed();
      }
      const created = toCreated(body, response.headers.get('Idempotent-Replayed')?.trim().toLowerCase() === 'true');
      // A 2xx without a ticket number is a broken server or proxy; the same key makes asking again safe.
      return created ? { result: created } : { retry: 'server' };
    }
    if (status === 429) return withRetryAfter('rate-limited', retryAfterMs, response);
    if (status === 408 || status === 409 || status === 425 || status >= 500 || status < 400) {
      return withRetryAfter('server', retryAfterMs, response);
    }
    const problem = await readProblem(response);
    if (caller?.aborted) return { result: { kind: 'aborted' } };
    return { result: { kind: 'rejected', status, problem, fieldErrors: problem.errors ?? [] } };
  } finally {
    deadline.release();
  }
}

function withRetryAfter(reason: GiveUpReason, retryAfterMs: number | undefined, response: Response): Attempt {
  // Nobody reads this body; cancelling frees the connection for the next attempt.
  response.body?.cancel().catch(() => undefined);
  return retryAfterMs === undefined ? { retry: reason } : { retry: reason, retryAfterMs };
}

function toCreated(body: string, replayed: boolean): SubmitCreated | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const answer = value as Record<string, unknown>;
  const id = identifier(answer.id);
  const number = identifier(answer.number);
  if (id === undefined || number === undefined) return undefined;
  return withExtras({ kind: 'created', id, number, replayed }, answer);
}

/** Copies what else a backend said about the ticket, when it has the expected type. */
export function withExtras(created: SubmitCreated, answer: Record<string, unknown>): SubmitCreated {
  for (const key of ['token', 'status', 'createdAt'] as const) {
    const field = answer[key];
    if (typeof field === 'string') created[key] = field;
  }
  if (isReplyExpectation(answer.replyExpectation)) created.replyExpectation = answer.replyExpectation;
  if (typeof answer.confirmationEmail === 'boolean') created.confirmationEmail = answer.confirmationEmail;
  return created;
}

const identifier = (value: unknown): string | undefined =>
  (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)) ? String(value) : undefined;

/**
 * One attempt's signal: aborts when the caller's does or after `timeoutMs`. Built by hand rather
 * than with AbortSignal.any/timeout, which Safari before 17.4 lacks, and so the timer is cleared.
 */
function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(caller?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The ticket request timed out.', 'TimeoutError'));
  }, timeoutMs);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: (): void => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
