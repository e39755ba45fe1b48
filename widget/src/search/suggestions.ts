/**
 * The articles offered while the customer describes the problem: several queries (the subject, the
 * pasted error, the strongest single words) each vote with their Pagefind score, so an article
 * found by the subject and by the error outranks one that matches a single common word.
 */
import { limits } from '../../../core/contract/limits.ts';
import type { ArticleHit, KbSearch } from '../../../core/search/pagefind.ts';

/** Below this share of the best score a hit is no real contender ("clientes" matches many pages weakly). */
export const contenderShare = 0.2;

/** Sums each article's scores over the queries that found it; keeps real contenders, best first. */
export function rankSuggestions(hitsPerQuery: readonly (readonly ArticleHit[])[], limit: number = limits.suggestions.max): ArticleHit[] {
  const found = new Map<string, ArticleHit>();
  for (const hits of hitsPerQuery) {
    for (const hit of hits) {
      const seen = found.get(hit.url);
      found.set(hit.url, seen ? { ...seen, score: seen.score + hit.score } : hit);
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score);
  const floor = (ranked[0]?.score ?? 0) * contenderShare;
  return ranked.filter((hit) => hit.score >= floor).slice(0, limit);
}

/** Runs the queries one after another (few, debounced, on the main thread) and ranks what they found. */
export async function suggestArticles(engine: KbSearch, queries: readonly string[], department?: string): Promise<ArticleHit[]> {
  const hitsPerQuery: ArticleHit[][] = [];
  for (const query of queries) hitsPerQuery.push(await engine.search(query, { ...(department ? { department } : {}), limit: limits.suggestions.max }));
  return rankSuggestions(hitsPerQuery);
}
