/**
 * How hits found by several queries become one list, for the search (core/search/pagefind.ts, over
 * Pagefind's results) and for the widget's suggestions (over the articles each text found).
 */

/** Below this share of the best score a hit is no real contender ("clientes" matches many pages weakly). */
export const contenderShare = 0.2;

export interface RankOptions {
  limit: number;
  /** Absolute: an article scoring less was found by chance (a common word, a near-miss of a nonsense word). */
  floor?: number;
  /** Relative: a share of the best score. */
  share?: number;
}

/**
 * Adds up each item's scores over the lists that found it (an article found by the subject and by
 * the pasted error outranks one that matches a single common word), then keeps the real contenders,
 * best first. Each item is the one its best list found, with the summed score.
 */
export function rankHits<T extends { score: number }>(lists: readonly (readonly T[])[], key: (item: T) => string, options: RankOptions): T[] {
  const found = new Map<string, { item: T; best: number; total: number }>();
  for (const list of lists) {
    for (const item of list) {
      const id = key(item);
      const seen = found.get(id);
      if (!seen) found.set(id, { item, best: item.score, total: item.score });
      else {
        seen.total += item.score;
        if (item.score > seen.best) Object.assign(seen, { item, best: item.score });
      }
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.total - a.total);
  const cut = Math.max(options.floor ?? 0, (ranked[0]?.total ?? 0) * (options.share ?? contenderShare));
  return ranked
    .filter((entry) => entry.total > 0 && entry.total >= cut)
    .slice(0, options.limit)
    .map((entry) => ({ ...entry.item, score: entry.total }));
}
