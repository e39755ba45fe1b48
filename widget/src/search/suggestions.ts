/**
 * The articles offered while the customer describes the problem: the subject and the pasted error
 * (`deflectionQueries`) each go through the whole search pipeline, then vote with their scores, so
 * an article found by both outranks one that matched a single common word.
 */
import { limits } from '../../../core/contract/limits.ts';
import type { ArticleHit, KbSearch } from '../../../core/search/deflection.ts';
import { contenderShare, rankHits } from '../../../core/search/rank.ts';

export { contenderShare };

/** Sums each article's scores over the texts that found it; keeps real contenders, best first. */
export function rankSuggestions(hitsPerQuery: readonly (readonly ArticleHit[])[], limit: number = limits.suggestions.max): ArticleHit[] {
  return rankHits(hitsPerQuery, (hit) => hit.url, { limit });
}

/** Searches the texts one after another (few, debounced, on the main thread) and ranks what they found. */
export async function suggestArticles(engine: KbSearch, queries: readonly string[], department?: string): Promise<ArticleHit[]> {
  const hitsPerQuery: ArticleHit[][] = [];
  for (const query of queries) hitsPerQuery.push(await engine.search(query, { ...(department ? { department } : {}), limit: limits.suggestions.max }));
  return rankSuggestions(hitsPerQuery);
}
