/**
 * The relevance suite: what customers type (test/search/queries.*.yaml) searched in the BUILT
 * site, in Chromium, through the code customers run, served from the repository as it is, types
 * stripped. Two paths per query: the search page's (its full-text Pagefind bundle through
 * core/search/pagefind.ts, `engine.search(text)`) and the widget's (the subject through
 * `deflectionQueries` and `suggestArticles`, over the deflection index through core/search/deflection.ts).
 *
 * Scoring: a query counts once at least one article it expects exists (the suite names articles
 * still to be written); its expected list is cut to the articles that exist. hit@k: one of them is
 * among the first k results; MRR: the mean of 1/rank of the first one found (0 when none is).
 * `expect: []` is nonsense: it passes when nothing at all is found.
 *
 * `node test/search/relevance.ts [site/dist]` prints the figures and the misses.
 * `RELEVANCE_QUERIES_DIR=<dir>` (default: test/search; relative paths start at the repository root)
 * reads queries.<lang>.yaml from another folder, e.g. a held-out set kept outside the repository.
 * Only `lang` and `queries` are read: other top-level keys (an `unanswered:` list) are ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../bench/browser.ts';
import { sourceImportMap, sourceModules } from '../../bench/source-modules.ts';
import { serveStatic } from '../../bench/static-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export const suiteLanguages = { 'pt-BR': 'pt-br', it: 'it' } as const;
export type SuiteLanguage = keyof typeof suiteLanguages;

export interface SuiteQuery {
  q: string;
  expect: string[];
  note?: string;
}

export function readSuite(lang: SuiteLanguage): SuiteQuery[] {
  const dir = path.resolve(repoRoot, process.env.RELEVANCE_QUERIES_DIR || 'test/search');
  const file = path.join(dir, `queries.${lang}.yaml`);
  const data = parse(readFileSync(file, 'utf8')) as { lang: string; queries: SuiteQuery[] };
  if (data.lang !== lang || !Array.isArray(data.queries)) throw new Error(`${file}: expected lang ${lang} and a list of queries`);
  return data.queries;
}

/** What one path (the search page or the widget) found for one query. */
export interface Outcome {
  q: string;
  /** The expected articles that exist, best first. */
  expected: string[];
  /** Slugs found, best first. */
  found: string[];
  /** 1-based rank of the first expected article found; 0 when none was. */
  rank: number;
}

export interface PathFigures {
  /** Queries that count (at least one expected article exists). */
  counted: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Counted queries whose best expected article was not first. */
  misses: Outcome[];
  /** `expect: []` queries and what they found (nothing, when all is well). */
  nonsense: { q: string; found: string[] }[];
}

export interface LanguageFigures {
  queries: number;
  /** Queries that wait for articles not written yet. */
  waiting: string[];
  page: PathFigures;
  widget: PathFigures;
}

export type RelevanceFigures = Record<SuiteLanguage, LanguageFigures>;

/** Served at /__relevance/: imports the shared code from its sources (bench/source-modules.ts), as the widget and the site bundle it. */
const runnerPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>relevance</title>
${sourceImportMap}
<script type="module">
  import { loadKbSearch } from '/__src/core/search/pagefind.ts';
  import { bundleUrl, loadDeflectionSearch } from '/__src/core/search/deflection.ts';
  import { deflectionQueries } from '/__src/core/search/query.ts';
  import { suggestArticles } from '/__src/widget/src/search/suggestions.ts';
  window.relevance = async (segment, queries) => {
    const engine = await loadKbSearch(new URL('/pagefind/' + segment + '/', location.href).href);
    const deflection = await loadDeflectionSearch(bundleUrl(location.href, segment));
    const out = [];
    for (const q of queries) {
      const page = await engine.search(q, { limit: 10 });
      const widget = await suggestArticles(deflection, deflectionQueries(q, ''));
      out.push({ page: page.map((h) => h.url), widget: widget.map((h) => h.url) });
    }
    return out;
  };
  window.relevanceReady = true;
