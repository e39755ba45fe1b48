/** Calendar arithmetic on the UTC days events are stored under (`YYYY-MM-DD`). */

const dayMs = 24 * 60 * 60 * 1000;

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * dayMs));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / dayMs);

/** The Monday of the ISO week `day` is in, as the store groups weeks. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The days of the last `weeks` weeks up to `now`: from a Monday to today, both included. */
export function lastWeeks(now: Date, weeks: number): { from: string; to: string } {
  const today = dayOf(now);
  return { from: addDays(mondayOf(today), -7 * (weeks - 1)), to: today };
}

/** The last `days` days up to `now`, today included. */
export function lastDays(now: Date, days: number): { from: string; to: string } {
  const today = dayOf(now);
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Every Monday from the week of `from` to the week of `to`. */
export function mondays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let week = mondayOf(from); week <= to; week = addDays(week, 7)) out.push(week);
  return out;
}
