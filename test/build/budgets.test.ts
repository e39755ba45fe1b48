/** Size budgets of what visitors download, checked on the built site (no timing involved). */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { weighPage } from '../../scripts/page-weight.ts';

const dist = path.resolve('site/dist');
const KB = 1024;

describe('size budgets of the built site', () => {
  for (const article of ['pt-br/configurar-email-no-programa/', 'it/politica-di-assistenza/']) {
    it(`the article ${article} ships at most 3 KB of JavaScript, gzipped`, () => {
      const weight = weighPage(dist, article);
      expect(weight.scripts.length).toBeGreaterThan(0);
      expect(weight.js).toBeLessThanOrEqual(3 * KB);
    });
  }

  it('the home page ships no JavaScript at all', () => {
    expect(weighPage(dist, 'pt-br/').js).toBe(0);
  });

  it('the search page ships its island but not Pagefind, which loads on the first search', () => {
    const weight = weighPage(dist, 'it/cerca/');
    expect(weight.scripts.some((s) => s.includes('pagefind'))).toBe(false);
    expect(weight.js).toBeLessThanOrEqual(3 * KB);
  });
});

describe('size budget of the widget', () => {
  const widgetDist = path.resolve('widget/dist');
  const entry = readFileSync(path.join(widgetDist, 'support-ticket.js'));
  const chunks = readdirSync(widgetDist).filter((file) => /^support-ticket-.+\.js$/.test(file));
  const gzipped = (code: Buffer) => gzipSync(code, { level: 9 }).length;
  const sha384 = (code: Buffer) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

  // 44 KB when everything loaded up front; the performance issue's target is 25 KB before interaction.
  it('the script a host page loads is at most 25 KB gzipped, and the KB serves the same file', () => {
    expect(gzipped(entry)).toBeLessThanOrEqual(25 * KB);
    expect(readFileSync(path.join(dist, 'widget/support-ticket.js')).equals(entry)).toBe(true);
  });

  // 56 KB with the compact deflection index's reader and its zod/mini schemas in the form's chunk;
  // 60 KB with the signed-in customer's tickets (issue 17), which could become a chunk of their own.
  it('the entry and the chunks it loads on the first interaction are at most 62 KB gzipped together, and the KB serves them all', () => {
    expect(chunks.length).toBeGreaterThan(0);
    const total = gzipped(entry) + chunks.reduce((sum, file) => sum + gzipped(readFileSync(path.join(widgetDist, file))), 0);
    expect(total).toBeLessThanOrEqual(62 * KB);
    for (const file of chunks) expect(readFileSync(path.join(dist, 'widget', file)).equals(readFileSync(path.join(widgetDist, file))), file).toBe(true);
  });

  it('the entry imports no other file by itself, and loads each chunk only with the hash of its exact bytes', () => {
    const code = entry.toString('utf8');
    // Static imports (`import{a}from"./x.js"`, `import"./x.js"`, `export*from"..."`) would be extra requests before interaction,
    // and a bare import() would fetch a file no integrity covers.
    expect(code).not.toMatch(/(?<![\w$.])import\s*(?:[{*]|["'`])|[}*]\s*from\s*["'`]/);
    expect(code).not.toMatch(/(?<![\w$.])import\s*\(/);
    const pinned = Object.fromEntries([...code.matchAll(/["'`]\.\/(support-ticket-[^"'`]+\.js)["'`],["'`](sha384-[\w+/=]{64})["'`]/g)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(pinned).sort()).toEqual([...chunks].sort());
    for (const file of chunks) expect(pinned[file], file).toBe(sha384(readFileSync(path.join(widgetDist, file))));
  });

  it('a chunk imports nothing but the entry the page already loaded, and its name changes with its content', () => {
    for (const file of chunks) {
      const code = readFileSync(path.join(widgetDist, file), 'utf8');
      const imported = [...code.matchAll(/(?:^|[;}])\s*import\s*(?:[^"'`;]*?\bfrom\s*)?["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
      expect(imported, file).toEqual(['./support-ticket.js']);
      expect(file).toMatch(/^support-ticket-[\w-]+-[\w-]{8}\.js$/);
    }
  });
});
