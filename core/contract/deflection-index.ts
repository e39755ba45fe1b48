/**
 * The deflection index: what the widget searches while the customer types, one per content language,
 * written by the site build (site/src/integrations/deflection-index.ts) beside, not inside, the
 * full-text Pagefind bundle the search page keeps. It holds only what names a problem (titles,
 * symptoms, errors, summaries and headings), scored at build time as the query pipeline ranks them.
 *
 * Files, under `{kb}/deflection/{pt-br|it}/`:
 * - `index.json`: the manifest (this schema), fetched first; the only file without a hash in its name;
 * - `terms-<n>.<hash>.json`: the postings of a range of words (sorted), so a query fetches only the
 *   ranges its words fall in (a still-typed word's longer forms are in the same range);
 * - `articles-<n>.<hash>.json`: a block of articles (address, title, summary), fetched for the hits shown.
 * Hashed files never change: a host can cache them for good. The widget validates every file with
 * these schemas and goes on without suggestions when one is missing or malformed.
 */
import { z } from 'zod/mini';

/** Bumped when the files' meaning changes: a widget meeting another version searches nothing. */
export const deflectionIndexVersion = 1;

/** Where each field of an article is, in an occurrence code (`position * fieldCount + field`). */
export const deflectionFields = ['title', 'symptoms', 'errors', 'summary', 'headings'] as const;
export type DeflectionField = (typeof deflectionFields)[number];

const count = z.number().check(z.int(), z.nonnegative());
const hash = z.string().check(z.regex(/^[0-9a-f]{8,64}$/, 'a content hash in hexadecimal'));

/** The file of word range `i`, and of article block `i`, with the hash of its content. */
export const rangeFile = (i: number, contentHash: string) => `terms-${i}.${contentHash}.json`;
export const blockFile = (i: number, contentHash: string) => `articles-${i}.${contentHash}.json`;

export const deflectionManifestSchema = z.strictObject({
  version: z.literal(deflectionIndexVersion),
  /** The content language (BCP 47). */
  language: z.string(),
  /** Articles in the index; their ids are 0 to `articles - 1`. */
  articles: count,
  /** Department keys; `articleDepartments[id]` is an index into this list. */
  departments: z.array(z.string()),
  articleDepartments: z.array(count),
  /** The editors' synonym groups and the search's extra stop words, as `search-vocabulary.json` carries them. */
  vocabulary: z.strictObject({ groups: z.array(z.array(z.string())), stopWords: z.array(z.string()) }),
  /**
   * Word ranges, sorted, as `[first word, hash]`: range `i` holds the words from its first word
   * (inclusive) to the next range's, in `rangeFile(i, hash)`. The first range's first word is "".
   */
  ranges: z.array(z.tuple([z.string(), hash])).check(z.minLength(1)),
  /** Article blocks: ids `i * blockSize` to `(i + 1) * blockSize - 1` are in `blockFile(i, blocks[i])`. */
  blockSize: count.check(z.positive()),
  blocks: z.array(hash),
});
export type DeflectionManifest = z.infer<typeof deflectionManifestSchema>;

/**
 * The postings of a range of words: per word (folded, as `indexKey` writes it), per article that has
 * it, `[id delta, score * 10, ...occurrences]`: the id as the difference from the previous article's,
 * the word's build-time score rounded to tenths, and where the word is (`position * 5 + field`, the
 * field an index into `deflectionFields`), so phrases can be matched and titles recognised.
 */
export const deflectionTermsSchema = z.strictObject({
  terms: z.record(z.string(), z.array(z.array(count).check(z.minLength(3)))),
});
export type DeflectionTerms = z.infer<typeof deflectionTermsSchema>;

/** A block of articles: `[path on the KB, title, summary]`, in id order. */
export const deflectionArticlesSchema = z.strictObject({
  articles: z.array(z.tuple([z.string().check(z.regex(/^\//)), z.string(), z.string()])),
});
export type DeflectionArticles = z.infer<typeof deflectionArticlesSchema>;
