import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoApp, widgetHostPolicy } from './demo.ts';
import { testServer } from '../test-support.ts';

describe('the demo host pages', () => {
  it('serves the strict-CSP page with a policy that allows no inline script or style and no eval', async () => {
    const server = testServer({ PORT: '8080', HOST: '127.0.0.1' });
    try {
      const response = await server.app.request('/demo/strict-csp/');
      expect(response.status).toBe(200);
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toBe(widgetHostPolicy());
      expect(csp).toMatch(/(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
      expect(csp.replace("'wasm-unsafe-eval'", ''), 'nothing unsafe but WebAssembly, no wildcard').not.toMatch(/unsafe|\*/);
      // The page shows the policy it is served with.
      expect(await response.text()).toContain(csp.replaceAll('&', '&amp;'));
      // Only that page gets it: other pages get only the frame-ancestors policy every page has, which limits no script or style.
      expect((await server.app.request('/demo/hostile/')).headers.get('Content-Security-Policy')).not.toMatch(/default-src|script-src|style-src/);
    } finally {
      server.cleanup();
    }
  });

  it('fills in the KB’s origin, the demo origin and the bundle’s hash as the pages are served', async () => {
    // The hash the widget build writes, in a site folder of our own: no build needed.
    const site = mkdtempSync(path.join(tmpdir(), 'support-kit-demo-site-'));
    mkdirSync(path.join(site, 'widget'));
    writeFileSync(path.join(site, 'widget', 'support-ticket.integrity.txt'), 'sha384-built-bundle-hash\n');
    const server = testServer({ PORT: '8080', HOST: '127.0.0.1', SITE_DIR: site });
    try {
      const page = await (await server.app.request('/demo/cross-origin/')).text();
      expect(page).toContain('<script type="module" src="http://127.0.0.1:8080/widget/support-ticket.js" integrity="sha384-built-bundle-hash"');
      expect(page).toContain('kb="http://127.0.0.1:8080" endpoint="http://127.0.0.1:8080/api/tickets"');
      expect(page).not.toMatch(/\{\{\w+\}\}/);
      const index = await server.app.request('/demo/');
      expect(await index.text()).toContain('href="http://127.0.0.1:8081/demo/cross-origin/"');
      expect(Number(index.headers.get('Content-Length'))).toBeGreaterThan(0);
    } finally {
      server.cleanup();
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('serves only the demo pages on DEMO_PORT, with the cross-origin page’s policy naming the KB', async () => {
    const server = testServer({ PORT: '8080', HOST: '127.0.0.1' });
    try {
      const app = demoApp(server.config);
      expect((await app.request('/')).headers.get('Location')).toBe('/demo/cross-origin/');
      const page = await app.request('/demo/cross-origin/');
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Security-Policy')).toBe(widgetHostPolicy('http://127.0.0.1:8080'));
      // The demo listener speaks plain http: HSTS there would pin nothing.
      expect(page.headers.get('Strict-Transport-Security')).toBeNull();
      expect((await app.request('/demo/cross-origin/page.css')).headers.get('Content-Type')).toMatch(/^text\/css/);
      for (const path of ['/api/health', '/widget/support-ticket.js', '/pt-br/']) expect((await app.request(path)).status, path).toBe(404);
    } finally {
      server.cleanup();
    }
  });
});
