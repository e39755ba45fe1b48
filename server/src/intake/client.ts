/**
 * Who is asking, without keeping who they are: the client address is only ever stored as a hash
 * salted with a random value that changes every day (and lives in memory only), and rate limits
 * count per hash in fixed one-minute windows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

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

export type RateLimitAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * At most `limit` hits per key per minute; `check` answers how long to wait when over. Each key's
 * window expires on its own (rate-limiter-flexible's memory store), so no number of other clients
 * can reset a limited one. Its PostgreSQL store shares the limits across instances later.
 */
export function createRateLimiter(limit: number) {
  const limiter = new RateLimiterMemory({ points: limit, duration: 60 });
  return {
    async check(key: string): Promise<RateLimitAnswer> {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
      }
    },
  };
}
