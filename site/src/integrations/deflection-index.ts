/**
 * Writes each language's deflection index (core/contract/deflection-index.ts) into
 * `dist/deflection/{pt-br|it}/`: what the widget searches while the customer types, much smaller than
 * the full-text Pagefind bundle the search page keeps. Read from the built article pages, the same
 * HTML Pagefind indexes, so both searches see the same titles, symptoms and errors.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentLanguages, languagePath } from '../../../core/contract/locales.ts';
import { loadSearchVocabulary } from '../../../core/node/load-search-vocabulary.ts';
import { buildDeflectionIndex, publishVocabulary, type DeflectionArticle } from '../../../core/search/deflection-build.ts';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text of an HTML fragment: tags dropped, entities decoded, spaces squeezed. */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (entities[e] ?? whole),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The list a hidden metadata span holds (`symptoms`, `errors`), as site/src/pages/[lang]/[slug].astro joins it. */
function metaList(html: string, name: string): string[] {
  const match = new RegExp(`<span hidden data-pagefind-meta="${name}"[^>]*>([^<]*)</span>`).exec(html);
  return match ? text(match[1]!).split(' · ').filter(Boolean) : [];
}

/**
 * One built page as the index needs it, or nothing for a page that is no article (home, search,
 * ticket pages). The article's searchable body is `data-pagefind-body`; its headings are those the
 * author wrote, not the template's list of errors (already indexed as errors).
 */
export function articleFromPage(html: string, pagePath: string): DeflectionArticle | undefined {
  const department = /<span hidden data-pagefind-filter="department"[^>]*>([^<]*)<\/span>/.exec(html)?.[1];
  const bodyStart = html.indexOf('data-pagefind-body');
  if (!department || bodyStart < 0) return undefined;
  const ends = ['<section class="errors"', '<div class="actions'].map((marker) => html.indexOf(marker, bodyStart)).filter((i) => i >= 0);
  const body = html.slice(bodyStart, Math.min(...ends, html.length));
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1];
  const summary = /<p class="lead"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1];
  if (title === undefined) return undefined;
  const headings = [...body.matchAll(/<h([2-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => text(m[2]!)).filter(Boolean);
  return { path: pagePath, title: text(title), department: text(department), summary: text(summary ?? ''), symptoms: metaList(html, 'symptoms'), errors: metaList(html, 'errors'), headings };
}

/** 12 hex digits: the file names carry their index too, so this only has to tell versions of one file apart. */
const sha256 = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 12);

export function deflectionIndex(): AstroIntegration {
  return {
    name: 'support-kit:deflection-index',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        for (const language of contentLanguages) {
          const segment = languagePath[language];
          const articles: DeflectionArticle[] = [];
          // Sorted: the same content builds the same files, whatever order the file system lists them in.
          const pages = readdirSync(path.join(outDir, segment), { recursive: true }).map(String).filter((name) => name.endsWith('index.html')).sort();
          for (const name of pages) {
            const pagePath = `/${segment}/${path.dirname(name).split(path.sep).join('/')}/`.replace(/\/\.\/$/, '/');
            const article = articleFromPage(readFileSync(path.join(outDir, segment, name), 'utf8'), pagePath);
            if (article) articles.push(article);
          }
          const built = buildDeflectionIndex(articles, { language, vocabulary: publishVocabulary(loadSearchVocabulary(language)), hash: sha256 });
          const target = path.join(outDir, 'deflection', segment);
          rmSync(target, { recursive: true, force: true });
          mkdirSync(target, { recursive: true });
          for (const file of built.files) writeFileSync(path.join(target, file.name), file.json);
          const bytes = built.files.reduce((sum, f) => sum + f.json.length, 0);
          logger.info(`${language}: ${articles.length} articles in ${built.manifest.ranges.length} word ranges and ${built.manifest.blocks.length} article blocks, ${Math.round(bytes / 1024)} KB, into ${path.relative(process.cwd(), target)}`);
        }
      },
    },
  };
}
