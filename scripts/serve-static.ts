/**
 * Serves the built KB (site/dist) the way a static host would: directory indexes, correct types,
 * and each language's own 404 page. Used by the end-to-end tests; the reference server replaces it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm', '.txt': 'text/plain',
  '.pagefind': 'application/octet-stream', '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pf_filter': 'application/octet-stream',
};

export function serveStatic(root: string, port: number, host = '127.0.0.1') {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!file.startsWith(root) || !existsSync(file)) {
      status = 404;
      const language = url.pathname.split('/')[1];
      const localized = path.join(root, language ?? '', '404', 'index.html');
      file = language && existsSync(localized) ? localized : path.join(root, '404.html');
    }
    response.writeHead(status, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise<typeof server>((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 4329);
  await serveStatic(path.resolve('site/dist'), port, process.env.HOST ?? '127.0.0.1');
  console.log(`serving site/dist on http://${process.env.HOST ?? '127.0.0.1'}:${port}`);
}
