/**
 * The property of server/src/app.property.test.ts at scale: 10,000 random requests (bodies whole,
 * chunked or broken off, JSON nested 20,000 deep, hostile headers and paths) through the real app,
 * in process. Target: no 5xx and nothing unhandled. `node bench/api-fuzz.ts [runs]` runs it alone.
 */
import fc from 'fast-check';
import { fuzzRequest, sendFuzzRequest, testServer } from '../server/src/test-support.ts';

export interface FuzzFigures {
  runs: number;
  seed: number;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  serverErrors: number;
  /** Up to 5 requests that got a 5xx, to replay. */
  serverErrorExamples: string[];
  unhandledRejections: number;
  requestsPerSecond: number;
}

export async function benchFuzz(options: { runs: number; seed?: number; log: (line: string) => void }): Promise<FuzzFigures> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const server = testServer({ TRUST_PROXY: 'true', RATE_LIMIT: '100000' }, (config) => ({
    ...config,
    support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 2048, maxTotalBytes: 3000 } },
  }));
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const statuses: Record<string, number> = {};
  const examples: string[] = [];
  let serverErrors = 0;
  const started = performance.now();
  try {
    // Drawn in batches: 10,000 requests (some carry 100 KB of brackets) need not sit in memory at once.
    const batch = 500;
    for (let done = 0; done < options.runs; done += batch) {
      const requests = fc.sample(fuzzRequest, { numRuns: Math.min(batch, options.runs - done), seed: seed + done });
      for (const request of requests) {
        const status = await sendFuzzRequest(server.app, request);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 500) {
          serverErrors++;
          if (examples.length < 5) examples.push(JSON.stringify(request).slice(0, 500));
        }
      }
      if ((done + batch) % 2000 === 0) options.log(`fuzz: ${done + batch} requests, ${serverErrors} 5xx`);
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
    server.cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  return { runs: options.runs, seed, statuses, serverErrors, serverErrorExamples: examples, unhandledRejections: unhandled, requestsPerSecond: Math.round(options.runs / seconds) };
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 10_000);
  const figures = await benchFuzz({ runs, log: (line) => console.error(line) });
  console.log(JSON.stringify(figures, null, 2));
  process.exit(figures.serverErrors || figures.unhandledRejections ? 1 : 0);
}
