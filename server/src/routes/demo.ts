/**
 * The demo host pages (`server/demo/`): fictional hosting companies' pages that embed the widget.
 * Their HTML gets this server's origins filled in as it is served, the strict-CSP and cross-origin
 * pages get their Content-Security-Policy, and a second listener on DEMO_PORT serves the
 * cross-origin page from another origin than the KB and the API.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoOrigin, serverOrigin, type ServerConfig } from '../config.ts';
import { staticSite, type Mount } from './static.ts';

export const demoDir = path.resolve(import.meta.dirname, '../../demo');

/**
 * The Content-Security-Policy a host page needs for the widget and the KB search, and nothing more.
 * `kb` is the KB's (and the API's) origin when it is not the page's own.
 */
export function widgetHostPolicy(kb?: string): string {
  const from = kb ?? "'self'";
  return [
    "default-src 'none'",
    // The widget, the chunks it injects on the first interaction (module scripts from the KB, each
    // with its integrity: nothing inline, no blob: or data:), and the search bundle it imports from
    // the KB; the search runs as WebAssembly.
    `script-src ${from} 'wasm-unsafe-eval'`,
    // The support config, the search index, tickets and deflection events.
    `connect-src ${from}`,
    // Attachment thumbnails are blob: URLs; 'self' is the page's own icon.
    "img-src 'self' blob:",
    // Only the page's own stylesheet: the widget's styles are constructed stylesheets, which CSP does not gate.
    "style-src 'self'",
    // Pagefind searches in a worker when the index is on the page's origin (on another origin it stays on the main thread).
    ...(kb ? [] : ["worker-src 'self'"]),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The served bundle's `sha384-…` hash (read on each request: a rebuild changes it), or '' before a build. */
function widgetIntegrity(siteDir: string): string {
  try {
    return readFileSync(path.join(siteDir, 'widget', 'support-ticket.integrity.txt'), 'utf8').trim();
  } catch {
    return '';
  }
}

/** `/demo/` on the main listener (and on the demo listener): pages with the origins filled in. */
export function demoMount(config: ServerConfig, dir = demoDir): Mount {
  const kb = serverOrigin(config);
  // Without a demo listener the cross-origin page still works, on the KB's own origin.
  const demo = demoOrigin(config) ?? kb;
  const policy = (pathname: string): string | undefined => {
    if (pathname.startsWith('/demo/strict-csp/')) return widgetHostPolicy();
    if (pathname.startsWith('/demo/cross-origin/')) return widgetHostPolicy(kb);
    return undefined;
  };
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    prefix: '/demo/',
    dir,
    // `{{CSP}}` shows a page the policy it is served with; `{{WIDGET_INTEGRITY}}` is the bundle's SRI hash.
    html: (text, pathname) =>
      text
        .replaceAll('{{KB_ORIGIN}}', kb)
        .replaceAll('{{DEMO_ORIGIN}}', demo)
        .replaceAll('{{CSP}}', escape(policy(pathname) ?? ''))
        .replaceAll('{{WIDGET_INTEGRITY}}', text.includes('{{WIDGET_INTEGRITY}}') ? widgetIntegrity(config.siteDir) : ''),
    headers: (pathname) => {
      const csp = policy(pathname);
      return csp ? { 'Content-Security-Policy': csp } : undefined;
    },
  };
}

/** The DEMO_PORT listener: only the demo pages, so the cross-origin page really is on another origin. */
export function demoApp(config: ServerConfig, dir = demoDir): Hono {
  const app = new Hono();
  // Plain http: no HSTS (it would pin nothing); a proxy with TLS in front adds its own.
  app.use('*', secureHeaders({ crossOriginOpenerPolicy: false, strictTransportSecurity: false }));
  app.on(['GET', 'HEAD'], ['/', '/demo', '/demo/'], (c) => c.redirect('/demo/cross-origin/', 302));
  app.on(['GET', 'HEAD'], '/demo/*', staticSite([demoMount(config, dir)]));
  app.all('*', (c) => c.text('Not found: this port serves the cross-origin demo page, /demo/cross-origin/', 404));
  return app;
}
