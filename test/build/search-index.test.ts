/**
 * What the build gives the search: symptoms and errors as hidden metadata of each article (searched,
 * never shown), each language's vocabulary beside its bundle, and each language's deflection index
 * for the widget (core/contract/deflection-index.ts). The vocabulary file's checks are
 * built from a throw-away copy of the mini fixture (CONTENT_DIR), so content/ and site/dist/ are
 * never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleSchema } from '../../site/src/schemas/article.ts';
import { parse } from 'yaml';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { blockFile, deflectionArticlesSchema, deflectionManifestSchema, deflectionTermsSchema, rangeFile } from '../../core/contract/deflection-index.ts';

const dist = path.resolve('site/dist');
const work = mkdtempSync(path.join(tmpdir(), 'kb-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function frontMatter(file: string) {
  const yaml = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return articleSchema.parse(parse(yaml));
}

/** The article's page, without its hidden metadata: what a reader sees and what excerpts are made of. */
function shownText(html: string): string {
  return html.replace(/<span hidden data-pagefind-meta="[^"]*"[^>]*>[^<]*<\/span>/g, '');
}

describe('the built articles give the search what it needs', () => {
  it('symptoms are searchable metadata and never shown on the page', () => {
    const fm = frontMatter('content/pt-br/wordpress-lento.mdx');
    expect(fm.symptoms.length).toBeGreaterThan(0);
    const html = readFileSync(path.join(dist, 'pt-br/wordpress-lento/index.html'), 'utf8');
    const meta = /<span hidden data-pagefind-meta="symptoms"[^>]*>([^<]*)<\/span>/.exec(html)?.[1] ?? '';
    for (const symptom of fm.symptoms) {
      const escaped = symptom.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      expect(meta).toContain(escaped);
      expect(shownText(html)).not.toContain(escaped);
    }
  });

  it('errors are searchable metadata and still listed on the page', () => {
    const html = readFileSync(path.join(dist, 'it/email-respinta-550-554/index.html'), 'utf8');
    expect(html).toMatch(/<span hidden data-pagefind-meta="errors"[^>]*>[^<]*550 5\.1\.1/);
    expect(shownText(html)).toMatch(/<code[^>]*>[^<]*550 5\.1\.1/);
  });

  it('each language publishes its vocabulary beside its Pagefind bundle', () => {
    for (const [segment, lang] of [['pt-br', 'pt-BR'], ['it', 'it']]) {
      const published = JSON.parse(readFileSync(path.join(dist, 'pagefind', segment!, 'search-vocabulary.json'), 'utf8')) as { groups: string[][] };
      const written = existsSync(`content/search/synonyms.${lang}.yaml`) ? (parse(readFileSync(`content/search/synonyms.${lang}.yaml`, 'utf8')) as { groups: string[][] }) : { groups: [] };
      expect(published.groups).toHaveLength(written.groups.length);
    }
  });
});

describe('the deflection index the widget searches', () => {
  const read = (segment: string, name: string) => readFileSync(path.join(dist, 'deflection', segment, name), 'utf8');

  it('holds every article of its language, each file named by the hash of what it holds', () => {
    for (const segment of ['pt-br', 'it']) {
      const manifest = deflectionManifestSchema.parse(JSON.parse(read(segment, 'index.json')));
      const articles = readdirSync(path.resolve('content', segment)).filter((name) => name.endsWith('.mdx'));
      expect(manifest.articles).toBe(articles.length);
      const blocks = manifest.blocks.map((hash, i) => blockFile(i, hash));
      const ranges = manifest.ranges.map(([, hash], i) => rangeFile(i, hash));
      const paths = blocks.flatMap((file) => deflectionArticlesSchema.parse(JSON.parse(read(segment, file))).articles.map(([p]) => p));
      expect(paths.sort()).toEqual(articles.map((name) => `/${segment}/${name.replace(/\.mdx$/, '')}/`).sort());
      for (const file of [...ranges, ...blocks]) {
        const hash = createHash('sha256').update(read(segment, file)).digest('hex').slice(0, 12);
        expect(file).toMatch(new RegExp(`\\.${hash}\\.json$`));
      }
      // Nothing else lies in the folder: an old build's files do not pile up.
      expect(readdirSync(path.join(dist, 'deflection', segment)).filter((n) => n.endsWith('.json')).length).toBe(1 + ranges.length + blocks.length);
    }
  });

  it('indexes symptoms and errors, and not the body: it is no copy of the full-text bundle', () => {
    const manifest = deflectionManifestSchema.parse(JSON.parse(read('pt-br', 'index.json')));
    const words = new Set(manifest.ranges.flatMap(([, hash], i) => Object.keys(deflectionTermsSchema.parse(JSON.parse(read('pt-br', rangeFile(i, hash)))).terms)));
    // A symptom ("wp-admin travando") and an error ("508 Resource Limit Is Reached") of wordpress-lento.
    for (const word of ['wpadmin', 'travando', '508']) expect(words).toContain(word);
    // Said in its body only ("o segredo é medir antes").
    expect(words).not.toContain('segredo');
  });
});

function buildWith(change: (content: string) => void): { status: number | null; output: string; dist: string } {
  const dir = mkdtempSync(path.join(work, 'case-'));
  const content = path.join(dir, 'content');
  cpSync(path.resolve('test/fixtures/kb-mini'), content, { recursive: true });
  change(content);
  const out = path.join(dir, 'dist');
  const result = spawnSync('npx', ['astro', 'build', '--root', 'site'], {
    env: { ...process.env, CONTENT_DIR: content, SITE_OUT_DIR: out, SITE_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, ''), dist: out };
}

describe('the synonyms files', { timeout: 120_000 }, () => {
  it('may be missing: the search works without synonyms', () => {
    const { status, dist: out } = buildWith(() => {});
    expect(status).toBe(0);
    const published = JSON.parse(readFileSync(path.join(out, 'pagefind/it/search-vocabulary.json'), 'utf8')) as { groups: string[][]; stopWords: string[] };
    expect(published.groups).toEqual([]);
    // The search's own stop words travel with the synonyms, whether editors wrote any or not.
    expect(published.stopWords).toContain('come');
  });

  it('stop the build when malformed, naming the file, the field, what was expected and what was found', () => {
    const { status, output } = buildWith((content) => {
      mkdirSync(path.join(content, 'search'));
      writeFileSync(path.join(content, 'search/synonyms.pt-BR.yaml'), 'groups:\n  - [fora do ar, caiu]\n  - [lento]\n');
    });
    expect(status).not.toBe(0);
    expect(output).toContain('search/synonyms.pt-BR.yaml has 1 problem(s):\n  - groups.1: expected at least 2 items, found a list of 1');
  });
});
