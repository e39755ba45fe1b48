/**
 * Weighs built pages the way a visitor downloads them: the HTML plus every script and stylesheet
 * it references from the site, gzipped. `node scripts/page-weight.ts` prints home, article and search.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  html: number;
  js: number;
  css: number;
  total: number;
  scripts: string[];
}

const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

export function weighPage(distDir: string, pagePath: string): PageWeight {
  const file = path.join(distDir, pagePath, pagePath.endsWith('.html') ? '' : 'index.html');
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
  const html = readFileSync(file, 'utf8');
  const asset = (ref: string) => readFileSync(path.join(distDir, ref.replace(/^\//, '')));
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const js = scripts.reduce((sum, ref) => sum + gz(asset(ref)), 0) + inlineScripts.reduce((sum, code) => sum + (code.trim() ? gz(code) : 0), 0);
  const css = styles.reduce((sum, ref) => sum + gz(asset(ref)), 0);
  const htmlBytes = gz(html);
  return { page: pagePath, html: htmlBytes, js, css, total: htmlBytes + js + css, scripts };
}

if (import.meta.main) {
  const dist = path.resolve('site/dist');
  for (const page of ['pt-br/', 'pt-br/configurar-email-no-programa/', 'pt-br/busca/', 'it/', 'it/configurare-la-posta-nel-client/', 'it/cerca/']) {
    const w = weighPage(dist, page);
    console.log(`${page.padEnd(40)} html ${w.html} B  js ${w.js} B  css ${w.css} B  total ${w.total} B (gzipped; css inlined in html)`);
  }
}
