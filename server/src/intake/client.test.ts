import { describe, expect, it } from 'vitest';
import { createClientHasher, createRateLimiter, processSalts, storeSalts } from './client.ts';

describe('the rate limiter', () => {
  it('keeps a limited client limited however many other clients come by in the same minute', async () => {
    const limiter = createRateLimiter(1);
    expect(await limiter.check('limited')).toEqual({ ok: true });
    expect((await limiter.check('limited')).ok).toBe(false);
    // Our own table used to clear itself past 50,000 keys, letting the limited client through.
    for (let i = 0; i <= 50_001; i++) await limiter.check(`passer-by-${i}`);
    const again = await limiter.check('limited');
    expect(again.ok).toBe(false);
    expect(again.ok === false && again.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('client hashes', () => {
  /** A store's clientSalt as every store implements it (coordination-conformance.ts pins it): the first salt given for a day stays. */
  const sharedStore = () => {
    const kept = new Map<string, string>();
    return {
      async clientSalt(day: string, candidate: string) {
        if (!kept.has(day)) kept.set(day, candidate);
        return kept.get(day)!;
      },
    };
  };

  it('gives a client the same hash on every instance that takes its salts from one store, and another hash the next day', async () => {
    let now = new Date('2026-11-25T23:59:59.000Z');
    const clock = () => now;
    const store = sharedStore();
    const [a, b] = await Promise.all([storeSalts(store, clock), storeSalts(store, clock)]);
    const hashA = createClientHasher(clock, a);
    const hashB = createClientHasher(clock, b);

    expect(hashA('203.0.113.9')).toBe(hashB('203.0.113.9'));
    expect(hashA('203.0.113.9')).not.toBe(hashA('203.0.113.10'));
    const today = hashA('203.0.113.9');
    // Tomorrow's salt was fetched with today's: at midnight both instances already agree.
    now = new Date('2026-11-26T00:00:01.000Z');
    expect(hashA('203.0.113.9')).toBe(hashB('203.0.113.9'));
    expect(hashA('203.0.113.9')).not.toBe(today);
    a.stop();
    b.stop();
  });

  it('gives a client a different hash in each process that keeps its own salts, which is why instances take the store\'s', () => {
    const clock = () => new Date('2026-11-25T12:00:00.000Z');
    expect(createClientHasher(clock, processSalts())('203.0.113.9')).not.toBe(createClientHasher(clock, processSalts())('203.0.113.9'));
  });
});
