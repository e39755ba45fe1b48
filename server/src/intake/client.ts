/**
 * Who is asking, without keeping who they are: the client address is only ever stored as a hash
 * salted with a random value that changes every day, and rate limits count per hash in fixed
 * one-minute windows. With several instances both must be shared, or the same client would be
 * several clients (one per instance): the salt comes from the store (the same random value for
 * every instance, kept for today and tomorrow only) and the counts from the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Pool } from 'pg';
import type { RateLimiterAbstract, RateLimiterMemory as MemoryLimiter, RateLimiterPostgres as PostgresLimiter, RateLimiterRes as LimiterAnswer } from 'rate-limiter-flexible';
import type { Store } from '../store/store.ts';

// Only the parts used: the package's index loads every store it supports (Redis, Mongo, DynamoDB,
// etcd, …), about 1.2 MB of heap in a server that counts in memory or in PostgreSQL.
const require = createRequire(import.meta.url);
const RateLimiterMemory = require('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof MemoryLimiter;
const RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes.js') as typeof LimiterAnswer;

/** The salt of a UTC day (`YYYY-MM-DD`), at once: hashing happens on every request. */
export interface DailySalts {
  forDay(day: string): Buffer;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const dayMs = 24 * 60 * 60 * 1000;

/** A random salt per day, in this process's memory only (tests; a process whose store is its own). */
export function processSalts(): DailySalts {
  let day = '';
  let salt = Buffer.alloc(0);
  return {
    forDay(today) {
      if (today !== day) {
        day = today;
        salt = randomBytes(32);
      }
      return salt;
    },
  };
}

/**
 * The store's salts (`Store.clientSalt`: the same for every instance on it), fetched ahead: today's
 * and tomorrow's are in memory before they are needed, and refreshed every 10 minutes, so a new day
 * starts with the salt every instance already has. A day not fetched yet (the clock jumped) gets a
 * salt of this process's own until the next refresh brings the shared one.
 */
export async function storeSalts(store: Pick<Store, 'clientSalt'>, now: () => Date = () => new Date()): Promise<DailySalts & { stop(): void }> {
  const salts = new Map<string, Buffer>();
  async function refresh(): Promise<void> {
    const today = dayOf(now());
    for (const day of [today, dayOf(new Date(now().getTime() + dayMs))]) {
      salts.set(day, Buffer.from(await store.clientSalt(day, randomBytes(32).toString('base64')), 'base64'));
    }
    for (const day of salts.keys()) if (day < today) salts.delete(day);
  }
  await refresh();
  const timer = setInterval(() => void refresh().catch((error: unknown) => console.error('[support-kit server] cannot refresh the client hash salts:', (error as Error).message)), 10 * 60_000);
  timer.unref();
  return {
    forDay(day) {
      let salt = salts.get(day);
      if (!salt) {
        salt = randomBytes(32);
        salts.set(day, salt);
        void refresh().catch(() => {});
      }
      return salt;
    },
    stop: () => clearInterval(timer),
  };
}

export function createClientHasher(now: () => Date = () => new Date(), salts: DailySalts = processSalts()) {
  return (address: string): string => createHash('sha256').update(salts.forDay(dayOf(now()))).update(address).digest('hex').slice(0, 32);
}

export type RateLimitAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Makes the limiter that counts `points` hits per key in `duration` seconds, under `keyPrefix`. */
export type HitCounter = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** Counts in PostgreSQL (rate-limiter-flexible's store, in the `rate_limits` table the migrations create), so every instance counts together. */
export function postgresHitCounter(pool: Pool): HitCounter {
  const RateLimiterPostgres = require('rate-limiter-flexible/lib/RateLimiterPostgres.js') as typeof PostgresLimiter;
  return ({ keyPrefix, points, duration }) => new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix, points, duration });
}

/**
 * At most `limit` hits per key per minute; `check` answers how long to wait when over. Each key's
 * window expires on its own, so no number of other clients can reset a limited one. Counted in
 * this process's memory, or through `shared.counter` (the database, for several instances) under
 * `shared.name`.
 */
export function createRateLimiter(limit: number, shared?: { name: string; counter?: HitCounter | undefined }) {
  const options = { keyPrefix: shared?.name ?? 'limit', points: limit, duration: 60 };
  const limiter = shared?.counter ? shared.counter(options) : new RateLimiterMemory(options);
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
