/**
 * Serves the built knowledge base and the demo pages as a static host would: directory indexes,
 * each language's 404 page, validators (ETag, Last-Modified, 304), brotli or gzip, and
 * cross-origin access for what other companies' pages load from the KB (the widget, the Pagefind
 * bundles, the deflection index, the support config). Nothing outside a mount's folder is ever served.
 */
import { createReadStream, type Stats } from 'node:fs';
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
const crossOrigin = /^\/(widget\/|pagefind\/|deflection\/|support-config\.json$)/;

/** The deflection index's files named by their content's hash (core/contract/deflection-index.ts); its manifest, `index.json`, is not. */
const deflectionHashed = /^\/deflection\/[\w-]+\/(terms|articles)-\d+\.[0-9a-f]{8,64}\.json$/;

/** The widget's lazy chunks, `support-ticket-<name>-<hash>.js` (widget/vite.config.ts). */
const widgetChunk = /^\/widget\/support-ticket-[\w-]+-[\w-]{8}\.js$/;

/** Brotli or gzip copies written next to the files at build (`x.js.br`, `x.js.gz`), preferred in this order. */
const precompressed = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

interface Found {
  file: string;
  info: Stats;
}

async function fileAt(file: string): Promise<Found | undefined> {
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    return info.isFile() ? { file, info } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `target` lies inside `root`. A bare `startsWith(root)` also matched the sibling folder
 * `site/dist-private` of `site/dist`, reached through `/..%2fdist-private/`.
 */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

/** The encodings a client accepts (`br;q=0` refuses br). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  return accepted;
}

const etagOf = (info: Stats, variant = '') => `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${variant}"`;

/** If-None-Match first, else If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(c: Context, etag: string, modified: Date): boolean {
  const tags = c.req.header('If-None-Match');
  if (tags !== undefined) return tags.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));
  const since = Date.parse(c.req.header('If-Modified-Since') ?? '');
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
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
    // A NUL byte or a backslash in a decoded path is never one of our files (and a backslash is a separator on Windows).
    let found = isInside(root, target) && !/[\0\\]/.test(pathname) ? await fileAt(target) : undefined;
    // "/pt-br/artigo" without the trailing slash: send to the canonical address.
    if (found && found.file.endsWith(`${path.sep}index.html`) && !pathname.endsWith('/')) return c.redirect(`${url.pathname}/${url.search}`, 301);
    let status = 200;
    const own = found ? mount : undefined;
    if (!found) {
      status = 404;
      const language = pathname.split('/')[1] ?? '';
      const site = path.resolve(mounts.at(-1)!.dir);
      found = (language && !/[\0\\.]/.test(language) && (await fileAt(path.join(site, language, '404', 'index.html')))) || (await fileAt(path.join(site, '404.html')));
      if (!found) return c.text('Not found', 404);
    }
    const html = found.file.endsWith('.html');
    const headers = new Headers({ 'Content-Type': types[path.extname(found.file)] ?? 'application/octet-stream' });
    // Content-hashed names: Astro's assets, the widget's lazy chunks, the deflection index's ranges and blocks (the entry and the index's manifest keep their names, so they are revalidated).
    if (pathname.startsWith('/_astro/') || (status === 200 && (widgetChunk.test(pathname) || deflectionHashed.test(pathname)))) headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    else if (html) headers.set('Cache-Control', 'no-cache'); // revalidated (304) on each visit, so a rebuilt page shows at once
    else if (status === 200) headers.set('Cache-Control', 'public, max-age=300');
    if (crossOrigin.test(pathname)) {
      headers.set('Access-Control-Allow-Origin', '*');
      headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    for (const [name, value] of Object.entries(own?.headers?.(pathname) ?? {})) headers.set(name, value);
    const body = (stream: Readable) => (c.req.method === 'HEAD' ? null : (Readable.toWeb(stream) as ReadableStream));

    if (own?.html && html) {
      // Rewritten per request (origins, the widget's current hash): no validators, always fresh.
      const text = Buffer.from(own.html(await readFile(found.file, 'utf8'), pathname));
      headers.set('Content-Length', String(text.byteLength));
      return new Response(c.req.method === 'HEAD' ? null : text, { status, headers });
    }

    const compress = compressible.test(found.file);
    if (compress) headers.append('Vary', 'Accept-Encoding');
    const accepted = compress ? acceptedEncodings(c.req.header('Accept-Encoding')) : new Set<string>();
    let served: Found = found;
    let encoding: string | undefined;
    for (const variant of precompressed) {
      if (!accepted.has(variant.encoding)) continue;
      const copy = await fileAt(found.file + variant.suffix);
      // A copy older than its file is from an earlier build: serve the file itself.
      if (copy && copy.info.mtimeMs >= found.info.mtimeMs) {
        served = copy;
        encoding = variant.encoding;
        break;
      }
    }
    // Without a copy from the build, gzip text on the fly (the widget: 109 KB raw, 38 KB gzipped).
    const gzipNow = !encoding && compress && found.info.size > 1024 && accepted.has('gzip');
    if (gzipNow) encoding = 'gzip';
    if (encoding) headers.set('Content-Encoding', encoding);
    if (!gzipNow) headers.set('Content-Length', String(served.info.size));

    if (status === 200) {
      const etag = etagOf(served.info, gzipNow ? '-gz' : '');
      headers.set('ETag', etag);
      headers.set('Last-Modified', found.info.mtime.toUTCString());
      if (notModified(c, etag, found.info.mtime)) {
        headers.delete('Content-Length');
        headers.delete('Content-Encoding');
        return new Response(null, { status: 304, headers });
      }
    }
    if (c.req.method === 'HEAD') return new Response(null, { status, headers });
    const stream = createReadStream(served.file);
    return new Response(body(gzipNow ? stream.pipe(createGzip()) : stream), { status, headers });
  };
}
