/**
 * The articles the built knowledge base publishes: SITE_DIR/articles.json, written by the site
 * build (site/src/pages/articles.json.ts) as `[{ translationKey, lang, title, path, updated }]`.
 * Votes name an article by its translation key; the list lets the server refuse votes for articles
 * that do not exist, and gives the staff console titles, pages and dates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contentLanguages, type ContentLanguage } from '../../core/contract/locales.ts';

/** Translation key -> the languages it is published in. */
export type PublishedArticles = ReadonlyMap<string, ReadonlySet<ContentLanguage>>;

// title, path and updated came later: a list built before them still names the articles votes may use.
const listSchema = z.array(z.object({
  translationKey: z.string().min(1),
  lang: z.enum(contentLanguages),
  title: z.string().optional(),
  path: z.string().startsWith('/').optional(),
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
}));

/** One published article as the staff console sees it. */
export type CatalogArticle = z.infer<typeof listSchema>[number];

/**
 * Reads the list once, at start. Without a readable list (the KB is not built here, or is hosted
 * elsewhere) nothing can be checked: answers undefined, so no vote is refused, and says so in one line.
 */
export function loadPublishedArticles(siteDir: string, log: (line: string) => void = (line) => console.warn(line)): PublishedArticles | undefined {
  const list = loadArticleCatalog(siteDir, log);
  if (!list) return undefined;
  const published = new Map<string, Set<ContentLanguage>>();
  for (const { translationKey, lang } of list) published.set(translationKey, (published.get(translationKey) ?? new Set()).add(lang));
  return published;
}

/**
 * The whole list, read once: every published article with what the build said of it. Without a
 * readable list, undefined, said in one line (as for votes).
 */
export function loadArticleCatalog(siteDir: string, log: (line: string) => void = (line) => console.warn(line)): CatalogArticle[] | undefined {
  const file = path.join(siteDir, 'articles.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log(`[support-kit server] no article list at ${file} (${code === 'ENOENT' ? 'the site is not built there' : code ?? 'unreadable'}): votes for any article id are accepted`);
    return undefined;
  }
  try {
    return listSchema.parse(JSON.parse(text));
  } catch {
    log(`[support-kit server] ${file} is not a list of { translationKey, lang } (rebuild the site): votes for any article id are accepted`);
    return undefined;
  }
}
