/**
 * Writes x.br and x.gz beside each text file once the build is done (last, after the Pagefind index
 * and the widget bundle): the reference server sends them as they are instead of compressing on
 * every request, and nginx (gzip_static/brotli_static) or a CDN can do the same.
 *
 * Brotli's quality 11 costs 2.6 times the time of quality 10 for about 2% fewer bytes (measured on
 * this site): on a 10,000-page KB that was five minutes of the build. The widget bundle, which every
 * host page loads, keeps 11. The HTML pages get 5: on a 2,000-page synthetic KB quality 10 took 18 s
 * of CPU for 7% fewer bytes than 5 took in 1.2 s (15.2 MB vs 16.4 MB; 6 to 9 save nothing more), and
 * the pages are nearly all of the site's files. Everything else (the deflection index, Pagefind's
 * scripts, Astro's assets: few files, each loaded by many visitors and cached) gets 10. Files are
 * compressed on worker threads (precompress-worker.ts) with zlib's synchronous calls: the asynchronous
 * ones, on libuv's threads, still ran each file's stream bookkeeping on the build's main thread, and
 * took twice the time (10,000-page KB: 27.9 s and 28.4 s of CPU, against 14.3 s and 21.2 s).
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
      const worker = new Worker(new URL('./precompress-worker.ts', import.meta.url));
      const send = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage({ jobs: jobs.slice(next, (next += batchSize)), minBytes });
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
