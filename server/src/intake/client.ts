/**
 * Who is asking, without keeping who they are: the client address is only ever stored as a hash
 * salted with a random value that changes every day (and lives in memory only), and rate limits
 * count per hash in fixed one-minute windows.
 */
import { createHash, randomBytes } from 'node:crypto';

export function createClientHasher(now: () => Date = () => new Date()) {
  let day = '';
  let salt = Buffer.alloc(0);
  return (address: string): string => {
    const today = now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      salt = randomBytes(32);
    }
    return createHash('sha256').update(salt).update(address).digest('hex').slice(0, 32);
  };
}

/** At most `limit` hits per key per minute; `check` answers how long to wait when over. */
export function createRateLimiter(limit: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    check(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const t = now();
      const start = t - (t % 60_000);
      let window = windows.get(key);
      if (!window || window.start !== start) {
        if (windows.size > 50_000) windows.clear(); // old windows are worthless; keep memory bounded
        window = { start, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.ceil((start + 60_000 - t) / 1000) };
    },
  };
}
