/**
 * The search's vocabulary for one content language: words and phrases customers use for the same
 * thing. Editors write `content/search/synonyms.{pt-BR,it}.yaml`; the build validates it with this
 * schema and publishes it beside each Pagefind bundle (`search-vocabulary.json`), where the search
 * (core/search/pagefind.ts) loads it together with the bundle.
 */
import { z } from 'zod/mini';

/** Bounds of the file: it is downloaded by the widget on every customer's first search. */
export const searchVocabularyBounds = { phrase: { min: 2, max: 60 }, group: { min: 2, max: 20 }, groups: { max: 400 } } as const;

const { phrase, group, groups } = searchVocabularyBounds;

const synonym = z.string().check(z.trim(), z.minLength(phrase.min), z.maxLength(phrase.max), z.regex(/[\p{L}\p{N}]/u, 'a word or a phrase'));

export const searchVocabularySchema = z.strictObject({
  /**
   * Groups of equivalent words or phrases (`[fora do ar, indisponível, não abre, caiu, offline]`): a
   * search for one also finds articles that use another. One meaning per group.
   */
  groups: z.array(z.array(synonym).check(z.minLength(group.min), z.maxLength(group.max))).check(z.maxLength(groups.max)),
});

export type SearchVocabulary = z.infer<typeof searchVocabularySchema>;

/** The vocabulary of a language whose editors wrote none: the search works without synonyms. */
export const emptySearchVocabulary: SearchVocabulary = { groups: [] };
