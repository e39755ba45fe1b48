/**
 * Builds the deflection index (core/contract/deflection-index.ts) from the articles of one language:
 * only what names a problem (title, symptoms, errors, summary, headings), words as the query pipeline
 * reads them (core/search/plan.ts), each word's score computed here, once, so the widget only adds
 * numbers up. Pure: the site build (site/src/integrations/deflection-index.ts) writes the files, and
 * tests build small indexes in memory.
 */
import { blockFile, deflectionFields, deflectionIndexVersion, rangeFile, type DeflectionField, type DeflectionManifest } from '../contract/deflection-index.ts';
import { searchStopWords, stopWords } from '../validation/words.ts';
import { textTokens, type Token } from './plan.ts';
import type { PublishedVocabulary } from './pagefind.ts';

/** One article as the index needs it. */
export interface DeflectionArticle {
  /** Its address on the KB: `/pt-br/site-fora-do-ar/`. */
  path: string;
  title: string;
  department: string;
  /** The front matter's description: searched, and shown as the excerpt. */
  summary: string;
  symptoms: readonly string[];
  errors: readonly string[];
  headings: readonly string[];
}

/**
 * What a word is worth in each field, as the search page's Pagefind ranking weighs the same article
 * (core/search/pagefind.ts, `rankingOptions`): a title counts as metadata and as body text, symptoms
 * as metadata only, an error as metadata and in the body's error list, the rest as body text.
 * Headings say what a section solves, a little more than a sentence of it would.
 */
export const fieldWeights: Record<DeflectionField, number> = { title: 6, symptoms: 5, errors: 2, summary: 1, headings: 1.5 };

/** BM25's saturation and length normalisation, as Pagefind sets them (term_saturation 1.4, page_length 0.75). */
const k1 = 1.4;
const b = 0.75;

/** Positions skipped between two symptoms, two errors or two headings: a phrase never spans them. */
const itemGap = 8;

/** Raw JSON characters per word range: a few KB compressed, so a query fetches little it does not need. */
export const defaultShardChars = 3_000;
/** Articles per block: the 5 shown usually cost 5 small blocks. */
export const defaultBlockSize = 4;

export interface DeflectionIndexFile {
  name: string;
  json: string;
}

export interface BuiltDeflectionIndex {
  manifest: DeflectionManifest;
  /** The hashed files the manifest names, and `index.json` (the manifest) last. */
  files: DeflectionIndexFile[];
}

export interface BuildOptions {
  language: string;
  vocabulary: PublishedVocabulary;
  /** A content hash (hex, 8 characters or more) for a file's text: the site build passes SHA-256. */
  hash(text: string): string;
  shardChars?: number;
  blockSize?: number;
}

/** The file the widget fetches first, under `{kb}/deflection/{segment}/`. */
export const manifestFileName = 'index.json';

