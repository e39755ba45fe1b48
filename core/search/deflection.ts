/**
 * The widget's search: the deflection index (core/contract/deflection-index.ts) loaded from a KB and
 * searched with the query pipeline (core/search/plan.ts), as core/search/pagefind.ts searches the
 * full-text bundle for the search page, but over titles, symptoms, errors, summaries and headings
 * only, scored at build time. A query fetches the word ranges its words fall in and the blocks of
 * the articles it shows, each once per session; everything else is arithmetic.
 */
import {
  blockFile, deflectionArticlesSchema, deflectionFields, deflectionManifestSchema, deflectionTermsSchema, rangeFile, type DeflectionManifest,
} from '../contract/deflection-index.ts';
import type { z } from 'zod/mini';
import { negations } from '../validation/words.ts';
import { indexedWord, manifestFileName } from './deflection-build.ts';
import type { ArticleHit, KbSearch } from './pagefind.ts';
import { indexKey, pagefindTokens, planSearch, sameWord, trustPlan, wordStem, type PlannedTerm, type TermMatch, type Vocabulary } from './plan.ts';
import { contenderShare } from './rank.ts';

export type { ArticleHit, KbSearch };

/** `{kb}/deflection/{pt-br|it}/`: the deflection index of a KB origin and a language path segment. */
export function bundleUrl(kbOrigin: string, languageSegment: string): string {
  return new URL(`/deflection/${languageSegment}/`, kbOrigin).href;
}

/** A file of the index that is missing or not what the schema says: the widget goes on without suggestions. */
export class DeflectionIndexError extends Error {
  override name = 'DeflectionIndexError';
}

/**
 * Below this summed score an article was found by chance. A word scores by its rarity among the
 * articles and the field it is in (core/search/deflection-build.ts): a word most articles share
 * scores under 1, a rare word of a summary about 2 to 3, of a title or a symptom 4 and more, and a
 * word of one article's title adds `titleBonus`. It takes a title or symptom, or several words, or
 * a phrase: "site" alone finds nothing, nor does a near-miss of a nonsense word.
 */
export const deflectionFloor = 3;

/** What a word in a title adds, shared among the titles that have it (as on the search page). */
const titleBonus = 5;

/** Letters a word must share with a typed word that is neither it nor its beginning: "telefonica" and "telefono", not "forbidden" and "for". */
const sharedStem = 6;

interface Posting {
  id: number;
  score: number;
  /** Occurrence codes: `position * fields + field`. */
  codes: number[];
}

const fieldCount = deflectionFields.length;
const titleField = deflectionFields.indexOf('title');

/** An article's postings of the words it matched, by id. */
type Found = Map<number, { score: number; words: Set<string>; title: boolean }>;

/** The index as the search reads it: words looked up after their ranges have loaded. */
export interface DeflectionSource {
  manifest: DeflectionManifest;
  /** Loads the word ranges that may hold words beginning with each prefix. */
  loadPrefixes(prefixes: readonly string[]): Promise<void>;
  /** Loaded words beginning with `prefix`, with their postings. */
  wordsWithPrefix(prefix: string): Iterable<[string, Posting[]]>;
  postings(word: string): Posting[] | undefined;
  /** `[path, title, summary]` of each id. */
  articles(ids: readonly number[]): Promise<[string, string, string][]>;
}

/** The shortest beginning a word's relatives share with it: itself, its stem, or `sharedStem` letters. */
function relativePrefix(word: string): string {
  return [word, wordStem(word), word.slice(0, sharedStem)].reduce((a, c) => (c.length < a.length ? c : a));
}

/** A word the index holds that stands for a typed word it does not: a longer form (still typing) or the same stem. */
function isRelative(indexed: string, typed: string): boolean {
  if (indexed.startsWith(typed) || sameWord(indexed, typed)) return true;
  let common = 0;
  while (common < typed.length && indexed[common] === typed[common]) common++;
  // An indexed word that only begins the typed one ("quanti" in "quantistico") is chance, not a relative.
  return common >= sharedStem && common < indexed.length;
}

