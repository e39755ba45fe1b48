/**
 * Serves the built knowledge base and the demo pages as a static host would: directory indexes,
 * each language's 404 page, and cross-origin access for what other companies' pages load from the
 * KB (the widget, the Pagefind bundles, the support config).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Context } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

/** Text worth compressing; Pagefind's index files are compressed already. */
const compressible = /\.(js|css|json|html|svg|xml|txt|map)$/;

/** Paths other origins load: public, so any origin may read them. */
const crossOrigin = /^\/(widget\/|pagefind\/|support-config\.json$)/;

async function fileAt(file: string): Promise<{ file: string; size: number } | undefined> {
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    return info.isFile() ? { file, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

/** A folder served under a URL prefix. */
export interface Mount {
  prefix: string;
  dir: string;
  /** Rewrites the mount's HTML pages as they are served (the demo pages get the server's origin). */
  html?: (text: string, pathname: string) => string;
  /** Extra response headers for a path under the mount (the strict-CSP demo page's policy). */
  headers?: (pathname: string) => Record<string, string> | undefined;
}

export function staticSite(mounts: Mount[]) {
  return async (c: Context): Promise<Response> => {
    const url = new URL(c.req.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const mount = mounts.find((m) => pathname === m.prefix.replace(/\/$/, '') || pathname.startsWith(m.prefix)) ?? mounts.at(-1)!;
    const root = path.resolve(mount.dir);
    const target = path.resolve(root, `.${pathname.slice(mount.prefix.length - 1)}`);
    if (pathname === mount.prefix.replace(/\/$/, '') && mount.prefix !== '/') return c.redirect(mount.prefix, 301);
    let found = target.startsWith(root) ? await fileAt(target) : undefined;
    // "/pt-br/artigo" without the trailing slash: send to the canonical address.
    if (found && found.file.endsWith(`${path.sep}index.html`) && !pathname.endsWith('/')) return c.redirect(`${url.pathname}/${url.search}`, 301);
    let status = 200;
    const own = found ? mount : undefined;
    if (!found) {
      status = 404;
      const language = pathname.split('/')[1] ?? '';
      const site = path.resolve(mounts.at(-1)!.dir);
      found = (language && (await fileAt(path.join(site, language, '404', 'index.html')))) || (await fileAt(path.join(site, '404.html')));
      if (!found) return c.text('Not found', 404);
    }
    const headers = new Headers({ 'Content-Type': types[path.extname(found.file)] ?? 'application/octet-stream', 'Content-Length': String(found.size) });
    if (pathname.startsWith('/_astro/')) headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    else if (status === 200 && !found.file.endsWith('.html')) headers.set('Cache-Control', 'public, max-age=300');
    if (crossOrigin.test(pathname)) {
      headers.set('Access-Control-Allow-Origin', '*');
      headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    for (const [name, value] of Object.entries(own?.headers?.(pathname) ?? {})) headers.set(name, value);
    if (own?.html && found.file.endsWith('.html')) {
      const body = Buffer.from(own.html(await readFile(found.file, 'utf8'), pathname));
      headers.set('Content-Length', String(body.byteLength));
      return new Response(c.req.method === 'HEAD' ? null : body, { status, headers });
    }
    // The widget bundle is 109 KB raw and 38 KB gzipped: compress text for clients that accept it.
    const gzip = compressible.test(found.file) && found.size > 1024 && /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
    headers.append('Vary', 'Accept-Encoding');
    if (gzip) {
      headers.set('Content-Encoding', 'gzip');
      headers.delete('Content-Length');
    }
    if (c.req.method === 'HEAD') return new Response(null, { status, headers });
    const file = createReadStream(found.file);
    return new Response(Readable.toWeb(gzip ? file.pipe(createGzip()) : file) as ReadableStream, { status, headers });
  };
}
