import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './client.ts';

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
