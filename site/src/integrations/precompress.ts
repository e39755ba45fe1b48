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
 * compressed in parallel on libuv's threads, not one after another on the main thread.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** Text worth compressing ahead of time (Pagefind's index and fragments are compressed already). */
const compressible = /\.(html|js|mjs|css|json|svg|xml|txt|map)$/;
/** Smaller files gain nothing worth a second copy (and a request's headers outweigh them). */
const minBytes = 1024;
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

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

/** Compresses every compressible file of `root` over `minBytes`; resolves with how many. */
export async function precompressFolder(root: string, concurrency = Math.max(2, availableParallelism())): Promise<number> {
  const files = await filesUnder(root);
  let next = 0;
  let count = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const data = await readFile(file);
      if (data.length <= minBytes) continue;
      const quality = brotliQuality(path.relative(root, file).split(path.sep).join('/'));
      const [br, gz] = await Promise.all([
        brotliAsync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gzipAsync(data, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
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
