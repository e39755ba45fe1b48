import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { brotliQuality, precompressFolder } from './precompress.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressing the built site', () => {
  it('writes a brotli and a gzip copy of every text file over 1 KB, each decompressing to the file, in parallel', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'support-kit-precompress-'));
    const page = '<!doctype html><p>Quando o site não abre: DNS, domínio, faturas.</p>'.repeat(60);
    const files: Record<string, string> = {
      'pt-br/site-fora-do-ar/index.html': page,
      'widget/support-ticket.js': 'export const x = 1;'.repeat(200),
      'it/index.html': page.replace('site', 'sito'),
      'small.json': '{"ok":true}',
      'pagefind/pt-br/fragment/abc.pf_fragment': 'x'.repeat(4000),
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    expect(await precompressFolder(dir, 2)).toBe(3);
    for (const name of ['pt-br/site-fora-do-ar/index.html', 'widget/support-ticket.js', 'it/index.html']) {
      const file = path.join(dir, name);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(files[name]);
      expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(files[name]);
    }
    expect(existsSync(path.join(dir, 'small.json.br'))).toBe(false);
    expect(existsSync(path.join(dir, 'pagefind/pt-br/fragment/abc.pf_fragment.br'))).toBe(false);
  });

  it('fails with the file system error when a copy cannot be written, instead of finishing without it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'support-kit-precompress-'));
    mkdirSync(path.join(dir, 'pt-br/dns'), { recursive: true });
    writeFileSync(path.join(dir, 'pt-br/dns/index.html'), '<p>DNS</p>'.repeat(200));
    // A folder where the brotli copy goes.
    mkdirSync(path.join(dir, 'pt-br/dns/index.html.br'));
    await expect(precompressFolder(dir, 2)).rejects.toThrow(/EISDIR/);
  });

  it('spends brotli 11 on the widget every host page loads, 5 on each of the many pages, 10 on the rest', () => {
    expect(brotliQuality('widget/support-ticket.js')).toBe(11);
    expect(brotliQuality('pt-br/site-fora-do-ar/index.html')).toBe(5);
    expect(brotliQuality('404.html')).toBe(5);
    expect(brotliQuality('deflection/pt-br/terms-0.0123456789ab.json')).toBe(10);
    expect(brotliQuality('pagefind/it/pagefind-ui.js')).toBe(10);
  });
});
