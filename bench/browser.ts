/**
 * Chromium for the benchmarks (the same binary and flags as the browser tests) and a network
 * ledger: every request a page and its workers make, with the bytes that crossed the wire.
 */
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { chromiumArgs, chromiumPath, missingChromiumMessage } from '../scripts/chromium.ts';

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(missingChromiumMessage);
  return chromium.launch({ executablePath, args: chromiumArgs });
}

export interface NetworkEntry {
  url: string;
  /** performance.now()-like milliseconds in this process when the request was seen. */
  sentAt: number;
  /** Response headers and body as they crossed the wire (compressed body, when compressed). */
  bytes: number;
  done: boolean;
}

export interface NetworkLedger {
  entries: NetworkEntry[];
  /** Entries sent at or after `since`, finished or not. */
  after(since: number): NetworkEntry[];
  /** Resolves when nothing has been in flight for `quietMs`. */
  idle(quietMs?: number, timeoutMs?: number): Promise<void>;
}

/**
 * Every request of a page and of its dedicated workers (Pagefind searches in a worker), with the
 * bytes Chromium received for it (`request.sizes()`: response headers plus the encoded body).
 */
export function recordNetwork(page: Page): NetworkLedger {
  const byRequest = new Map<Request, NetworkEntry>();
  const entries: NetworkEntry[] = [];
  const pending = new Set<Promise<void>>();
  let lastActivity = performance.now();
  page.on('request', (request) => {
    lastActivity = performance.now();
    if (request.url().startsWith('data:')) return;
    const entry: NetworkEntry = { url: request.url(), sentAt: performance.now(), bytes: 0, done: false };
    byRequest.set(request, entry);
    entries.push(entry);
  });
  const finish = (request: Request, failed: boolean) => {
    lastActivity = performance.now();
    const entry = byRequest.get(request);
    if (!entry) return;
    if (failed) return void (entry.done = true);
    const sized = request.sizes().then(
      (sizes) => Object.assign(entry, { bytes: sizes.responseHeadersSize + sizes.responseBodySize, done: true }),
      () => Object.assign(entry, { done: true }),
    ).then(() => void pending.delete(sized));
    pending.add(sized);
  };
  page.on('requestfinished', (request) => finish(request, false));
  page.on('requestfailed', (request) => finish(request, true));
  return {
    entries,
    after: (since) => entries.filter((e) => e.sentAt >= since),
    async idle(quietMs = 500, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        if (!pending.size && entries.every((e) => e.done) && performance.now() - lastActivity >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

export const median = (values: number[]) => percentile(values, 50);

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
