import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff.ts';

describe('backoff', () => {
  it('doubles from one second and stops growing at thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((failures) => backoffDelay(failures, () => 0.5))).toStrictEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('spreads each pause by a quarter either way, never past thirty seconds', () => {
    expect(backoffDelay(1, () => 0)).toBe(750);
    expect(backoffDelay(1, () => 0.999_999)).toBe(1250);
    expect(backoffDelay(4, () => 0)).toBe(6000);
    expect(backoffDelay(6, () => 0)).toBe(22_500);
    expect(backoffDelay(6, () => 0.999_999)).toBe(30_000);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('3600', now)).toBe(3_600_000);
  });

  it('reads an HTTP date as the time until then', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:30 GMT', now)).toBe(90_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', '  ', '-1', '1.5', 'soon', '2 minutes later than never']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
