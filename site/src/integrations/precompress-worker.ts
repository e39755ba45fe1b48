/**
 * One precompression thread of precompress.ts: reads each file it is sent and writes `x.br` and
 * `x.gz` beside it (small files are left alone), with zlib's synchronous calls inside this thread.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** A file to compress, with the brotli quality precompress.ts chose for it. */
export interface PrecompressJob {
  file: string;
  quality: number;
}

const { minBytes } = workerData as { minBytes: number };

/**
 * Files come in batches, answered with how many got copies: one message per file left the threads
 * waiting on a busy main thread.
 */
parentPort?.on('message', (jobs: PrecompressJob[]) => {
  let compressed = 0;
  for (const { file, quality } of jobs) {
    const data = readFileSync(file);
    if (data.length <= minBytes) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
    compressed++;
  }
  parentPort!.postMessage(compressed);
});
