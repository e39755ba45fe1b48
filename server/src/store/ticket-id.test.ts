import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ticket-id.ts';

describe('timeOrderedId', () => {
  it('is a UUID of version 7 with the RFC 9562 variant', () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the milliseconds in its first 48 bits', () => {
    const at = Date.UTC(2026, 10, 26, 9, 30, 15, 123);
    expect(Number.parseInt(timeOrderedId(at).replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    // The largest time 48 bits hold (year 10889), and the epoch.
    expect(timeOrderedId(2 ** 48 - 1).startsWith('ffffffff-ffff-7')).toBe(true);
    expect(timeOrderedId(0).startsWith('00000000-0000-7')).toBe(true);
  });

  it('sorts by creation time as text, which is how the indexes order it', () => {
    const times = [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1) + 1, Date.UTC(2026, 5, 1), Date.UTC(2031, 0, 1)];
    const ids = times.map((t) => timeOrderedId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between ids made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(1_800_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('refuses a time its 48 bits cannot hold rather than making a malformed id', () => {
    for (const bad of [-1, 2 ** 48, 1.5, Number.NaN]) expect(() => timeOrderedId(bad), String(bad)).toThrow(RangeError);
  });
});
