/** Helpers for the server's tests: a throw-away data folder, config, store and app. */
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { loadConfig, type ServerConfig } from './config.ts';
import { createApp, type AppDeps } from './app.ts';
import type { DiskAccess } from './intake/disk-space.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { exampleTicket } from '../../core/contract/ticket.example.ts';

export const allowedOrigin = 'http://localhost:4321';

export interface TestServer {
  app: ReturnType<typeof createApp>;
  store: Store;
  config: ServerConfig;
  dir: string;
  reopen(): TestServer;
  cleanup(): void;
}

/** What a test may swap in the app: a full disk, a failing store, the socket's address, the clock, the console's article list. */
export interface TestDeps {
  disk?: DiskAccess;
  wrapStore?: (store: Store) => Store;
  remoteAddress?: AppDeps['remoteAddress'];
  now?: () => Date;
  /** The KB's article list for the console; absent: SITE_DIR's, if built. */
  articles?: AppDeps['articles'];
  wakeOutbox?: () => void;
  /** scrypt's cost for console passwords; tests use a cheap one (a real one takes 128 MiB and ~0.3 s a hash). */
  passwordCost?: AppDeps['passwordCost'];
  /** After Send: the forwarders' inbound webhooks, where replies and news go, the status endpoint's secret. */
  helpdesks?: AppDeps['helpdesks'];
  /** Forwarder names each ticket is delivered to (default: the webhook). */
  forwarders?: string[];
}

export function testServer(env: Record<string, string> = {}, adjust?: (config: ServerConfig) => ServerConfig, deps: TestDeps = {}): TestServer {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-server-'));
  const make = (): TestServer => {
    let config = loadConfig({ DATA_DIR: dir, CONTENT_DIR: 'content', SITE_DIR: 'site/dist', MIN_FILL_SECONDS: '0', RATE_LIMIT: '1000', ...env });
    if (adjust) config = adjust(config);
    const store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
    const app = createApp({
      config, store: deps.wrapStore?.(store) ?? store, forwarders: deps.forwarders ?? ['webhook'], ticketSecret: Buffer.from('test-secret-test-secret-test-sec'),
      ...(deps.disk ? { disk: deps.disk } : {}), ...(deps.remoteAddress ? { remoteAddress: deps.remoteAddress } : {}),
      ...(deps.now ? { now: deps.now } : {}), ...('articles' in deps ? { articles: deps.articles } : {}),
      ...(deps.wakeOutbox ? { wakeOutbox: deps.wakeOutbox } : {}), ...(deps.helpdesks ? { helpdesks: deps.helpdesks } : {}), passwordCost: deps.passwordCost ?? { logN: 4, r: 1, p: 1 },
    });
    return {
      app, store, config, dir,
      reopen() {
        store.close();
        return make();
      },
      cleanup() {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
  return make();
}

/** A fresh copy of the example ticket, started a minute ago. */
export function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(exampleTicket), client: { ...exampleTicket.client, startedAt: new Date(Date.now() - 60_000).toISOString() }, ...overrides };
}

export async function postJson(app: TestServer['app'], body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return await app.request('/api/tickets', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const phpBytes = Buffer.from('<?php system($_GET["c"]); ?>\n');

export function multipart(ticketBody: unknown, files: { name: string; type: string; data: Buffer }[]): FormData {
  const form = new FormData();
  form.append('ticket', new Blob([JSON.stringify(ticketBody)], { type: 'application/json' }));
  for (const f of files) form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  return form;
}

/** The error Node's fs gives when a write meets a full disk. */
export function noSpaceError(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC', syscall: 'write' });
}

/**
 * A disk with `room` bytes left: uploads are really written until it is full, then the write fails
 * with ENOSPC, as on a full file system (no root, no tmpfs needed).
 */
export function diskWithRoom(room: number): DiskAccess {
  let used = 0;
  return {
    createFile(file) {
      const fd = openSync(file, 'wx');
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          const fits = Math.max(0, Math.min(chunk.length, room - used));
          if (fits) writeSync(fd, chunk, 0, fits);
          used += fits;
          done(fits < chunk.length ? noSpaceError() : null);
        },
        destroy(error, done) {
          closeSync(fd);
          done(error);
        },
      });
    },
    freeBytes: async () => room - used,
  };
}

