/**
 * Loads a Pagefind bundle from a knowledge base and searches it: the site's search page, over the
 * full text (the widget searches the compact deflection index, core/search/deflection.ts). The
 * bundle is imported at run time from `basePath`, so nothing loads until someone searches. The
 * vocabulary published beside the bundle comes with it; every search runs the query pipeline and
 * keeps what clears the floor.
 */
import { negations, stopWords } from '../validation/words.ts';
import { indexKey, planSearch, trustPlan, type TermMatch, type Vocabulary } from './plan.ts';
import { rankHits } from './rank.ts';

/** One search hit, ready to show. */
export interface ArticleHit {
  url: string;
  title: string;
  /** Pagefind's excerpt: escaped text with `<mark>` around matched words. */
  excerpt: string;
  /** The department's key (the page's Pagefind filter). */
  department?: string;
  /** Relevance summed over the queries that found it: for ordering, never shown. */
  score: number;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface PagefindResult {
  id: string;
  score: number;
  /** Where the query's words are in the page's body; empty when only its metadata matched. */
  words: number[];
  /** The metadata fields the query matched ("title", "symptoms"), when it matched any. */
  matchedMetaFields?: string[];
  data(): Promise<PagefindData>;
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
}

export interface KbSearch {
  /** The articles that answer a text, best first: the whole pipeline (core/search/query.ts), nothing below the floor. */
  search(text: string, options?: { department?: string; limit?: number }): Promise<ArticleHit[]>;
}

/** The vocabulary's file in each bundle folder, written by the site build beside `pagefind.js`. */
export const vocabularyFileName = 'search-vocabulary.json';

/**
 * Pagefind's ranking. The front matter's `symptoms` and `errors` are metadata fields (never shown,
 * never in an excerpt). Symptoms count like the title. Errors are found as written (their codes and
 * phrases weigh in `planWeights`), but their words get no boost of their own: every error list says
 * "error", "server", "failed", and a title-like boost for those drowned the article the error named.
 * Accents count for nothing: customers skip them. No other metadata field may exist: an exact
 * phrase found in several fields scores by one of them picked at random, so results would wobble.
 */
export const rankingOptions = { metaWeights: { title: 5, symptoms: 5, errors: 1 }, diacriticSimilarity: 0 } as const;

/**
 * Below this summed score an article was found by chance, and nothing is better than it. Pagefind
 * scores a word by its rarity among the articles times how much of the page it is, plus the
 * title's and the symptoms' boosts: a word that most articles use scores under 1, a rare word said
 * once in a body about 2, a word of a title or a symptom 5 and more. So it takes a title or symptom,
 * or several words, or a phrase: "site" alone finds nothing, nor does "futebol" next to "ontem".
 */
export const relevanceFloor = 3;

/** What a word in a title adds, shared among the titles that have it. */
const titleBonus = 5;

/** The published vocabulary as the build writes it (site/src/integrations/pagefind-per-language.ts). */
export interface PublishedVocabulary {
  groups: string[][];
  stopWords: string[];
}

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((w) => typeof w === 'string');

/** The bundle's vocabulary; a KB built before there was one (or a failed request) searches without it. */
async function loadVocabulary(url: string, fetcher: typeof fetch): Promise<Vocabulary> {
  try {
    const response = await fetcher(url);
    const data = (response.ok ? await response.json() : {}) as Partial<PublishedVocabulary>;
    // Validated at build; checked for shape only, so a browser never runs the schema library for it.
    const groups = Array.isArray(data.groups) ? data.groups.filter(strings) : [];
    return { groups, stopWords: new Set(strings(data.stopWords) ? data.stopWords : []) };
  } catch {
    // Synonyms and the longer stop list are an improvement, never a condition.
    return { groups: [] };
  }
}

/** Excerpts mark the words a query matched; a stop word inside a matched phrase is no news to the reader. */
export function unmarkStopWords(excerpt: string, vocabulary: Vocabulary = { groups: [] }): string {
  return excerpt.replace(/<mark>([^<]*)<\/mark>/g, (whole, word: string) => {
    const key = indexKey(word);
    return stopWords.has(key) || vocabulary.stopWords?.has(key) || negations.has(key) ? word : whole;
  });
}

/** Letters a word must share with a typed word that is neither it nor its beginning: "telefonica" and "telefono", not "forbidden" and "for". */
const sharedStem = 6;

/**
 * Whether a word Pagefind does not hold as such was found through a real relative: a word it
 * begins (someone still typing "certif") or one with the same stem the stemmer missed. Pagefind
 * falls back to the longest indexed word that begins the typed one ("as" for "asdfgh"): that is chance.
 */
async function foundItsRelative(term: string, results: readonly PagefindResult[]): Promise<boolean> {
  return (await markedWords(results)).some((marked) => {
    let common = 0;
    while (common < term.length && marked[common] === term[common]) common++;
    return common === term.length || common >= sharedStem;
  });
}

/** The words the first result found in a page's body marks in its excerpt (one fragment fetched). */
async function markedWords(results: readonly PagefindResult[]): Promise<string[]> {
  const inBody = results.find((r) => r.words.length > 0);
  if (!inBody) return [];
  const { excerpt } = await inBody.data();
  return [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => indexKey(m[1] ?? ''));
}

interface Scored {
  result: PagefindResult;
  score: number;
}

/** Imports and initializes the bundle at `basePath` (absolute URL ending in `/`), with its vocabulary. Rejects when the bundle cannot load. */
export async function loadKbSearch(
  basePath: string,
  importer = (url: string) => import(/* @vite-ignore */ url),
  fetcher: typeof fetch = (...args) => fetch(...args),
): Promise<KbSearch> {
  const [pagefind, vocabulary] = await Promise.all([
    importer(`${basePath}pagefind.js`) as Promise<PagefindModule>,
    loadVocabulary(`${basePath}${vocabularyFileName}`, fetcher),
  ]);
  await pagefind.options({ basePath, excerptLength: 22, ranking: rankingOptions });
  await pagefind.init();
  const origin = new URL(basePath).origin;
  return {
    async search(text, { department, limit = 5 } = {}) {
      const plan = planSearch(text, vocabulary);
      const filters = department ? { filters: { department } } : {};
      const run = async (query: string) => (await pagefind.search(query, filters))?.results ?? [];
      const scored = (results: readonly PagefindResult[], weight: number): Scored[] => results.map((result) => ({ result, score: weight * result.score }));
      // Each word alone, loosely (Pagefind's score, title and symptoms included) and quoted (the pages
      // holding the word itself, not only a longer or shorter one).
      const found = await Promise.all(
        plan.terms.map(async (term) => {
          const [loose, exact] = await Promise.all([run(term.word), run(`"${term.word}"`)]);
          const holding = new Set(exact.map((r) => r.id));
          if (holding.size) return { match: 'as-typed' as TermMatch, hits: loose.filter((r) => holding.has(r.id)), exact };
          return (await foundItsRelative(term.word, loose)) ? { match: 'related' as TermMatch, hits: loose } : { match: 'none' as TermMatch, hits: [] };
        }),
      );
      // Pagefind's quoted search still stems ("viola" finds "violato"). Where it decides (most typed
      // words unknown), the excerpt tells whether the word itself is there.
      const typed = found.filter((_, i) => !plan.terms[i]!.from);
      if (typed.length >= 2 && typed.filter((f) => f.match === 'none').length * 2 >= typed.length) {
        await Promise.all(
          found.map(async (f, i) => {
            if (f.match === 'as-typed' && f.exact && !plan.terms[i]!.from && !(await markedWords(f.exact)).includes(plan.terms[i]!.word)) f.match = 'related';
          }),
        );
      }
      const trusted = trustPlan(plan, found.map((f) => f.match));
      const words = plan.terms.map((term, i) => {
        const hits = trusted.terms[i] ? found[i]!.hits : [];
        // A word of one article's title names what it is about, however many articles use it ("senha"
        // is in every one, it is the title of one): Pagefind's title boost scales with rarity, this one
        // with how few titles have the word.
        const titled = hits.filter((r) => r.matchedMetaFields?.includes('title'));
        return [...scored(hits, term.weight), ...titled.map((result) => ({ result, score: (term.weight * titleBonus) / titled.length }))];
      });
      // Then the words found, all together (pages with all of them score twice), and the phrases.
      const known = plan.terms.filter((_, i) => words[i]!.length);
      const [together = [], ...phrases] = await Promise.all([
        known.length >= 2 ? run(known.map((t) => t.word).join(' ')) : Promise.resolve([]),
        ...plan.queries.map((q, i) => (trusted.queries[i] ? run(q.text) : Promise.resolve([]))),
      ]);
      const lists = [...words, scored(together, 1), ...plan.queries.map((q, i) => scored(phrases[i] ?? [], q.weight))];
      const ranked = rankHits(lists, (hit) => hit.result.id, { limit, floor: relevanceFloor });
      // The excerpt of the query that matched most words in the body: all of them together if it can.
      const excerptOf = (id: string) =>
        together.find((r) => r.id === id && r.words.length) ??
        lists.flat().filter((hit) => hit.result.id === id && hit.result.words.length).sort((a, b) => b.score - a.score)[0]?.result;
      const data = await Promise.all(ranked.map(async (hit) => ({ ...(await (excerptOf(hit.result.id) ?? hit.result).data()), score: hit.score })));
      return data.map((d) => ({
        score: d.score,
        // Pagefind answers with site-relative URLs; the widget shows them on another origin.
        url: new URL(d.url, origin).href,
        title: d.meta.title ?? d.url,
        excerpt: unmarkStopWords(d.excerpt, vocabulary),
        department: d.filters.department?.[0],
      }));
    },
  };
}

/** Pagefind excerpts as text/mark segments, so callers render them without innerHTML. */
export function excerptSegments(excerpt: string): { text: string; mark: boolean }[] {
  const decode = (s: string) =>
    s.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[e] ?? '');
  const segments: { text: string; mark: boolean }[] = [];
  const pattern = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (const match of excerpt.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: decode(excerpt.slice(last, match.index)), mark: false });
    segments.push({ text: decode(match[1] ?? ''), mark: true });
    last = match.index + match[0].length;
  }
  if (last < excerpt.length) segments.push({ text: decode(excerpt.slice(last)), mark: false });
  return segments.filter((s) => s.text.length > 0);
}
