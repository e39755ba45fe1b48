/**
 * Reads `content/search/synonyms.{language}.yaml` and validates it. A missing file is a language
 * without synonyms; a malformed one stops the build with the file, each field, what was expected and
 * what was found.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ContentLanguage } from '../contract/locales.ts';
import { emptySearchVocabulary, searchVocabularySchema, type SearchVocabulary } from '../contract/search-vocabulary.ts';
import { contentDir } from './content-dir.ts';
import { formatIssues } from './describe-issue.ts';

export class SearchVocabularyError extends Error {
  override name = 'SearchVocabularyError';
}

export function parseSearchVocabulary(source: string, file: string): SearchVocabulary {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (error) {
    throw new SearchVocabularyError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  // An empty file (or one of comments only) is a vocabulary still to be written.
  if (raw === null || raw === undefined) return emptySearchVocabulary;
  const result = searchVocabularySchema.safeParse(raw);
  if (!result.success) {
    const lines = formatIssues(result.error.issues, raw).map((line) => `  - ${line}`);
    throw new SearchVocabularyError(`${file} has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Where the synonyms of a language live. */
export function searchVocabularyFile(language: ContentLanguage, dir = contentDir()): string {
  return path.join(dir, 'search', `synonyms.${language}.yaml`);
}

/** The validated vocabulary of a language, or the empty one when its file does not exist. */
export function loadSearchVocabulary(language: ContentLanguage, dir = contentDir()): SearchVocabulary {
  const file = searchVocabularyFile(language, dir);
  if (!existsSync(file)) return emptySearchVocabulary;
  return parseSearchVocabulary(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
}