function add(found: Found, word: string, list: readonly Posting[]) {
  for (const p of list) {
    const seen = found.get(p.id);
    const title = p.codes.some((c) => c % fieldCount === titleField);
    if (!seen) found.set(p.id, { score: p.score, words: new Set([word]), title });
    else {
      seen.score = Math.max(seen.score, p.score);
      seen.words.add(word);
      seen.title ||= title;
    }
  }
}

/** The articles holding a typed word: the word itself if any article has it, else its relatives. */
function lookUp(source: DeflectionSource, word: string): Found {
  const found: Found = new Map();
  const exact = source.postings(word);
  if (exact) add(found, word, exact);
  else for (const [indexed, list] of source.wordsWithPrefix(relativePrefix(word))) if (isRelative(indexed, word)) add(found, indexed, list);
  return found;
}

/** Where a word of a phrase is in each article, in any form of the same word. */
type Placed = Map<number, { positions: number[]; score: number; words: Set<string> }>;

function positionsOf(source: DeflectionSource, word: string): Placed {
  const out: Placed = new Map();
  for (const [indexed, list] of source.wordsWithPrefix(relativePrefix(word))) {
    if (indexed !== word && !sameWord(indexed, word)) continue;
    for (const p of list) {
      let entry = out.get(p.id);
      if (!entry) out.set(p.id, (entry = { positions: [], score: 0, words: new Set() }));
      for (const code of p.codes) entry.positions.push(Math.floor(code / fieldCount));
      entry.score = Math.max(entry.score, p.score);
      entry.words.add(indexed);
    }
  }
  return out;
}

/**
 * What each word is found in, worked out once per session: a word's ranges are whole once loaded,
 * so its articles never change, and a customer typing on asks for the same words again and again.
 */
interface Lookups {
  holders(word: string): Found;
  placed(word: string): Placed;
}

function lookups(source: DeflectionSource): Lookups {
  const holders = new Map<string, Found>();
  const placed = new Map<string, Placed>();
  return {
    holders: (word) => holders.get(word) ?? holders.set(word, lookUp(source, word)).get(word)!,
    placed: (word) => placed.get(word) ?? placed.set(word, positionsOf(source, word)).get(word)!,
  };
}

/** Articles with the words of a query: in a row for a "quoted phrase" (stop words skipped but counted), anywhere otherwise. */
function matchQuery(words: Lookups, text: string, isIndexed: (key: string) => boolean, allowed: (id: number) => boolean): Found {
  const quoted = /^"(.*)"$/.exec(text);
  const keys = pagefindTokens(quoted?.[1] ?? text).map((t) => t.key);
  const indexed = keys.map((key, offset) => ({ key, offset })).filter((w) => isIndexed(w.key));
  const found: Found = new Map();
  if (!indexed.length) return found;
  const each = indexed.map((w) => words.placed(w.key));
  // From the rarest word: it has the fewest articles to check.
  const rarest = each.reduce((a, m) => (m.size < a.size ? m : a));
  const r = each.indexOf(rarest);
  for (const [id, own] of rarest) {
    if (!allowed(id) || !each.every((m) => m.has(id))) continue;
    const inRow = !quoted || own.positions.some((at) => indexed.every((w, i) => each[i]!.get(id)!.positions.includes(at - indexed[r]!.offset + w.offset)));
    if (!inRow) continue;
    found.set(id, { score: each.reduce((sum, m) => sum + m.get(id)!.score, 0), words: new Set(each.flatMap((m) => [...m.get(id)!.words])), title: false });
  }
  return found;
}

