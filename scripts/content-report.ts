/**
 * `npm run content:report`: what the editorial checks find in the content folder (CONTENT_DIR, else
 * content/), with the same rules the build runs (site/src/lib/content-rules.ts): broken internal
 * links, orphan articles, missing translations, prose that restates a support.yaml promise,
 * component mistakes, and every article's last review date (`updated`), oldest first. It reads the
 * files directly, so it runs without a build; it always exits 0 (the build is what fails).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { contentLanguages, languagePath } from '../core/contract/locales.ts';
import { contentDir } from '../core/node/content-dir.ts';
import { loadSupportConfig } from '../core/node/load-support-config.ts';
import {
  bodyStartLine,
  componentCheck,
  contentCheckMode,
  crossCheck,
  editorialCheck,
  slugOf,
  type ArticleSource,
} from '../site/src/lib/content-rules.ts';
import { articleSchema } from '../site/src/schemas/article.ts';

/** An article as the report lists it. */
export interface ReportedArticle extends ArticleSource {
  title: string;
  /** YYYY-MM-DD */
  updated: string;
}

/** Every article of the content folder the build would read ({pt-br,it}/**\/*.{md,mdx}), and the files it could not read. */
export function readArticles(dir: string): { articles: ReportedArticle[]; unreadable: string[] } {
  const articles: ReportedArticle[] = [];
  const unreadable: string[] = [];
  for (const lang of contentLanguages) {
    const folder = path.join(dir, languagePath[lang]);
    let names: string[];
    try {
      names = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names.filter((n) => /\.mdx?$/.test(n)).sort()) {
      const file = path.join(folder, name);
      const shown = path.relative(process.cwd(), file) || file;
      const source = readFileSync(file, 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
      const parsed = match ? articleSchema.safeParse(safeYaml(match[1] ?? '')) : undefined;
      if (!match || !parsed?.success) {
        unreadable.push(`${shown}: front matter: ${match ? (parsed?.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? 'not valid YAML') : 'expected a --- block at the top, found none'}`);
        continue;
      }
      const body = source.slice(match[0].length);
      const { data } = parsed;
      articles.push({
        id: `${languagePath[lang]}/${name.replace(/\.mdx?$/, '')}`,
        filePath: shown,
        data,
        body,
        bodyLine: bodyStartLine(source, body),
        title: data.title,
        updated: data.updated.toISOString().slice(0, 10),
      });
    }
  }
  return { articles, unreadable };
}

function safeYaml(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** The report as text: counts, then each finding; the review dates last. */
export function contentReport(dir = contentDir(), checks = process.env.CONTENT_CHECKS): string {
  const config = loadSupportConfig(dir);
  const { articles, unreadable } = readArticles(dir);
  const topicKeys = new Set(config.departments.flatMap((d) => d.topics.map((t) => t.key)));
  const report = editorialCheck(articles, config);
  const always = [...unreadable, ...crossCheck(articles, topicKeys), ...componentCheck(articles, topicKeys)];
  const mode = contentCheckMode(checks);
  const count = (lang: string) => articles.filter((a) => a.data.language === lang).length;
  const section = (title: string, lines: readonly string[]) => [`${title}: ${lines.length}`, ...lines.map((l) => `  ${l}`), ''];
  const width = Math.max(0, ...articles.map((a) => (a.filePath ?? '').length));
  const byAge = [...articles].sort((a, b) => a.updated.localeCompare(b.updated) || slugOf(a).localeCompare(slugOf(b)));
  return [
    `Content report for ${path.relative(process.cwd(), dir) || dir}/: ${articles.length} articles (${contentLanguages.map((l) => `${count(l)} ${l}`).join(', ')})`,
    `CONTENT_CHECKS=${mode}: broken links, orphans and prose promises ${mode === 'fail' ? 'stop' : 'only warn in'} the build; missing translations always only warn; mistakes that always stop it are listed first.`,
    '',
    ...section('Mistakes that stop the build', always),
    ...section('Broken links', report.brokenLinks),
    ...section('Orphans', report.orphans),
    ...section('Missing translations', report.missingPairs),
    ...section('Prose promises', report.promises),
    'Last review (updated), oldest first:',
    ...byAge.map((a) => `  ${a.updated}  ${(a.filePath ?? '').padEnd(width)}  ${a.title}`),
  ].join('\n');
}

if (import.meta.main) {
  console.log(contentReport());
}