/** The environment node-server hands the app for a request from `address`. */
export const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

// ---- fuzzing: requests a client may send, for app.property.test.ts and bench/api-fuzz.ts ---------

/** One request as the fuzzer builds it; `send` turns it into a real Request. */
export interface FuzzRequest {
  path: string;
  method: string;
  headers: [string, string][];
  body: { kind: 'none' } | { kind: 'bytes'; bytes: Buffer } | { kind: 'chunked'; chunks: Buffer[]; breakOff: boolean };
  /** The socket's peer, as node-server passes it; undefined: a socket already gone. */
  remoteAddress?: string;
}

const jsonText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.record({
    field: fc.constantFrom('subject', 'message', 'priority', 'department', 'customer', 'attachments', 'client', 'lang', 'website', 'high', 'topic'),
    value: fc.oneof(fc.jsonValue(), fc.constant({ toString: 1 }), fc.constant({ valueOf: null })),
  }).map(({ field, value }) => JSON.stringify({ ...ticket(), [field]: value })),
  fc.record({ depth: fc.integer({ min: 20, max: 20_000 }), open: fc.constantFrom('[', '{"a":') }).map(({ depth, open }) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`),
  fc.constantFrom(JSON.stringify({ articleId: 'reset-password', lang: 'pt-BR', helpful: true, voterId: 'voter-aaaa' }), JSON.stringify({ type: 'search-miss', query: 'email', lang: 'pt-BR' })),
  // Valid tickets too, so creation, replays and stored files are exercised, not only refusals.
  fc.constant(null).map(() => JSON.stringify(ticket())),
);

/** A well-formed upload: a valid ticket and one or two real files (PNG, PDF, or a script posing as one). */
const validUpload = fc.array(fc.constantFrom(
  { name: 'tela.png', type: 'image/png', data: pngBytes },
  { name: 'fatura.pdf', type: 'application/pdf', data: pdfBytes },
  { name: 'foto.png', type: 'image/png', data: phpBytes },
), { minLength: 1, maxLength: 3 }).map((files) => {
  const parts = [`--x\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${JSON.stringify(ticket({ attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.data.length })) }))}\r\n`];
  const head = (f: { name: string; type: string }) => `--x\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`;
  return Buffer.concat([Buffer.from(parts[0]!), ...files.flatMap((f) => [Buffer.from(head(f)), f.data, Buffer.from('\r\n')]), Buffer.from('--x--\r\n')]);
});

const multipartBytes = fc
  .tuple(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('ticket', 'attachments', 'other', ''), fc.boolean(), fc.option(jsonText, { nil: undefined }))
  .map(([name, bytes, field, close, ticketPart]) => {
    const ticketHead = ticketPart === undefined ? '' : `--x\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${ticketPart}\r\n`;
    const head = `${ticketHead}--x\r\nContent-Disposition: form-data; name="${field}"; filename="${name.replace(/["\r\n]/g, '')}"\r\nContent-Type: image/png\r\n\r\n`;
    return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(close ? '\r\n--x--\r\n' : '')]);
  });

const bodyBytes = fc.oneof(jsonText.map((s) => Buffer.from(s)), multipartBytes, fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)));

const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `::ffff:${ip}`), fc.string({ maxLength: 20 }));

const header = fc.oneof(
  fc.tuple(fc.constantFrom('Content-Type'), fc.constantFrom(
    'application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded', '', 'application/problem+json', 'multipart/form-data; boundary=',
  )),
  fc.tuple(fc.constantFrom('Origin'), fc.constantFrom(allowedOrigin, 'https://evil.example', 'null', '')),
  fc.tuple(fc.constantFrom('Idempotency-Key', 'Authorization', 'Accept-Language', 'If-None-Match', 'If-Modified-Since', 'Accept-Encoding', 'Range', 'X-Forwarded-Proto'), fc.string({ maxLength: 300 })),
  fc.tuple(fc.constantFrom('X-Forwarded-For'), fc.array(address, { maxLength: 4 }).map((list) => list.join(', '))),
);

