/**
 * Writes x.br and x.gz beside each text file once the build is done (last, after the Pagefind index
 * and the widget bundle): the reference server sends them as they are instead of compressing on
 * every request, and nginx (gzip_static/brotli_static) or a CDN can do the same.
 *
 * Brotli quality by file (`brotliQuality`): 11 for the widget every host page loads; 5 for the HTML
 * pages, nearly all of the site's files (on 2,000 pages quality 10 took 15 times the CPU for 7% fewer
 * bytes, and 6 to 9 save nothing over 5); 10 for the rest (few files, each loaded by many visitors).
 * The files are compressed on worker threads (precompress-worker.ts) with zlib's synchronous calls:
 * its asynchronous ones still ran each file's stream bookkeeping on the build's main thread.
 */
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import type { PrecompressJob } from './precompress-worker.ts';

/** Text worth compressing ahead of time (Pagefind's index and fragments are compressed already). */
const compressible = /\.(html|js|mjs|css|json|svg|xml|txt|map)$/;
/** Smaller files gain nothing worth a second copy (and a request's headers outweigh them). */
const minBytes = 1024;

/** The brotli quality for a file of the built site (`relative` to its root, with `/`). */
export function brotliQuality(relative: string): number {
  if (relative.startsWith('widget/')) return 11;
  return relative.endsWith('.html') ? 5 : 10;
}

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && compressible.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

/** Files per message to a thread: few round trips, and still an even share for each thread at the end. */
const batchSize = 64;

/** Compresses every compressible file of `root` over `minBytes`, on `concurrency` threads; resolves with how many. */
export async function precompressFolder(root: string, concurrency = Math.max(2, availableParallelism())): Promise<number> {
  const jobs: PrecompressJob[] = (await filesUnder(root)).map((file) => ({ file, quality: brotliQuality(path.relative(root, file).split(path.sep).join('/')) }));
  let next = 0;
  let count = 0;
  const thread = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./precompress-worker.ts', import.meta.url), { workerData: { minBytes } });
      const send = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage(jobs.slice(next, (next += batchSize)));
      };
      worker.on('message', (compressed: number) => {
        count += compressed;
        send();
      });
      worker.once('error', (error: Error) => {
        next = jobs.length;
        reject(error);
      });
      send();
    });
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(jobs.length / batchSize)) }, thread));
  return count;
}

export function precompress(): AstroIntegration {
  return {
    name: 'support-kit:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await precompressFolder(fileURLToPath(dir));
        logger.info(`${count} files precompressed (.br, .gz) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