</script></html>`;

const slugOf = (url: string) => new URL(url).pathname.split('/').filter(Boolean)[1] ?? url;

function score(suite: SuiteQuery[], foundPerQuery: string[][], exists: (slug: string) => boolean): PathFigures {
  const figures: PathFigures = { counted: 0, hit1: 0, hit3: 0, mrr: 0, misses: [], nonsense: [] };
  let reciprocal = 0;
  suite.forEach((query, i) => {
    const found = foundPerQuery[i] ?? [];
    if (query.expect.length === 0) return void figures.nonsense.push({ q: query.q, found });
    const expected = query.expect.filter(exists);
    if (!expected.length) return;
    const index = found.findIndex((slug) => expected.includes(slug));
    const rank = index + 1;
    figures.counted += 1;
    if (rank === 1) figures.hit1 += 1;
    if (rank >= 1 && rank <= 3) figures.hit3 += 1;
    reciprocal += rank ? 1 / rank : 0;
    if (rank !== 1) figures.misses.push({ q: query.q, expected, found: found.slice(0, 3), rank });
  });
  const share = (n: number) => (figures.counted ? n / figures.counted : 0);
  return { ...figures, hit1: share(figures.hit1), hit3: share(figures.hit3), mrr: share(reciprocal) };
}

/** Runs both suites against a built site; pass `browser` to share one Chromium with other work. */
export async function measureRelevance(siteDir = path.join(repoRoot, 'site/dist'), options: { browser?: Browser } = {}): Promise<RelevanceFigures> {
  for (const segment of Object.values(suiteLanguages)) {
    for (const file of [`pagefind/${segment}/pagefind.js`, `deflection/${segment}/index.json`]) {
      if (!existsSync(path.join(siteDir, file))) throw new Error(`${siteDir}/${file} is missing: run \`npm run build\` first`);
    }
  }
  const host = await serveStatic(siteDir, sourceModules(repoRoot, { '/__relevance/': runnerPage }));
  const browser = options.browser ?? (await launchChromium());
  try {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${host.origin}/__relevance/`);
    await page.waitForFunction(() => (window as unknown as { relevanceReady?: boolean }).relevanceReady === true);
    const figures = {} as RelevanceFigures;
    for (const [lang, segment] of Object.entries(suiteLanguages) as [SuiteLanguage, string][]) {
      const suite = readSuite(lang);
      type Run = (segment: string, queries: string[]) => Promise<{ page: string[]; widget: string[] }[]>;
      const found = await page.evaluate(([s, qs]) => (window as unknown as { relevance: Run }).relevance(s, qs), [segment, suite.map((query) => query.q)] as const);
      const exists = (slug: string) => existsSync(path.join(siteDir, segment, slug, 'index.html'));
      figures[lang] = {
        queries: suite.length,
        waiting: suite.filter((query) => query.expect.length && !query.expect.some(exists)).map((query) => query.q),
        page: score(suite, found.map((f) => f.page.map(slugOf)), exists),
        widget: score(suite, found.map((f) => f.widget.map(slugOf)), exists),
      };
    }
    if (failures.length) throw new Error(`the search threw in the page: ${failures.join('; ')}`);
    await page.close();
    return figures;
  } finally {
    if (!options.browser) await browser.close();
    await host.close();
  }
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The figures, the nonsense queries and the misses, as lines to print. */
export function describeRelevance(figures: RelevanceFigures): string[] {
  const lines: string[] = [];
  for (const [lang, f] of Object.entries(figures)) {
    for (const [name, p] of [['search page', f.page], ['widget', f.widget]] as const) {
      lines.push(`${lang} ${name}: hit@1 ${percent(p.hit1)}, hit@3 ${percent(p.hit3)}, MRR ${p.mrr.toFixed(3)} over ${p.counted} queries (${f.waiting.length} wait for articles)`);
      const noisy = p.nonsense.filter((n) => n.found.length);
      lines.push(`  nonsense: ${noisy.length ? noisy.map((n) => `"${n.q}" -> ${n.found.join(', ')}`).join('; ') : `nothing found for all ${p.nonsense.length}`}`);
      for (const miss of p.misses) {
        lines.push(`  ${miss.rank ? `rank ${miss.rank}` : 'missed'}: "${miss.q}" -> ${miss.found.join(', ') || 'nothing'} (expected ${miss.expected.join(' | ')})`);
      }
    }
  }
  return lines;
}

if (import.meta.main) {
  const figures = await measureRelevance(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(describeRelevance(figures).join('\n'));
}
