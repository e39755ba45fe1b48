/**
 * A tiny static host for a built site on 127.0.0.1, like a CDN: gzip for text when the browser
 * asks for it (Pagefind's index and fragment files are already compressed and go out as they are),
 * plus a few extra in-memory routes the benchmark pages need (a table, or a function of the path).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.xml': 'application/xml',
};
const compressible = /^(text\/|application\/(json|javascript|xml))/;

export interface StaticHost {
  origin: string;
  close(): Promise<void>;
}

/** An in-memory answer for a path, or nothing to fall through to the files. */
export type ExtraRoutes = Record<string, { type: string; body: string }> | ((pathname: string) => { type: string; body: string } | undefined);

export function serveStatic(root: string, extra: ExtraRoutes = {}): Promise<StaticHost> {
  const cache = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const route = typeof extra === 'function' ? extra(url.pathname) : extra[url.pathname];
      let type: string;
      let body: Buffer;
      if (route) {
        type = route.type;
        body = Buffer.from(route.body);
      } else {
        let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
        if (!file.startsWith(root)) return void response.writeHead(403).end();
        try {
          if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
          body = await readFile(file);
        } catch {
          return void response.writeHead(404).end('not found');
        }
        type = types[path.extname(file)] ?? 'application/octet-stream';
      }
      const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'public, max-age=300' };
      if (compressible.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        const key = `${url.pathname}`;
        let gz = cache.get(key);
        if (!gz) cache.set(key, (gz = gzipSync(body, { level: 6 })));
        body = gz;
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = String(body.length);
      response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : body);
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}
