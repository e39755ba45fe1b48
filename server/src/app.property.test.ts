/**
 * Whatever a client throws at the server (random bodies whole, chunked or broken off, JSON nested
 * 20,000 deep, headers, addresses, content types, broken multipart, paths that climb out of the
 * site), the answer is never a 5xx, nothing is left unhandled, and the database stays consistent.
 * `npm run bench` runs the same property 10,000 times (bench/api-fuzz.ts); here a few hundred keep
 * the unit run fast.
 */
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzRequest, sendFuzzRequest, testServer } from './test-support.ts';

const server = testServer({ TRUST_PROXY: 'true' }, (config) => ({
  ...config,
  support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 2048, maxTotalBytes: 3000 } },
}));
afterAll(() => server.cleanup());

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

describe('the server under random input', () => {
  it('never answers a client with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        const status = await sendFuzzRequest(server.app, request);
        expect(status, `${request.method} ${request.path}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(unhandled).toEqual([]);
  });

  it('keeps the database consistent: every ticket has its idempotency record and its files', async () => {
    const stats = await server.store.stats();
    const paths = await server.store.attachmentPaths();
    expect(paths.size).toBe(stats.attachments);
    for (const p of paths) expect(existsSync(p)).toBe(true);
  });
});
