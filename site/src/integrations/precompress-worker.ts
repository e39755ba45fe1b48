/**
 * One precompression thread of site/src/integrations/precompress.ts: reads each file it is sent and
 * writes `x.br` and `x.gz` beside it (small files are left alone). Node's synchronous zlib calls, inside this thread: the asynchronous ones ran the stream
 * machinery of every file on the build's main thread.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** A file to compress, with the brotli quality precompress.ts chose for it. */
export interface PrecompressJob {
  file: string;
  quality: number;
}

/** Files are sent in batches and answered with how many got copies: one message per file left the threads waiting on a busy main thread. */
parentPort?.on('message', ({ jobs, minBytes }: { jobs: PrecompressJob[]; minBytes: number }) => {
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
