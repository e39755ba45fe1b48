import { describe, expect, it } from 'vitest';
import { easterSunday, hasClockTimes, holidayOn, isOpen, localNow, nextOpening, replyExpectation, type ClockedMarket, type HoursMarket } from './business-hours.ts';
import type { Market } from '../contract/support-config.ts';

/** The Brazilian market as content/support.yaml describes it. */
const br: ClockedMarket & Pick<Market, 'firstReply'> = {
  timeZone: 'America/Sao_Paulo',
  hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
  firstReply: { model: 'queue' },
  holidays: [
    { date: '01-01', name: 'Confraternização Universal' },
    { date: 'easter-48', name: 'Carnaval' },
    { date: 'easter-47', name: 'Carnaval' },
    { date: 'easter-2', name: 'Sexta-feira Santa' },
    { date: '04-21', name: 'Tiradentes' },
    { date: '05-01', name: 'Dia do Trabalho' },
    { date: 'easter+60', name: 'Corpus Christi' },
    { date: '11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra' },
    { date: '12-25', name: 'Natal' },
  ],
};

/** The Italian market as content/support.yaml describes it: weekdays without clock times, a 7-day commitment. */
const it_: HoursMarket & Pick<Market, 'firstReply'> = {
  timeZone: 'Europe/Rome',
  hours: { days: [1, 2, 3, 4, 5] },
  firstReply: { model: 'calendar-days', days: 7, departments: ['technical', 'billing'], condition: { 'pt-BR': 'para clientes com hospedagem', it: 'per i clienti con hosting' } },
  holidays: [
    { date: 'easter+1', name: "Lunedì dell'Angelo" },
    { date: '12-25', name: 'Natale' },
  ],
};
/** Rome with clock times, to check the opening walk across Rome's DST changes. */
const rome: ClockedMarket = { ...it_, hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' } };

const at = (iso: string) => new Date(iso);

describe('Easter', () => {
  it('computes Easter Sunday for the years the holidays need', () => {
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(easterSunday(2019)).toEqual({ month: 4, day: 21 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
    expect(easterSunday(2285)).toEqual({ month: 3, day: 22 });
  });
});

describe('holidays', () => {
  it('knows fixed, dated and Easter-relative holidays', () => {
    expect(holidayOn(br, 2026, 4, 21)?.name).toBe('Tiradentes');
    expect(holidayOn(br, 2027, 2, 8)?.name).toBe('Carnaval');
    expect(holidayOn(br, 2027, 2, 9)?.name).toBe('Carnaval');
    expect(holidayOn(br, 2027, 2, 10)).toBeUndefined();
    expect(holidayOn(br, 2027, 3, 26)?.name).toBe('Sexta-feira Santa');
    expect(holidayOn(br, 2026, 6, 4)?.name).toBe('Corpus Christi');
    expect(holidayOn({ holidays: [{ date: '2027-02-08', name: 'Ponte' }] }, 2027, 2, 8)?.name).toBe('Ponte');
    expect(holidayOn({ holidays: [{ date: '2027-02-08', name: 'Ponte' }] }, 2028, 2, 8)).toBeUndefined();
  });
});

describe('local time', () => {
  it('tells the time in Brasília: Saturday 22:10', () => {
    expect(localNow(br, at('2026-11-15T01:10:00Z'))).toEqual({ year: 2026, month: 11, day: 14, weekday: 6, hours: 22, minutes: 10 });
  });

  it('tells the time in Rome in summer and in winter', () => {
    expect(localNow(it_, at('2026-07-01T10:00:00Z'))).toMatchObject({ hours: 12, weekday: 3 });
    expect(localNow(it_, at('2026-12-01T10:00:00Z'))).toMatchObject({ hours: 11, weekday: 2 });
  });
});

describe('local time, remembered by the minute', () => {
  /** The wall clock straight from the platform's formatter, nothing remembered. */
  const formatted = (timeZone: string, at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    return [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number);
  };
  const local = (timeZone: string, at: number) => {
    const t = localNow({ timeZone }, new Date(at));
    return [t.year, t.month, t.day, t.hours, t.minutes];
  };

  it('reads the clock as the formatter does, across offset changes, odd offsets and old local mean times', () => {
    // Around changes: Rome's and Brazil's summer time, Kathmandu's +05:45, Amsterdam's 1937 change from
    // +00:19:32 (not on a UTC minute), Lord Howe's half-hour summer time; every second of the minute around them.
    const changes: [string, string][] = [
      ['Europe/Rome', '2027-03-28T01:00:00Z'],
      ['Europe/Rome', '2027-10-31T01:00:00Z'],
      ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
      ['America/Sao_Paulo', '2019-02-17T02:00:00Z'],
      ['Asia/Kathmandu', '1986-01-01T00:00:00Z'],
      ['Europe/Amsterdam', '1937-06-30T23:40:28Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ];
    for (const [zone, iso] of changes) {
      const change = Date.parse(iso);
      for (let at = change - 90_000; at <= change + 90_000; at += 997) expect(local(zone, at), `${zone} ${new Date(at).toISOString()}`).toEqual(formatted(zone, at));
    }
    // And anywhere in 1900-2060, twice each time (the second one remembered).
    let seed = 42;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const zone = changes[i % changes.length]![0];
      const at = Date.UTC(1900, 0, 1) + Math.floor(random() * 160 * 365.25 * 86_400_000);
      expect(local(zone, at), `${zone} ${new Date(at).toISOString()}`).toEqual(formatted(zone, at));
      expect(local(zone, at + 1234)).toEqual(formatted(zone, at + 1234));
    }
  });
});

describe('open or closed', () => {
  it('is open on a weekday between 09:00 and 18:00 in the market', () => {
    expect(isOpen(br, at('2026-11-23T09:00:00-03:00'))).toBe(true);
    expect(isOpen(br, at('2026-11-23T17:59:00-03:00'))).toBe(true);
    expect(isOpen(br, at('2026-11-23T18:00:00-03:00'))).toBe(false);
    expect(isOpen(br, at('2026-11-23T08:59:00-03:00'))).toBe(false);
  });

  it('is closed on weekends and holidays', () => {
    expect(isOpen(br, at('2026-11-21T10:00:00-03:00'))).toBe(false); // Saturday
    expect(isOpen(br, at('2026-11-20T10:00:00-03:00'))).toBe(false); // Consciência Negra
    expect(isOpen(br, at('2026-12-25T10:00:00-03:00'))).toBe(false);
  });

  it('follows Brazil’s old daylight saving time instead of assuming UTC-3', () => {
    // 3 December 2018: Brasília was on UTC-2, so 11:30 UTC was 09:30 local, not 08:30.
    expect(isOpen(br, at('2018-12-03T11:30:00Z'))).toBe(true);
    expect(localNow(br, at('2018-12-03T11:30:00Z'))).toMatchObject({ hours: 9, minutes: 30 });
  });

  it('follows Rome onto summer time', () => {
    // Monday 30 March 2026, the day after the change: 09:00 in Rome is 07:00 UTC.
    expect(isOpen(rome, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(rome, at('2026-03-30T06:59:00Z'))).toBe(false);
  });

  it('knows no clock times where the policy publishes none (Italy)', () => {
    expect(hasClockTimes(br)).toBe(true);
    expect(hasClockTimes(it_)).toBe(false);
  });
});

describe('next opening', () => {
  it('on Saturday night says Monday 09:00', () => {
    expect(nextOpening(br, at('2026-11-14T22:10:00-03:00')).toISOString()).toBe('2026-11-16T12:00:00.000Z');
  });

  it('while open says now', () => {
    expect(nextOpening(br, at('2026-11-23T10:15:00-03:00')).toISOString()).toBe('2026-11-23T13:15:00.000Z');
  });

  it('before opening says today at 09:00', () => {
    expect(nextOpening(br, at('2026-11-23T07:00:00-03:00')).toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('skips Carnival, computed from Easter 2027', () => {
    // Friday 5 February 2027 evening; Monday 8 and Tuesday 9 are Carnival.
    expect(nextOpening(br, at('2027-02-05T19:00:00-03:00')).toISOString()).toBe('2027-02-10T12:00:00.000Z');
  });

  it('in Rome, after Easter Monday 2027 falls on the first summer-time weekday, says Tuesday 09:00 CEST', () => {
    expect(nextOpening(rome, at('2027-03-26T18:30:00+01:00')).toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });
});

describe('what a customer is told about a first reply', () => {
  it('in Brazil gives no deadline, only when the queue is next worked: Saturday night says Monday 09:00', () => {
    expect(replyExpectation(br, 'technical', at('2026-11-14T22:10:00-03:00'))).toEqual({ kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' });
  });

  it('in Brazil, while support is attending, the queue is worked now', () => {
    expect(replyExpectation(br, 'sales', at('2026-11-23T10:15:00-03:00'))).toEqual({ kind: 'queue', nextOpening: '2026-11-23T13:15:00.000Z' });
  });

  it('in Brazil, after hours on the Friday before Carnival 2027, says Wednesday 09:00', () => {
    expect(replyExpectation(br, 'billing', at('2027-02-05T19:00:00-03:00'))).toEqual({ kind: 'queue', nextOpening: '2027-02-10T12:00:00.000Z' });
  });

  it('in Italy commits to a date 7 days later, never a minute', () => {
    expect(replyExpectation(it_, 'technical', at('2026-11-26T10:29:00+01:00'))).toEqual({ kind: 'by-date', date: '2026-12-03', days: 7 });
  });

  it('in Italy counts the days in Rome: 00:29 on Thursday is Thursday there, whatever UTC says', () => {
    // Wednesday 23:29 UTC is already Thursday 00:29 in Rome.
    expect(replyExpectation(it_, 'billing', at('2026-11-25T23:29:00Z'))).toEqual({ kind: 'by-date', date: '2026-12-03', days: 7 });
  });

  it('in Italy counts calendar days across the change to summer time', () => {
    expect(replyExpectation(it_, 'technical', at('2026-03-25T10:00:00+01:00'))).toMatchObject({ date: '2026-04-01' });
  });

  it('in Italy promises nothing to a sales question', () => {
    expect(replyExpectation(it_, 'sales', at('2026-11-26T10:00:00+01:00'))).toEqual({ kind: 'none' });
  });
});