/** A word's key and the part words of a compound ("e-mail": "email", "mail"; "ERR_CERT_DATE_INVALID": "errcertdateinvalid", "err", "cert", ...). */
function keysOf(token: Token): string[] {
  const parts = token.raw.split(/[^\p{L}\p{N}]+/u).map((part) => part.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  return [...new Set([token.key, ...(parts.length > 1 ? parts : [])])];
}

/**
 * Whether a word is in the index: not a stop word (the search's own list included), not a single
 * letter or digit ("1. Veja..." is a step, not an error code). A phrase's other words are skipped
 * but counted, so "fora do ar" still needs "fora" and "ar" two places apart.
 */
export function indexedWord(extraStopWords: readonly string[]): (key: string) => boolean {
  const skipped = new Set([...stopWords, ...extraStopWords]);
  return (key) => key.length >= 2 && !skipped.has(key);
}

interface Occurrences {
  weighted: number;
  codes: number[];
}

/** The index for `articles` (ids in the order given), split into files. */
export function buildDeflectionIndex(articles: readonly DeflectionArticle[], options: BuildOptions): BuiltDeflectionIndex {
  const indexed = indexedWord(options.vocabulary.stopWords);
  const postings = new Map<string, Map<number, Occurrences>>();
  const lengths: number[] = [];
  articles.forEach((article, id) => {
    const fields: [DeflectionField, readonly string[]][] = [
      ['title', [article.title]], ['symptoms', article.symptoms], ['errors', article.errors], ['summary', [article.summary]], ['headings', article.headings],
    ];
    let position = 0;
    let length = 0;
    for (const [field, items] of fields) {
      const fieldIndex = deflectionFields.indexOf(field);
      for (const item of items) {
        // Not scrubbed: an address or a long number in an article is never searched for (queries are scrubbed), and scrubbing 10,000 articles costs seconds.
        for (const token of textTokens(item)) {
          for (const key of keysOf(token).filter(indexed)) {
            let perArticle = postings.get(key);
            if (!perArticle) postings.set(key, (perArticle = new Map<number, Occurrences>()));
            let seen = perArticle.get(id);
            if (!seen) perArticle.set(id, (seen = { weighted: 0, codes: [] }));
            seen.weighted += fieldWeights[field];
            seen.codes.push(position * deflectionFields.length + fieldIndex);
            length += 1;
          }
          position += 1;
        }
        position += itemGap;
      }
    }
    lengths.push(length);
  });

  const total = articles.length;
  const averageLength = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, total) || 1;
  const keys = [...postings.keys()].sort();
  const entries = keys.map((key) => {
    const perArticle = postings.get(key)!;
    const idf = Math.log(1 + (total - perArticle.size + 0.5) / (perArticle.size + 0.5));
    let previous = 0;
    const list = [...perArticle.entries()].map(([id, seen]) => {
      const norm = 1 - b + (b * lengths[id]!) / averageLength;
      const score = (idf * seen.weighted * (k1 + 1)) / (seen.weighted + k1 * norm);
      const row = [id - previous, Math.max(1, Math.round(score * 10)), ...seen.codes];
      previous = id;
      return row;
    });
    return [key, list] as const;
  });

  const files: DeflectionIndexFile[] = [];
  /** Writes a file named by `name(its hash)`; returns the hash. */
  const emit = (name: (contentHash: string) => string, data: unknown) => {
    const json = JSON.stringify(data);
    const contentHash = options.hash(json);
    files.push({ name: name(contentHash), json });
    return contentHash;
  };

  const shardChars = options.shardChars ?? defaultShardChars;
  const ranges: DeflectionManifest['ranges'] = [];
  let shard: [string, unknown][] = [];
  let chars = 0;
  const flush = () => {
    if (!shard.length && ranges.length) return;
    const i = ranges.length;
    ranges.push([i ? shard[0]![0] : '', emit((h) => rangeFile(i, h), { terms: Object.fromEntries(shard) })]);
    shard = [];
    chars = 0;
  };
  for (const [key, list] of entries) {
    const size = key.length + JSON.stringify(list).length + 4;
    if (chars && chars + size > shardChars) flush();
    shard.push([key, list]);
    chars += size;
  }
  flush();

  const blockSize = options.blockSize ?? defaultBlockSize;
  const blocks: string[] = [];
  for (let from = 0; from < total; from += blockSize) {
    const i = blocks.length;
    blocks.push(emit((h) => blockFile(i, h), { articles: articles.slice(from, from + blockSize).map((a) => [a.path, a.title, a.summary]) }));
  }

  const departments = [...new Set(articles.map((a) => a.department))].sort();
  const manifest: DeflectionManifest = {
    version: deflectionIndexVersion,
    language: options.language,
    articles: total,
    departments,
    articleDepartments: articles.map((a) => departments.indexOf(a.department)),
    vocabulary: { groups: options.vocabulary.groups.map((g) => [...g]), stopWords: [...options.vocabulary.stopWords] },
    ranges,
    blockSize,
    blocks,
  };
  files.push({ name: manifestFileName, json: JSON.stringify(manifest) });
  return { manifest, files };
}

/** What each language publishes with its search files: the editors' synonyms and the search's stop words beyond `stopWords` (fetched, never bundled into the widget). */
export function publishVocabulary(vocabulary: { groups: readonly (readonly string[])[] }): PublishedVocabulary {
  return { groups: vocabulary.groups.map((group) => [...group]), stopWords: [...searchStopWords].filter((w) => !stopWords.has(w)) };
}
