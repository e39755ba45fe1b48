/**
 * Whatever a client throws at the API (random bodies, headers, content types, broken multipart),
 * the answer is never a 5xx, nothing is left unhandled, and the database stays consistent.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedOrigin, testServer, ticket } from './test-support.ts';

const server = testServer({}, (config) => ({
  ...config,
  support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 2048, maxTotalBytes: 3000 } },
}));
afterAll(() => server.cleanup());

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const jsonish = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.record({ field: fc.constantFrom('subject', 'message', 'priority', 'department', 'customer', 'attachments', 'client', 'lang', 'website'), value: fc.jsonValue() })
    .map(({ field, value }) => JSON.stringify({ ...ticket(), [field]: value })),
);

const contentType = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded', '', 'application/problem+json', 'multipart/form-data; boundary=',
);

const multipartBody = fc
  .tuple(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('ticket', 'attachments', 'other', ''), fc.boolean())
  .map(([name, bytes, field, close]) => {
    const head = `--x\r\nContent-Disposition: form-data; name="${field}"; filename="${name.replace(/["\r\n]/g, '')}"\r\nContent-Type: image/png\r\n\r\n`;
    return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(close ? '\r\n--x--\r\n' : '')]);
  });

describe('the API under random input', () => {
  it('never answers a client with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/tickets', '/api/votes', '/api/events', '/api/tickets/BR-000001', '/api/votes/reset-password?lang=pt-BR', '/api/nope'),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        contentType,
        fc.oneof(jsonish.map((s) => Buffer.from(s)), multipartBody),
        fc.option(fc.constantFrom(allowedOrigin, 'https://evil.example', 'null', ''), { nil: undefined }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
        async (path, method, type, body, origin, key, authorization) => {
          const headers = new Headers();
          if (type) headers.set('Content-Type', type);
          try {
            if (origin !== undefined) headers.set('Origin', origin);
            if (key !== undefined) headers.set('Idempotency-Key', key);
            if (authorization !== undefined) headers.set('Authorization', authorization);
          } catch {
            // a header value the Fetch API itself refuses never reaches a server
          }
          const response = await server.app.request(path, { method, headers, ...(['GET', 'OPTIONS'].includes(method) ? {} : { body }) });
          await response.arrayBuffer();
          expect(response.status, `${method} ${path} ${type}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    expect(unhandled).toEqual([]);
  });

  it('keeps the database consistent: every ticket has its idempotency record and its files', async () => {
    const stats = await server.store.stats();
    const paths = await server.store.attachmentPaths();
    expect(paths.size).toBe(stats.attachments);
    for (const p of paths) expect((await import('node:fs')).existsSync(p)).toBe(true);
  });
});
