/**
 * Content gaps: searches the knowledge base could not answer (misses) or answered with suggestions
 * nobody opened (weak results), grouped by what they mean rather than how they were typed, and
 * ranked by how often and how recently they happen.
 *
 * Grouping uses the search's own query pipeline (core/search/plan.ts `planSearch`): the words and
 * error codes the search would look up, as Pagefind indexes them (folded, punctuation dropped),
 * without empty words, in alphabetical order, so "Erro 550 no e-mail", "e-mail erro 550" and
 * "ERRO 550 E-MAIL" are one gap. No synonyms: a gap is what customers typed, not what it matched.
 */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import { indexKey, planSearch } from '../../../../core/search/plan.ts';
import type { GapCoverage, QueryOutcome } from '../../store/console-store.ts';
import { daysBetween } from './days.ts';

/** A search as old as this counts half as much as one today; twice as old, a quarter. */
export const halfLifeDays = 14;

/** The markers scrubbing left in a stored query ("[e-mail]"): they are not words anyone searched. */
const scrubMarkers = /\[(?:secret|url|e-mail|number)\]/g;

/** Keys already worked out, across requests: the same few thousand queries come back on every page view. */
const knownKeys = new Map<string, string>();
const knownKeysMax = 50_000;

/** The gap a query belongs to: its search terms, sorted; the query's own words, as indexed, when it has none. */
export function gapKey(query: string): string {
  const known = knownKeys.get(query);
  if (known !== undefined) return known;
  if (knownKeys.size >= knownKeysMax) knownKeys.clear();
  const key = keyOf(query);
  knownKeys.set(query, key);
  return key;
}

function keyOf(query: string): string {
  const bare = query.replace(scrubMarkers, ' ');
  const terms = planSearch(bare).terms.map((term) => term.word).sort();
  return terms.length ? terms.join(' ') : bare.split(/\s+/).map(indexKey).filter(Boolean).join(' ');
}

export interface Gap {
  key: string;
  languages: ContentLanguage[];
  /** Every miss and weak result in the group. */
  searches: number;
  misses: number;
  weak: number;
  endedInTicket: number;
  firstSeen: string;
  lastSeen: string;
  /** Searches weighted by age (half-life `halfLifeDays`): the ranking. */
  score: number;
  /** The most frequent phrasings as stored (scrubbed), at most three. */
  examples: string[];
  coverage?: GapCoverage;
  /** Searches on or after the day it was marked covered: still happening means the article does not answer it. */
  searchesSinceCovered?: number;
}

export function gapReport(outcomes: readonly QueryOutcome[], today: string, coverage: readonly GapCoverage[] = []): Gap[] {
  const covered = new Map(coverage.map((c) => [c.gap, c]));
  const groups = new Map<string, { gap: Gap; phrasings: Map<string, { count: number; last: string }> }>();
  for (const outcome of outcomes) {
    const key = gapKey(outcome.query);
    const first = outcome.days[0]?.day ?? today;
    const last = outcome.days.at(-1)?.day ?? today;
    let group = groups.get(key);
    if (!group) {
      const gap: Gap = { key, languages: [], searches: 0, misses: 0, weak: 0, endedInTicket: 0, firstSeen: first, lastSeen: last, score: 0, examples: [] };
      const coverageOfKey = covered.get(key);
      if (coverageOfKey) Object.assign(gap, { coverage: coverageOfKey, searchesSinceCovered: 0 });
      group = { gap, phrasings: new Map() };
      groups.set(key, group);
    }
    const { gap } = group;
    if (!gap.languages.includes(outcome.lang)) gap.languages.push(outcome.lang);
    gap.searches += outcome.events;
    gap[outcome.kind === 'miss' ? 'misses' : 'weak'] += outcome.events;
    gap.endedInTicket += outcome.endedInTicket;
    if (first < gap.firstSeen) gap.firstSeen = first;
    if (last > gap.lastSeen) gap.lastSeen = last;
    for (const { day, events } of outcome.days) {
      gap.score += events * 0.5 ** (Math.max(0, daysBetween(day, today)) / halfLifeDays);
      if (gap.coverage && day >= gap.coverage.coveredAt.slice(0, 10)) gap.searchesSinceCovered = (gap.searchesSinceCovered ?? 0) + events;
    }
    const phrasing = group.phrasings.get(outcome.query) ?? { count: 0, last };
    phrasing.count += outcome.events;
    if (last > phrasing.last) phrasing.last = last;
    group.phrasings.set(outcome.query, phrasing);
  }
  const gaps = [...groups.values()].map(({ gap, phrasings }) => {
    gap.languages.sort();
    gap.examples = [...phrasings].sort(([a, x], [b, y]) => y.count - x.count || y.last.localeCompare(x.last) || a.localeCompare(b)).slice(0, 3).map(([query]) => query);
    return gap;
  });
  return gaps.sort((a, b) => b.score - a.score || b.searches - a.searches || a.key.localeCompare(b.key));
}
