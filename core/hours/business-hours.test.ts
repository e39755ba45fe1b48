import { describe, expect, it } from 'vitest';
import { easterSunday, expectedFirstReply, holidayOn, isOpen, localNow, nextOpening, type HoursMarket } from './business-hours.ts';

/** The Brazilian market as content/support.yaml describes it. */
const br: HoursMarket = {
  timeZone: 'America/Sao_Paulo',
  hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
  firstReply: { high: { businessHours: 2 }, medium: { businessHours: 8 }, low: { businessHours: 16 } },
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

/** The Italian market: a first reply within 7 calendar days. */
const it_: HoursMarket = {
  timeZone: 'Europe/Rome',
  hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
  firstReply: { high: { calendarDays: 7 }, medium: { calendarDays: 7 }, low: { calendarDays: 7 } },
  holidays: [
    { date: 'easter+1', name: "Lunedì dell'Angelo" },
    { date: '12-25', name: 'Natale' },
  ],
};
/** Rome's hours counted in business hours, to check DST in the business-hours walk. */
const rome: HoursMarket = { ...it_, firstReply: br.firstReply };

const at = (iso: string) => new Date(iso);
const reply = (market: HoursMarket, priority: 'low' | 'medium' | 'high', iso: string) =>
  expectedFirstReply(market, priority, at(iso)).toISOString();

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
    expect(isOpen(it_, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(it_, at('2026-03-30T06:59:00Z'))).toBe(false);
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
    expect(nextOpening(it_, at('2027-03-26T18:30:00+01:00')).toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });
});

describe('expected first reply', () => {
  it('Friday 17:30 plus 2 business hours is Monday 10:30', () => {
    expect(reply(br, 'high', '2026-11-13T17:30:00-03:00')).toBe('2026-11-16T13:30:00.000Z');
  });

  it('counts a reply due exactly at closing time on the same day', () => {
    expect(reply(br, 'high', '2026-11-23T16:00:00-03:00')).toBe('2026-11-23T21:00:00.000Z');
  });

  it('on Saturday night starts counting at Monday 09:00', () => {
    expect(reply(br, 'medium', '2026-11-14T22:10:00-03:00')).toBe('2026-11-16T20:00:00.000Z'); // 8 h: Monday 17:00
    expect(reply(br, 'low', '2026-11-14T22:10:00-03:00')).toBe('2026-11-17T19:00:00.000Z'); // 9 h Monday + 7 h: Tuesday 16:00
  });

  it('skips Tiradentes', () => {
    // Monday 20 April 2026 17:00: 1 hour on Monday, Tuesday 21 is Tiradentes, 1 hour on Wednesday.
    expect(reply(br, 'high', '2026-04-20T17:00:00-03:00')).toBe('2026-04-22T13:00:00.000Z');
  });

  it('skips Consciência Negra on Friday 20 November 2026 and the weekend after', () => {
    expect(reply(br, 'high', '2026-11-19T17:00:00-03:00')).toBe('2026-11-23T13:00:00.000Z');
  });

  it('skips Christmas and the weekend after', () => {
    expect(reply(br, 'high', '2026-12-24T17:30:00-03:00')).toBe('2026-12-28T13:30:00.000Z');
  });

  it('skips both days of Carnival 2027', () => {
    expect(reply(br, 'high', '2027-02-05T17:00:00-03:00')).toBe('2027-02-10T13:00:00.000Z');
  });

  it('in Rome, counts business hours across the last Sunday of March', () => {
    // Friday 27 March 2026 17:00 CET (UTC+1) -> Monday 30 March 10:00 CEST (UTC+2).
    expect(reply(rome, 'high', '2026-03-27T17:00:00+01:00')).toBe('2026-03-30T08:00:00.000Z');
  });

  it('in Rome, counts business hours across the last Sunday of October', () => {
    // Friday 23 October 2026 17:00 CEST -> Monday 26 October 10:00 CET.
    expect(reply(rome, 'high', '2026-10-23T17:00:00+02:00')).toBe('2026-10-26T09:00:00.000Z');
  });

  it('in Italy, promises the same time of day 7 days later, even across the change to summer time', () => {
    // Wednesday 25 March 2026 10:00 CET -> Wednesday 1 April 10:00 CEST: 6 days and 23 hours.
    expect(reply(it_, 'medium', '2026-03-25T10:00:00+01:00')).toBe('2026-04-01T08:00:00.000Z');
    expect(reply(it_, 'low', '2026-10-21T10:00:00+02:00')).toBe('2026-10-28T09:00:00.000Z');
  });

  it('keeps the seconds of the moment the ticket was sent', () => {
    expect(reply(it_, 'high', '2026-06-01T10:00:42.500+02:00')).toBe('2026-06-08T08:00:42.500Z');
  });
});
