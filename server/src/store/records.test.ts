import { describe, expect, it } from 'vitest';
import type { FirstReply } from '../../../core/contract/support-config.ts';
import { readReplyExpectation, storedReplyExpectation } from './records.ts';

const queue: FirstReply = { model: 'queue' };
const sevenDays: FirstReply = { model: 'calendar-days', days: 7, departments: ['technical', 'billing'], condition: { 'pt-BR': 'com hospedagem', it: 'con hosting' } };

describe('the stored reply expectation', () => {
  it('keeps each kind in the old column and reads it back the same', () => {
    const cases = [
      [{ kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' }, queue, '2026-11-14T22:10:00.000Z'],
      [{ kind: 'by-date', date: '2026-12-03', days: 7 }, sevenDays, '2026-11-26T09:29:00.000Z'],
      [{ kind: 'none' }, sevenDays, '2026-11-26T09:29:00.000Z'],
    ] as const;
    for (const [expectation, rule, createdAt] of cases) {
      const stored = storedReplyExpectation(expectation);
      expect(readReplyExpectation(stored, rule, 'Europe/Rome', createdAt)).toEqual(expectation);
    }
  });

  it('stores a queue’s next opening as an instant, so anything that shows the column as a date still can', () => {
    expect(Number.isNaN(Date.parse(storedReplyExpectation({ kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' })))).toBe(false);
  });

  it('reads an Italian ticket stored before the policy model, whose column held the deadline to the minute, as its date', () => {
    expect(readReplyExpectation('2026-12-03T09:29:00.000Z', sevenDays, 'Europe/Rome', '2026-11-26T09:29:00.000Z')).toEqual({ kind: 'by-date', date: '2026-12-03', days: 7 });
  });
});
