/**
 * The article collection as the pages use it: checked once for the rules the front-matter schema
 * cannot see (folder vs language, pairs, topics from support.yaml, reserved slugs, components) and
 * for the editorial checks (broken links, orphans, prose promises: CONTENT_CHECKS=warn|fail;
 * missing translations only warn).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { languagePath, type ContentLanguage } from '../../../core/contract/locales.ts';
import { bodyStartLine, componentCheck, contentCheckMode, crossCheck, editorialCheck, slugOf, type ArticleSource } from './content-rules.ts';
import { contentDir } from '../../../core/node/content-dir.ts';
import { loadSupportConfig } from '../../../core/node/load-support-config.ts';

export type Article = CollectionEntry<'articles'>;

export { slugOf };
export { relatedTo, translationOf } from './related-articles.ts';

export function articleUrl(article: Article): string {
  return `/${languagePath[article.data.language]}/${slugOf(article)}/`;
}

let checked: Promise<Article[]> | undefined;

/** What the checks read of an entry: its file named from the working directory ("content/pt-br/x.mdx"), its body and where the body starts. */
function sourceOf(article: Article): ArticleSource {
  // The entry's filePath is relative to the Astro root (site/); the id's segments are the tail under the content folder.
  const tail = (article.filePath ?? `${article.id}.mdx`).split(/[\\/]/).slice(-article.id.split('/').length);
  const file = path.join(contentDir(), ...tail);
  const body = article.body ?? '';
  let bodyLine = 1;
  try {
    bodyLine = bodyStartLine(readFileSync(file, 'utf8'), body);
  } catch {
    // Line numbers then count from the body; the finding still names the file.
  }
  return { id: article.id, filePath: path.relative(process.cwd(), file) || file, data: article.data, body, bodyLine };
}

/** Findings as one message; a long list is cut (`npm run content:report` lists everything). */
function listOf(title: string, findings: readonly string[], limit = 100): string {
  const shown = findings.slice(0, limit);
  const more = findings.length > limit ? `\n  ... and ${findings.length - limit} more: npm run content:report lists them all` : '';
  return `${title}:\n  - ${shown.join('\n  - ')}${more}`;
}

/** All articles, newest first; throws (failing the build) when the content breaks a rule. */
export function allArticles(): Promise<Article[]> {
  checked ??= getCollection('articles').then((articles) => {
    const config = loadSupportConfig();
    const topicKeys = new Set(config.departments.flatMap((d) => d.topics.map((t) => t.key)));
    const sources = articles.map(sourceOf);
    // Read before anything is checked: a mistyped CONTENT_CHECKS stops the build instead of silently warning.
    const mode = contentCheckMode(process.env.CONTENT_CHECKS);
    const problems = [...crossCheck(sources, topicKeys), ...componentCheck(sources, topicKeys)];
    if (problems.length) throw new Error(listOf('Content problems', problems));
    const report = editorialCheck(sources, config);
    const editorial = [...report.brokenLinks, ...report.orphans, ...report.promises];
    if (mode === 'fail' && editorial.length) throw new Error(listOf('Content problems (CONTENT_CHECKS=fail)', editorial));
    const warnings = [...(mode === 'warn' ? editorial : []), ...report.missingPairs];
    if (warnings.length) {
      console.warn(listOf(`Content warnings (${mode === 'warn' ? 'CONTENT_CHECKS=warn: broken links, orphans and prose promises fail the build with CONTENT_CHECKS=fail; ' : ''}missing translations only warn)`, warnings));
    }
    return articles.sort((a, b) => b.data.updated.getTime() - a.data.updated.getTime() || a.data.title.localeCompare(b.data.title));
  });
  return checked;
}

export async function articlesIn(lang: ContentLanguage): Promise<Article[]> {
  return (await allArticles()).filter((a) => a.data.language === lang);
}

/** One entry of articles.json: what votes may name, and what the staff console shows of an article. */
export interface PublishedArticle {
  translationKey: string;
  lang: ContentLanguage;
  title: string;
  /** The page's path (`/pt-br/<slug>/`): how the console matches the article pages events name. */
  path: string;
  /** The front matter's `updated`, YYYY-MM-DD: the console lists stale articles by it. */
  updated: string;
}

/** Each article's translation key with its language, title, page and last real change, in a stable order (articles.json). */
export async function publishedArticles(): Promise<PublishedArticle[]> {
  return (await allArticles())
    .map((a) => ({ translationKey: a.data.translationKey, lang: a.data.language, title: a.data.title, path: articleUrl(a), updated: a.data.updated.toISOString().slice(0, 10) }))
    .sort((a, b) => a.translationKey.localeCompare(b.translationKey) || a.lang.localeCompare(b.lang));
}

// One formatter per language for the whole build: creating an Intl.DateTimeFormat costs about 0.14 ms,
// 1.4 s over a 10,000-page build when every article page made its own.
const longDates = new Map<ContentLanguage, Intl.DateTimeFormat>();

/** An article's date as its page shows it ("26 de novembro de 2026"), in UTC like the front matter. */
export function longDate(date: Date, lang: ContentLanguage): string {
  let format = longDates.get(lang);
  if (!format) longDates.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(date);
}
