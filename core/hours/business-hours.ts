/**
 * Business-hours maths in a market's own time zone: whether support is open, when it opens next,
 * and what a customer is told about a first reply. Only `Intl.DateTimeFormat` is used, so DST rules
 * (Rome switches twice a year, Brazil dropped DST in 2019 and could bring it back) come from the
 * platform's time-zone data and are never assumed.
 */
import type { ReplyExpectation } from '../contract/reply-expectation.ts';
import type { Market } from '../contract/support-config.ts';
import type { DepartmentKey } from '../contract/support-keys.ts';

/** The parts of a market this module needs, so callers and tests need not build a whole market. */
export type HoursMarket = Pick<Market, 'timeZone' | 'hours' | 'holidays'>;

/** A market whose policy publishes clock times: only there is "open now" or "opens at" a fact. */
export type ClockedMarket = HoursMarket & { hours: { days: number[]; open: string; close: string } };

/** Whether the market publishes opening and closing times (Italy does not). */
export function hasClockTimes(market: HoursMarket): market is ClockedMarket {
  return market.hours.open !== undefined && market.hours.close !== undefined;
}

/** A wall-clock moment in a time zone; weekday is ISO (1 = Monday ... 7 = Sunday). */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const dayMs = 24 * 60 * 60 * 1000;

/** ISO weekday of a civil date, computed in UTC where every day has 24 hours. */
function isoWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

/** The wall clock in the market's time zone at `at`, e.g. for "Now it is Saturday 22:10 in Brasília". */
export function localNow(market: Pick<Market, 'timeZone'>, at: Date): LocalTime {
  const time = at.getTime();
  // The wall clock's fields are the UTC fields of the instant moved by the offset.
  const wall = new Date(Math.floor(time / 1000) * 1000 + offsetAt(market.timeZone, time));
  const [year, month, day] = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()];
  return { year, month, day, weekday: isoWeekday(year, month, day), hours: wall.getUTCHours(), minutes: wall.getUTCMinutes() };
}

/** Offset of the zone from UTC at `at`, in milliseconds, as the platform's time-zone data says. */
function formattedOffset(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (Math.floor(at / 1000) * 1000);
}

/**
 * Offsets by zone and UTC minute, for the minutes whose first and last millisecond have the same
 * offset (NaN for a minute that holds a change). Formatting costs far more than the rest of these
 * sums, and a server asks for the same few minutes over and over: now, and today's opening and
 * closing instants.
 */
const offsets = new Map<string, number>();

/** Offset of the zone from UTC at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const minute = Math.floor(at / 60_000);
  const key = `${minute} ${timeZone}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = formattedOffset(timeZone, minute * 60_000);
    offset = first === formattedOffset(timeZone, minute * 60_000 + 59_999) ? first : NaN;
    if (offsets.size >= 1000) offsets.clear();
    offsets.set(key, offset);
  }
  return Number.isNaN(offset) ? formattedOffset(timeZone, at) : offset;
}

/** The instant a wall-clock time happens in the zone. In a DST gap the clock is read with the earlier offset. */
function zonedInstant(timeZone: string, year: number, month: number, day: number, minutesOfDay: number): number {
  const wall = Date.UTC(year, month - 1, day) + minutesOfDay * 60_000;
  const first = wall - offsetAt(timeZone, wall);
  // The offset at the first guess may belong to the other side of a DST change: check once more.
  const second = wall - offsetAt(timeZone, first);
  return offsetAt(timeZone, second) === wall - second ? second : first;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian computus). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The holiday on a civil date in the market, if any: "12-25", "2027-02-08" or "easter-2" style dates. */
export function holidayOn(market: Pick<Market, 'holidays'>, year: number, month: number, day: number): Market['holidays'][number] | undefined {
  const monthDay = `${pad(month)}-${pad(day)}`;
  const easter = easterSunday(year);
  const fromEaster = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, easter.month - 1, easter.day)) / dayMs);
  return market.holidays.find((h) => {
    const relative = /^easter([+-]\d+)$/.exec(h.date);
    if (relative) return Number(relative[1]) === fromEaster;
    return h.date === monthDay || h.date === `${year}-${monthDay}`;
  });
}

const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Today's opening window as instants, or null on a closed day. Windows do not span midnight: a close at or before the opening means midnight. */
function windowOn(market: ClockedMarket, year: number, month: number, day: number): { open: number; close: number } | null {
  if (!market.hours.days.includes(isoWeekday(year, month, day)) || holidayOn(market, year, month, day)) return null;
  const open = clockMinutes(market.hours.open);
  const close = clockMinutes(market.hours.close);
  return {
    open: zonedInstant(market.timeZone, year, month, day, open),
    close: zonedInstant(market.timeZone, year, month, day, close > open ? close : 24 * 60),
  };
}

/** Civil dates from `at`'s local date onwards, at most two years (a market that never opens is a config error). */
function* daysFrom(market: HoursMarket, at: number): Generator<{ year: number; month: number; day: number }> {
  const start = localNow(market, new Date(at));
  for (let i = 0; i < 2 * 366; i++) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    yield { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  throw new Error(`[support-ticket] the market in ${market.timeZone} has no opening hours in the next two years`);
}

/** Whether support is attending at `at`: only where clock times exist. */
export function isOpen(market: ClockedMarket, at: Date): boolean {
  const local = localNow(market, at);
  const window = windowOn(market, local.year, local.month, local.day);
  return !!window && window.open <= at.getTime() && at.getTime() < window.close;
}

/** When support is next open: `at` itself if it is open now. Only where clock times exist. */
export function nextOpening(market: ClockedMarket, at: Date): Date {
  for (const { year, month, day } of daysFrom(market, at.getTime())) {
    const window = windowOn(market, year, month, day);
    if (window && at.getTime() < window.close) return new Date(Math.max(at.getTime(), window.open));
  }
  throw new Error('unreachable');
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The market's civil date `days` after `at`'s, as "YYYY-MM-DD" (its own formatter: the widget ships this without the rest). */
function dateAfter(timeZone: string, at: Date, days: number): string {
  let format = dateFormatters.get(timeZone);
  if (!format) dateFormatters.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })));
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)])) as Record<string, number>;
  return new Date(Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, (parts.day ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * A commitment's date, or no promise, for a ticket sent to `department` at `at`; undefined under a
 * queue, whose next opening needs the opening hours (see replyExpectation). Kept apart so the widget
 * can say what a commitment means without shipping the hours and holidays maths.
 */
export function commitment(market: Pick<Market, 'timeZone' | 'firstReply'>, department: DepartmentKey, at: Date): ReplyExpectation | undefined {
  const rule = market.firstReply;
  if (rule.model === 'queue') return undefined;
  return rule.departments.includes(department) ? { kind: 'by-date', date: dateAfter(market.timeZone, at, rule.days), days: rule.days } : { kind: 'none' };
}

/**
 * What a customer sending a ticket to `department` at `at` is told about a first reply, exactly as
 * the market's policy states it: when the queue is next worked (no deadline), a date the company
 * commits to (never a minute: the policy counts days), or nothing.
 */
export function replyExpectation(market: HoursMarket & Pick<Market, 'firstReply'>, department: DepartmentKey, at: Date): ReplyExpectation {
  // The schema demands clock times with a queue; a market built in code without them is attended now.
  return commitment(market, department, at) ?? { kind: 'queue', nextOpening: (hasClockTimes(market) ? nextOpening(market, at) : at).toISOString() };
}