const path_ = fc.oneof(
  fc.constantFrom(
    '/api/tickets', '/api/votes', '/api/events', '/api/tickets/BR-000001', '/api/votes/reset-password?lang=pt-BR', '/api/nope', '/api/health',
    '/', '/pt-br/', '/it/non-esiste/', '/widget/support-ticket.js', '/support-config.json', '/demo/', '/demo/strict-csp/', '/demo',
    '/console', '/console/', '/console/sign-in', '/console/sign-out', '/console/funnel', '/console/api/funnel', '/console/api/export/funnel/weekly.csv',
    '/console/api/privacy/delete', '/console/tickets/%ff', '/console/assets/console.css', '/console/assets/..%2f..%2fconfig.ts',
    '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/pt-br/..%5c..%5cpackage.json', '/%00', '/%ff', '/api/tickets/%ff', '/..%2fdist-private/x',
  ),
  fc.webPath(),
);

const anyBody = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  bodyBytes.map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.tuple(fc.array(bodyBytes, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([chunks, breakOff]) => ({ kind: 'chunked' as const, chunks, breakOff })),
);

/** A body whole, or the same bytes in pieces (no Content-Length), or broken off after them. */
const sent = (bytes: fc.Arbitrary<Buffer>): fc.Arbitrary<FuzzRequest['body']> =>
  fc.tuple(bytes, fc.constantFrom('whole', 'chunked', 'broken-off')).map(([data, how]) =>
    how === 'whole' ? { kind: 'bytes' as const, bytes: data } : { kind: 'chunked' as const, chunks: [data.subarray(0, data.length >> 1), data.subarray(data.length >> 1)], breakOff: how === 'broken-off' },
  );

/** A request that passes the envelope checks (method, origin, key, content type), so the body itself is what gets tested. */
const wellAddressed: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({
    path: fc.constantFrom('/api/tickets', '/api/votes', '/api/events'),
    body: sent(jsonText.map((s) => Buffer.from(s))),
    type: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
  }).map(({ path, body, type }) => ({ path, body, type })),
  fc.record({ body: sent(fc.oneof(multipartBytes, validUpload)), type: fc.constant('multipart/form-data; boundary=x') }).map(({ body, type }) => ({ path: '/api/tickets', body, type })),
).chain(({ path, body, type }) =>
  fc.record({
    path: fc.constant(path),
    method: fc.constant('POST'),
    headers: fc.tuple(fc.uuid(), fc.array(header, { maxLength: 2 })).map(([key, extra]): [string, string][] => [['Content-Type', type], ['Origin', allowedOrigin], ['Idempotency-Key', key], ...extra.filter(([name]) => name === 'X-Forwarded-For' || name === 'Accept-Language')]),
    body: fc.constant(body),
    remoteAddress: fc.option(address, { nil: undefined }),
  }),
);

/** Any request a client may send to any route: bodies whole, chunked or broken off, from any address, behind any header. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(wellAddressed, fc.record({
  path: path_,
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  headers: fc.array(header, { maxLength: 6 }),
  body: anyBody,
  remoteAddress: fc.option(address, { nil: undefined }),
}));

/** Sends a fuzzed request through the app and reads the whole answer; returns its status. */
export async function sendFuzzRequest(app: TestServer['app'], request: FuzzRequest): Promise<number> {
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    try {
      headers.set(name, value);
    } catch {
      // a header value the Fetch API itself refuses never reaches a server
    }
  }
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.body.kind !== 'none';
  let body: RequestInit['body'];
  if (hasBody && request.body.kind === 'bytes') body = new Uint8Array(request.body.bytes);
  else if (hasBody && request.body.kind === 'chunked') {
    const { chunks, breakOff } = request.body;
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
        if (breakOff) controller.error(new Error('the client went away'));
        else controller.close();
      },
    });
  }
  let url: string;
  try {
    url = new URL(request.path, 'http://localhost').href;
  } catch {
    url = 'http://localhost/';
  }
  const env = request.remoteAddress === undefined ? undefined : fromAddress(request.remoteAddress);
  const response = await app.request(url, { method: request.method, headers, ...(body ? { body, duplex: 'half' } : {}) }, env);
  await response.arrayBuffer();
  return response.status;
}

/** The error node:sqlite really throws for `sql` on a scratch database (SQLITE_FULL, "cannot rollback", ...). */
export function sqliteError(setup: string, sql: string): Error {
  const db = new DatabaseSync(':memory:');
  try {
    db.exec(setup);
    db.exec(sql);
    throw new Error(`${sql} did not fail`);
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
}