/** The plan's prefixes to load: each term's relatives, each phrase word's forms. */
function prefixesOf(terms: readonly PlannedTerm[], queries: readonly { text: string }[]): string[] {
  const words = [...terms.map((t) => t.word), ...queries.flatMap((q) => pagefindTokens(q.text.replace(/^"|"$/g, '')).map((t) => t.key))];
  return [...new Set(words.filter((w) => w.length > 0).map(relativePrefix))];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The summary, escaped, with `<mark>` around the words the query matched (never a stop word: they are not in the index). */
export function markSummary(summary: string, matched: ReadonlySet<string>): string {
  return summary.replace(/[\p{L}\p{N}]+(?:[-.:_]+[\p{L}\p{N}]+)*|[^\p{L}\p{N}]+/gu, (piece) => {
    const key = indexKey(piece);
    return key && matched.has(key) && !negations.has(key) ? `<mark>${escapeHtml(piece)}</mark>` : escapeHtml(piece);
  });
}

/** Searches a loaded index: the pipeline of core/search/pagefind.ts, over the index's own scores. */
export function deflectionSearch(source: DeflectionSource, origin: string): KbSearch {
  const { manifest } = source;
  const vocabulary: Vocabulary = { groups: manifest.vocabulary.groups, stopWords: new Set(manifest.vocabulary.stopWords) };
  const words = lookups(source);
  return {
    async search(text, { department, limit = 5 } = {}) {
      const plan = planSearch(text, vocabulary);
      await source.loadPrefixes(prefixesOf(plan.terms, plan.queries));
      const wanted = department === undefined ? -2 : manifest.departments.indexOf(department);
      const allowed = (id: number) => wanted === -2 || manifest.articleDepartments[id] === wanted;
      const isIndexed = indexedWord(manifest.vocabulary.stopWords);
      // Scores summed per article in one array: common words reach thousands of articles, and this runs on every pause in typing.
      const totals = new Float64Array(manifest.articles);
      const touched: number[] = [];
      const credit = (id: number, score: number) => {
        if (totals[id] === 0) touched.push(id);
        totals[id]! += score;
      };
      const addUp = (found: Found, weight: number) => {
        for (const [id, f] of found) if (allowed(id)) credit(id, (weight * f.score) / 10);
      };
      // Each word alone; an article whose title has it gains a bonus shared among the titles that have it.
      const holders = plan.terms.map((term) => words.holders(term.word));
      const matches = holders.map((found, i): TermMatch => (!found.size ? 'none' : [...found.values()].some((f) => f.words.has(plan.terms[i]!.word)) ? 'as-typed' : 'related'));
      const trusted = trustPlan(plan, matches);
      const perTerm = holders.map((found, i) => (trusted.terms[i] ? found : new Map() as Found));
      perTerm.forEach((found, i) => {
        const term = plan.terms[i]!;
        addUp(found, term.weight);
        const titled = [...found].filter(([id, f]) => f.title && allowed(id));
        for (const [id] of titled) credit(id, (term.weight * titleBonus) / titled.length);
      });
      // The words found, all together (articles with all of them score again), then the phrases.
      const known = perTerm.filter((found) => [...found.keys()].some(allowed));
      if (known.length >= 2) {
        const rarest = known.reduce((a, m) => (m.size < a.size ? m : a));
        for (const id of rarest.keys()) {
          if (allowed(id) && known.every((m) => m.has(id))) credit(id, known.reduce((sum, m) => sum + m.get(id)!.score, 0) / 10);
        }
      }
      const phrases = plan.queries.map((query, i) => (trusted.queries[i] ? matchQuery(words, query.text, isIndexed, allowed) : new Map() as Found));
      phrases.forEach((found, i) => addUp(found, plan.queries[i]!.weight));
      // As `rankHits` cuts: the absolute floor, and a share of the best.
      const best = touched.reduce((max, id) => Math.max(max, totals[id]!), 0);
      const cut = Math.max(deflectionFloor, best * contenderShare);
      const ranked = touched
        .filter((id) => totals[id]! >= cut)
        .sort((a, b) => totals[b]! - totals[a]!)
        .slice(0, limit)
        .map((id) => ({ id, score: totals[id]! }));
      const shown = await source.articles(ranked.map((hit) => hit.id));
      return ranked.map((hit, i) => {
        const [path, title, summary] = shown[i]!;
        return {
          score: hit.score,
          url: new URL(path, origin).href,
          title,
          // The words that found it, in any query: marked in its summary.
          excerpt: markSummary(summary, new Set([...perTerm, ...phrases].flatMap((found) => [...(found.get(hit.id)?.words ?? [])]))),
          department: manifest.departments[manifest.articleDepartments[hit.id] ?? -1],
        };
      });
    },
  };
}

/** Decodes a word's `[id delta, score, ...codes]` rows. */
function decode(rows: readonly (readonly number[])[]): Posting[] {
  let id = 0;
  return rows.map(([delta = 0, score = 0, ...codes]) => ({ id: (id += delta), score, codes }));
}

/** Fetches and validates one file of the index; each file is fetched once (a failed fetch is tried again next time). */
function fileLoader(baseUrl: string, fetcher: typeof fetch) {
  const cache = new Map<string, Promise<unknown>>();
  return <S extends z.ZodMiniType>(name: string, schema: S): Promise<z.infer<S>> => {
    let loading = cache.get(name) as Promise<z.infer<S>> | undefined;
    if (!loading) {
      loading = (async () => {
        const url = new URL(name, baseUrl).href;
        const response = await fetcher(url);
        if (!response.ok) throw new DeflectionIndexError(`${url}: HTTP ${response.status}`);
        const parsed = schema.safeParse(await response.json().catch(() => undefined));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new DeflectionIndexError(`${url}: not a deflection index file (${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'malformed'})`);
        }
        return parsed.data;
      })();
      cache.set(name, loading);
      loading.catch(() => cache.delete(name));
    }
    return loading;
  };
}

