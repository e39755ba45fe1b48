import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../test-support.ts';

// A small built site of our own, next to a private folder whose name starts with the site's: no build needed.
const base = mkdtempSync(path.join(tmpdir(), 'support-kit-static-'));
const site = path.join(base, 'site');
const widget = `customElements.define('support-ticket', class extends HTMLElement {});\n${'// padding\n'.repeat(300)}`;
const files: Record<string, string> = {
  'index.html': '<!doctype html><html lang="pt-BR"><title>KB</title>',
  'pt-br/index.html': '<!doctype html><html lang="pt-BR"><title>Central</title>',
  'pt-br/404/index.html': '<!doctype html><html lang="pt-BR"><title>Página não encontrada</title>',
  'it/404/index.html': '<!doctype html><html lang="it"><title>Pagina non trovata</title>',
  '404.html': '<!doctype html><html lang="pt-BR"><title>404</title>',
  'widget/support-ticket.js': widget,
  'support-config.json': '{"company":{"name":"Nuvolo"}}',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
  writeFileSync(path.join(site, name), text);
}
writeFileSync(path.join(site, 'widget/support-ticket.js.br'), brotliCompressSync(widget));
mkdirSync(path.join(base, 'site-private'));
writeFileSync(path.join(base, 'site-private', 'secret.txt'), 'DB_PASSWORD=hunter2');
mkdirSync(path.join(base, '404'));
writeFileSync(path.join(base, '404', 'index.html'), 'outside the site');

let server: TestServer;
afterEach(() => server?.cleanup());
afterAll(() => rmSync(base, { recursive: true, force: true }));
const get = (url: string, headers: Record<string, string> = {}) => server.app.request(url, { headers });

describe('static files', () => {
  it('never serves a file outside the site folder, not even from a sibling whose name starts the same', async () => {
    server = testServer({ SITE_DIR: site });
    for (const url of ['/..%2fsite-private/secret.txt', '/%2e%2e%2fsite-private%2fsecret.txt', '/..%5csite-private%5csecret.txt', '/pt-br/..%2f..%2fsite-private/secret.txt', '/%2e%2e/404/']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      const text = await response.text();
      expect(text, url).not.toContain('hunter2');
      expect(text, url).not.toContain('outside the site');
    }
  });

  it('answers a missing page with the 404 page of the address language', async () => {
    server = testServer({ SITE_DIR: site });
    const missing = await get('/it/non-esiste/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('lang="it"');
  });

  it('sends the brotli copy written at build to clients that take it, gzip to the others, the file to the rest', async () => {
    server = testServer({ SITE_DIR: site });
    const br = await get('/widget/support-ticket.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toContain('Accept-Encoding');
    expect(Buffer.from(await br.arrayBuffer()).equals(brotliCompressSync(widget))).toBe(true);
    const gzip = await get('/widget/support-ticket.js', { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(widget);
    const plain = await get('/widget/support-ticket.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(widget);
    // Other companies' pages load the widget and the config.
    for (const response of [br, plain, await get('/support-config.json')]) {
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    }
  });

  it('answers a revalidation with 304 and no body, by ETag or by date, per encoding', async () => {
    server = testServer({ SITE_DIR: site });
    const first = await get('/widget/support-ticket.js', { 'Accept-Encoding': 'br' });
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/widget/support-ticket.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);
    // The plain file is another representation: its own tag.
    expect((await get('/widget/support-ticket.js', { 'If-None-Match': etag })).status).toBe(200);
    const page = await get('/pt-br/');
    expect(page.headers.get('Cache-Control')).toBe('no-cache');
    const since = await get('/pt-br/', { 'If-Modified-Since': page.headers.get('Last-Modified')! });
    expect(since.status).toBe(304);
  });

  it('serves the file, not a stale compressed copy, after the file was rebuilt', async () => {
    const stale = path.join(site, 'support-config.json.br');
    writeFileSync(stale, brotliCompressSync('{"old":true}'));
    utimesSync(stale, new Date(2000, 0, 1), new Date(2000, 0, 1));
    try {
      server = testServer({ SITE_DIR: site });
      const response = await get('/support-config.json', { 'Accept-Encoding': 'br' });
      expect(response.headers.get('Content-Encoding')).toBeNull();
      expect(await response.json()).toEqual({ company: { name: 'Nuvolo' } });
    } finally {
      rmSync(stale);
    }
  });
});
