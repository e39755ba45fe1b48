/** How long to wait before trying again: exponential backoff with jitter, and the server's `Retry-After`. */

export const baseDelayMs = 1000;
export const maxDelayMs = 30_000;

/**
 * The pause after the `failures`-th failed attempt: 1 s, 2 s, 4 s, 8 s... capped at 30 s, each spread
 * by ±25 % so that widgets that lost the same server do not all come back in the same second.
 * `random` returns [0, 1); 0.5 gives the exact step.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.min(maxDelayMs, Math.round(step * (0.75 + random() * 0.5)));
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past means now; anything unreadable, undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const header = value?.trim();
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  // Only dates with letters in them: Date.parse would read "1.5" or "-3" as years.
  if (!/[a-z]/i.test(header)) return undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