/** Loads the manifest at `baseUrl` (absolute, ending in `/`); rejects with a `DeflectionIndexError` when it is missing or malformed. */
export async function loadDeflectionSearch(baseUrl: string, fetcher: typeof fetch = (...args) => fetch(...args)): Promise<KbSearch> {
  const load = fileLoader(baseUrl, fetcher);
  const manifest = await load(manifestFileName, deflectionManifestSchema);
  if (manifest.articleDepartments.length !== manifest.articles || manifest.blocks.length !== Math.ceil(manifest.articles / manifest.blockSize)) {
    throw new DeflectionIndexError(`${baseUrl}${manifestFileName}: its article counts disagree`);
  }
  const words = new Map<string, Posting[]>();
  const raw = new Map<string, readonly (readonly number[])[]>();
  const sortedWords: string[] = [];
  const loadedShards = new Set<number>();
  /** Ranges that may hold words beginning with `prefix`: from the last range starting at or before it, while ranges start with it. */
  const shardsFor = (prefix: string) => {
    const { ranges } = manifest;
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![0] <= prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = [Math.max(0, lo - 1)];
    for (let i = lo; i < ranges.length && ranges[i]![0].startsWith(prefix); i++) out.push(i);
    return out;
  };
  const source: DeflectionSource = {
    manifest,
    async loadPrefixes(prefixes) {
      const needed = [...new Set(prefixes.flatMap(shardsFor))].filter((i) => !loadedShards.has(i));
      const shards = await Promise.all(needed.map((i) => load(rangeFile(i, manifest.ranges[i]![1]), deflectionTermsSchema)));
      shards.forEach((shard, n) => {
        if (loadedShards.has(needed[n]!)) return;
        loadedShards.add(needed[n]!);
        for (const [word, rows] of Object.entries(shard.terms)) {
          raw.set(word, rows);
          sortedWords.push(word);
        }
      });
      if (shards.length) sortedWords.sort();
    },
    *wordsWithPrefix(prefix) {
      // Binary search for the first word >= prefix, then walk while the words begin with it.
      let lo = 0;
      let hi = sortedWords.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedWords[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sortedWords.length && sortedWords[i]!.startsWith(prefix); i++) {
        const word = sortedWords[i]!;
        yield [word, source.postings(word)!];
      }
    },
    postings(word) {
      let list = words.get(word);
      if (!list) {
        const rows = raw.get(word);
        if (!rows) return undefined;
        words.set(word, (list = decode(rows)));
      }
      return list;
    },
    async articles(ids) {
      const blocks = await Promise.all(
        ids.map((id) => {
          const i = Math.floor(id / manifest.blockSize);
          return load(blockFile(i, manifest.blocks[i] ?? ''), deflectionArticlesSchema);
        }),
      );
      return ids.map((id, i) => {
        const article = blocks[i]!.articles[id % manifest.blockSize];
        if (!article) throw new DeflectionIndexError(`${baseUrl}: article ${id} is missing from its block`);
        return article;
      });
    },
  };
  return deflectionSearch(source, new URL(baseUrl).origin);
}
