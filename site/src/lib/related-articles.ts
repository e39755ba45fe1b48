/**
 * Each article's translation and its related articles, looked up in indexes built once per article
 * list: every article page asks, so scanning or sorting the whole list per page made a 10,000-page
 * build quadratic. Pure (no astro:content), so it is tested in Node.
 */
import type { ContentLanguage } from '../../../core/contract/locales.ts';

/** What the lookups read of an article (a collection entry has all of it). */
export interface RelatableArticle {
  id: string;
  data: { language: ContentLanguage; translationKey: string; topics: readonly string[]; department: string; title: string };
}

interface ArticleIndex<A> {
  byPair: Map<string, A>;
  byTopic: Map<string, A[]>;
  byDepartment: Map<string, A[]>;
  /** Each article's place in title order; equal titles share one. */
  titleRank: Map<A, number>;
  /** Rankings by language, department and topics (see relatedTo). */
  related: Map<string, Ranked<A>>;
}

// The order `a.title.localeCompare(b.title)` gives (the default locale), compared once per pair of
// the list instead of once per pair of candidates on every page: a profile of a 10,000-page build
// put 6 s of its render in relatedTo's sort.
const titleOrder = new Intl.Collator();

const indexes = new WeakMap<readonly RelatableArticle[], ArticleIndex<RelatableArticle>>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexOf<A extends RelatableArticle>(all: readonly A[]): ArticleIndex<A> {
  let index = indexes.get(all) as ArticleIndex<A> | undefined;
  if (!index) {
    index = { byPair: new Map(), byTopic: new Map(), byDepartment: new Map(), titleRank: new Map(), related: new Map() };
    for (const a of all) {
      const { language, translationKey, topics, department } = a.data;
      index.byPair.set(`${language}:${translationKey}`, a);
      for (const topic of topics) push(index.byTopic, `${language}:${topic}`, a);
      push(index.byDepartment, `${language}:${department}`, a);
    }
    const byTitle = [...all].sort((a, b) => titleOrder.compare(a.data.title, b.data.title));
    byTitle.forEach((a, i) => {
      const previous = byTitle[i - 1];
      const same = previous !== undefined && titleOrder.compare(previous.data.title, a.data.title) === 0;
      index!.titleRank.set(a, same ? index!.titleRank.get(previous)! : i);
    });
    indexes.set(all, index);
  }
  return index;
}

/** The same article in another language, if it was translated. */
export function translationOf<A extends RelatableArticle>(article: A, lang: ContentLanguage, all: readonly A[]): A | undefined {
  return indexOf(all).byPair.get(`${lang}:${article.data.translationKey}`);
}

/** What a list of candidates ranked for one language, department and set of topics holds. */
interface Ranked<A> {
  best: A[];
  /** How many articles share a topic: the department fills the list only when they are too few. */
  sharing: number;
}

/**
 * Scores and picks for one language, department and set of topics, leaving out the article `skip`.
 * The best `limit` are kept in one pass, not a sort of every candidate: a candidate passes those
 * before it only with a higher score or an earlier title, so ties keep the list's order as a stable
 * sort would.
 */
function pick<A extends RelatableArticle>(data: RelatableArticle['data'], skip: string | undefined, index: ArticleIndex<A>, limit: number): Ranked<A> {
  const { language, topics, department } = data;
  const scores = new Map<A, number>();
  for (const topic of topics) {
    for (const other of index.byTopic.get(`${language}:${topic}`) ?? []) {
      if (other.id !== skip) scores.set(other, (scores.get(other) ?? (other.data.department === department ? 1 : 0)) + 2);
    }
  }
  const sharing = scores.size;
  // Same department only fills the list when too few articles share a topic.
  if (scores.size < limit) {
    for (const other of index.byDepartment.get(`${language}:${department}`) ?? []) {
      if (other.id !== skip && !scores.has(other)) scores.set(other, 1);
      if (scores.size >= limit * 4) break;
    }
  }
  const best: { article: A; score: number; rank: number }[] = [];
  for (const [other, score] of scores) {
    const rank = index.titleRank.get(other)!;
    let at = best.length;
    while (at > 0 && (score > best[at - 1]!.score || (score === best[at - 1]!.score && rank < best[at - 1]!.rank))) at--;
    if (at < limit) {
      best.splice(at, 0, { article: other, score, rank });
      if (best.length > limit) best.pop();
    }
  }
  return { best: best.map((b) => b.article), sharing };
}

/**
 * Up to `limit` articles of the same language that share topics (2 points a topic, 1 more for the
 * same department) or, when too few do, the department (1 point); the highest scores first, then by
 * title, then in the list's order.
 */
export function relatedTo<A extends RelatableArticle>(article: A, all: readonly A[], limit = 4): A[] {
  const index = indexOf(all);
  const { language, topics, department } = article.data;
  // The ranking depends only on these, which hundreds of articles share: ranked once with the article
  // itself among the candidates, one more than needed, and each page leaves itself out.
  const key = [limit, language, department, ...topics].join('\n');
  let shared = index.related.get(key);
  if (!shared) index.related.set(key, (shared = pick(article.data, undefined, index, limit + 1)));
  // Without itself, the article sees one sharer fewer; when that leaves too few, the department fills
  // in, and that depends on the article: ranked for it alone.
  if (shared.sharing - 1 < limit) return pick(article.data, article.id, index, limit).best;
  return shared.best.filter((other) => other.id !== article.id).slice(0, limit);
}
