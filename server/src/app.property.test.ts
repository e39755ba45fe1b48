/**
 * Whatever a client throws at the server (random bodies whole, chunked or broken off, JSON nested
 * 20,000 deep, headers, addresses, content types, broken multipart, paths that climb out of the
 * site), the answer is never a 5xx, nothing is left unhandled, and the database stays consistent.
 * `npm run bench` runs the same property 10,000 times (bench/api-fuzz.ts); here a few hundred keep
 * the unit run fast.
 */
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusUpdateSchema } from '../../core/contract/status-update.ts';
import { signCustomerToken } from './intake/customer-token.ts';
import { allowedOrigin, fuzzRequest, pngBytes, postJson, sendFuzzRequest, testServer, ticket, type FuzzRequest } from './test-support.ts';

const webhookSecret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const customerSecret = 'a-customer-token-secret-of-32-characters!';
const server = testServer({ TRUST_PROXY: 'true', CUSTOMER_TOKEN_SECRET: customerSecret, STATUS_WEBHOOK_SECRET: webhookSecret }, (config) => ({
  ...config,
  support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 2048, maxTotalBytes: 3000 } },
}), {
  helpdesks: {
    afterSend: { canReopen: true, replyForwarders: ['zendesk'], closeForwarders: ['zendesk'], customerMail: ['confirmation-email'] },
    // An adapter that checks nothing and hands on whatever it is sent, so random bodies reach the update path.
    forwarders: [{
      name: 'zendesk', sendsOwnConfirmation: true, deliver: () => Promise.resolve({ ok: true }),
      inbound: {
        receive: (_request, body) => {
          const parsed = (() => { try { return JSON.parse(body) as unknown; } catch { return undefined; } })();
          // As every adapter does (forwarders/inbound.ts), only updates the contract accepts go on.
          const updates = Array.isArray(parsed) ? parsed.flatMap((u) => { const ok = statusUpdateSchema.safeParse(u); return ok.success ? [ok.data] : []; }) : [];
          return Promise.resolve(Array.isArray(parsed) ? { kind: 'updates', ticketRef: { number: 'BR-000001', externalId: String(parsed[0]) }, updates } : { kind: 'refused', status: 400, reason: 'unreadable' });
        },
      },
    }],
  },
});
afterAll(() => server.cleanup());

/** The first ticket's number and token, so that fuzzed replies and closes get past the token check. */
let ticketToken = '';
beforeAll(async () => {
  ticketToken = ((await (await postJson(server.app, ticket())).json()) as { token: string }).token;
});

const signer = new Webhook(webhookSecret);
const someJson = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ message: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('Segue o print.'), fc.jsonValue()), lang: fc.constantFrom('it', 'en', 'xx', 7) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ id: fc.string({ maxLength: 8 }), at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), status: fc.constantFrom('closed', 'open', 'answered', 'nope'), reply: fc.option(fc.record({ message: fc.string() }), { nil: undefined }), helpdeskNumber: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ subject: fc.string({ maxLength: 130 }), department: fc.constantFrom('technical', 'billing', 'legal'), note: fc.string({ maxLength: 1100 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), at: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()), status: fc.constantFrom('closed', 'open', 'answered') }), { maxLength: 3 }).map((list) => JSON.stringify(['101', ...list])),
);
const replyMultipart = fc.tuple(someJson, fc.constantFrom('reply', 'ticket', 'attachments'), fc.constantFrom(pngBytes, Buffer.from('<?php ?>'), Buffer.alloc(4000, 1))).map(([json, part, file]) =>
  Buffer.concat([
    Buffer.from(`--x\r\nContent-Disposition: form-data; name="${part}"\r\n\r\n${json}\r\n--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from('\r\n--x--\r\n'),
  ]),
);

/** Requests to the endpoints after Send, mostly past their token and signature checks, so the bodies are what gets tested. */
const afterSendRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    path: fc.constantFrom(
      '/api/tickets/BR-000001/replies', '/api/tickets/BR-000001/close', '/api/tickets/BR-000001/status', '/api/tickets/BR-999999/status', '/api/tickets/%ff/replies',
      '/api/customer/tickets', '/api/customer/tickets/duplicates', '/api/helpdesks/zendesk/webhook', '/api/helpdesks/whmcs/webhook',
    ),
    method: fc.constantFrom('POST', 'POST', 'GET'),
    multipart: fc.boolean(),
    json: someJson,
    upload: replyMultipart,
    auth: fc.constantFrom('ticket', 'customer', 'expired', 'junk', 'none'),
    signed: fc.constantFrom('now', 'stale', 'forged', 'none'),
    key: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  })
  .map(({ path, method, multipart, json, upload, auth, signed, key }) => {
    const body = multipart ? upload : Buffer.from(json);
    const now = Math.floor(Date.now() / 1000);
    const authorization = {
      ticket: `Bearer ${ticketToken}`,
      customer: `Bearer ${signCustomerToken({ sub: 'c-1', exp: now + 600 }, customerSecret)}`,
      expired: `Bearer ${signCustomerToken({ sub: 'c-1', exp: now - 1 }, customerSecret)}`,
      junk: 'Bearer x.y.z',
      none: '',
    }[auth];
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const at = new Date(signed === 'stale' ? Date.now() - 3_600_000 : Date.now());
    const headers: [string, string][] = [
      ['Content-Type', multipart ? 'multipart/form-data; boundary=x' : 'application/json'],
      ['Origin', allowedOrigin],
      ...(authorization ? [['Authorization', authorization] as [string, string]] : []),
      ...(key ? [['Idempotency-Key', key] as [string, string]] : []),
      ...(signed === 'none' ? [] : ([['webhook-id', id], ['webhook-timestamp', String(Math.floor(at.getTime() / 1000))], ['webhook-signature', signed === 'forged' ? 'v1,AAAA' : signer.sign(id, at, body.toString())]] as [string, string][])),
    ];
    return { path, method, headers, body: { kind: 'bytes' as const, bytes: body } };
  });

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

  it('never answers a 5xx to anything sent to the endpoints after Send', async () => {
    const answered = new Set<number>();
    await fc.assert(
      fc.asyncProperty(afterSendRequest, async (request) => {
        const status = await sendFuzzRequest(server.app, request);
        answered.add(status);
        expect(status, `${request.method} ${request.path}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(unhandled).toEqual([]);
    // The requests got past the token and signature checks too: replies stored, updates applied.
    expect([...answered].filter((status) => status < 300).length).toBeGreaterThan(0);
  });

  it('keeps the database consistent: every ticket has its idempotency record and its files', async () => {
    const stats = await server.store.stats();
    const paths = await server.store.attachmentPaths();
    expect(paths.size).toBe(stats.attachments);
    for (const p of paths) expect(existsSync(p)).toBe(true);
  });
});
