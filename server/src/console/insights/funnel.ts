/**
 * The deflection funnel from the store's weekly counts: every week of the range (quiet weeks as
 * zeros), totals per language, the deflection rate and its trend.
 *
 * Deflection rate: of the widget sessions that ended in an answer or a ticket, the share the
 * knowledge base answered ("this solved it", not taken back): solved ÷ (solved + ticket sent). A
 * session that was opened and left says neither, so it counts in neither part.
 */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import type { FunnelWeek } from '../../store/console-store.ts';
import { mondays } from './days.ts';

export const funnelSteps = ['sessions', 'searched', 'suggestionOpened', 'solved', 'ticketSent'] as const;
export type FunnelStep = (typeof funnelSteps)[number];
export type FunnelCounts = Record<FunnelStep, number>;

export interface FunnelRow extends FunnelCounts {
  week: string;
  lang: ContentLanguage;
  /** Null when no session ended either way. */
  rate: number | null;
}

export interface LanguageFunnel extends FunnelCounts {
  lang: ContentLanguage;
  rate: number | null;
  /** The latest week's rate minus the mean rate of the (up to) four weeks before it; null without both. */
  trend: number | null;
  /** The latest week with a rate, the one `trend` speaks of. */
  latestWeek: string | null;
}

export interface FunnelReport {
  weeks: string[];
  /** One row per week and language, every week of the range included. */
  rows: FunnelRow[];
  languages: LanguageFunnel[];
}

const zero = (): FunnelCounts => ({ sessions: 0, searched: 0, suggestionOpened: 0, solved: 0, ticketSent: 0 });

export function deflectionRate(counts: Pick<FunnelCounts, 'solved' | 'ticketSent'>): number | null {
  const ended = counts.solved + counts.ticketSent;
  return ended ? counts.solved / ended : null;
}

/** How the latest rate compares with the weeks before it, in rate points (0.05 = 5 percentage points). */
export function rateTrend(rates: readonly (number | null)[], previous = 4): { trend: number | null; index: number } {
  let index = rates.length - 1;
  while (index >= 0 && rates[index] === null) index--;
  if (index < 0) return { trend: null, index };
  const before = rates.slice(Math.max(0, index - previous), index).filter((r): r is number => r !== null);
  if (!before.length) return { trend: null, index };
  return { trend: (rates[index] as number) - before.reduce((a, b) => a + b, 0) / before.length, index };
}

export function funnelReport(weeksFromStore: readonly FunnelWeek[], range: { from: string; to: string }, languages: readonly ContentLanguage[]): FunnelReport {
  const weeks = mondays(range.from, range.to);
  const found = new Map(weeksFromStore.map((w) => [`${w.week} ${w.lang}`, w]));
  const rows: FunnelRow[] = [];
  const report: LanguageFunnel[] = [];
  for (const lang of languages) {
    const total = zero();
    const rates: (number | null)[] = [];
    for (const week of weeks) {
      const counts = { ...zero(), ...pickCounts(found.get(`${week} ${lang}`)) };
      for (const step of funnelSteps) total[step] += counts[step];
      const rate = deflectionRate(counts);
      rates.push(rate);
      rows.push({ week, lang, ...counts, rate });
    }
    const { trend, index } = rateTrend(rates);
    report.push({ lang, ...total, rate: deflectionRate(total), trend, latestWeek: index >= 0 ? (weeks[index] ?? null) : null });
  }
  rows.sort((a, b) => a.week.localeCompare(b.week) || languages.indexOf(a.lang) - languages.indexOf(b.lang));
  return { weeks, rows, languages: report };
}

function pickCounts(week: FunnelWeek | undefined): Partial<FunnelCounts> {
  if (!week) return {};
  const { sessions, searched, suggestionOpened, solved, ticketSent } = week;
  return { sessions, searched, suggestionOpened, solved, ticketSent };
}
