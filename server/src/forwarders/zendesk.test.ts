import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHmac } from 'node:crypto';
import type { DeliveryContext, ReplyContext } from './forwarder.ts';
import { createZendeskForwarder, type ZendeskForwarderOptions } from './zendesk.ts';
import { customerReply, fixtureFiles, pdfBytes, pngBytes, storedTicket } from './stored-ticket.fixture.ts';

const base = 'https://nuvolo.zendesk.com';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const options: ZendeskForwarderOptions = { subdomain: 'nuvolo', email: 'integracoes@nuvolo.example', apiToken: '6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv' };
const expectedAuth = `Basic ${Buffer.from('integracoes@nuvolo.example/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv').toString('base64')}`;

function context(deliveryId = 'dlv_z1'): DeliveryContext {
  return { deliveryId, readAttachment: fixtureFiles().readAttachment, fetch: (input, init) => fetch(input, init) };
}

interface Upload {
  filename: string | null;
  contentType: string | null;
  bytes: Buffer;
  token: string;
}

interface Created {
  idempotencyKey: string | null;
  contentType: string | null;
  body: { ticket: Record<string, unknown> & { comment: { body: string; uploads?: string[] } } };
}

/**
 * A small Zendesk: List Tickets by external_id, Upload Files and Create Ticket, each checking the
 * API-token Basic auth. `createAnswer` can replace the create answer (after the ticket is stored).
 */
function zendesk(createAnswer?: (ticket: { id: number }) => Response) {
  const state = { lookups: 0, uploads: [] as Upload[], created: [] as Created[], tickets: [] as Array<{ id: number; external_id: unknown }> };
  const authorized = (request: Request) => request.headers.get('authorization') === expectedAuth;
  server.use(
    http.get(`${base}/api/v2/tickets`, ({ request }) => {
      if (!authorized(request)) return HttpResponse.json({ error: 'Couldn\'t authenticate you' }, { status: 401 });
      state.lookups += 1;
      const externalId = new URL(request.url).searchParams.get('external_id');
      return HttpResponse.json({ tickets: state.tickets.filter((t) => t.external_id === externalId), count: 0 });
    }),
    http.post(`${base}/api/v2/uploads`, async ({ request }) => {
      if (!authorized(request)) return HttpResponse.json({ error: 'Couldn\'t authenticate you' }, { status: 401 });
      const token = `tok_${state.uploads.length + 1}`;
      state.uploads.push({
        filename: new URL(request.url).searchParams.get('filename'),
        contentType: request.headers.get('content-type'),
        bytes: Buffer.from(await request.arrayBuffer()),
        token,
      });
      return HttpResponse.json({ upload: { token, attachment: { id: state.uploads.length } } }, { status: 201 });
    }),
    http.post(`${base}/api/v2/tickets`, async ({ request }) => {
      if (!authorized(request)) return HttpResponse.json({ error: 'Couldn\'t authenticate you' }, { status: 401 });
      const body = (await request.json()) as Created['body'];
      state.created.push({ idempotencyKey: request.headers.get('idempotency-key'), contentType: request.headers.get('content-type'), body });
      const ticket = { id: 35436 + state.tickets.length, external_id: body.ticket.external_id };
      state.tickets.push(ticket);
      return createAnswer ? createAnswer(ticket) : HttpResponse.json({ ticket }, { status: 201 });
    }),
  );
  return state;
}

describe('the Zendesk forwarder', () => {
  it('uploads each file with its type, then creates the ticket with the upload tokens', async () => {
    const state = zendesk();

    const result = await createZendeskForwarder(options).deliver(storedTicket(), context('dlv_z1'));

    expect(result).toEqual({ ok: true, externalId: '35436' });
    expect(state.uploads.map(({ token: _t, ...u }) => u)).toEqual([
      { filename: 'falha-entrega-550.png', contentType: 'image/png', bytes: Buffer.from(pngBytes) },
      { filename: 'fatura novembro.pdf', contentType: 'application/pdf', bytes: Buffer.from(pdfBytes) },
    ]);
    expect(state.created).toHaveLength(1);
    const [created] = state.created as [Created];
    expect(created.contentType).toBe('application/json');
    expect(created.idempotencyKey).toBe('dlv_z1');
    expect(created.body.ticket).toMatchObject({
      subject: `${storedTicket().ticket.subject} [BR-000123]`,
      comment: { uploads: ['tok_1', 'tok_2'] },
      priority: 'high',
      requester: { name: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br' },
      external_id: 'BR-000123',
      tags: ['support-kit', 'technical'],
    });
    expect(Object.keys(created.body.ticket).sort()).toEqual(['comment', 'external_id', 'priority', 'requester', 'subject', 'tags']);
    expect(created.body.ticket.comment.body).toContain('Exact error message:\n');
    expect(created.body.ticket.comment.body).toContain('Domain: padariapaodequeijo.com.br');
  });

  it('maps medium priority to normal and sends no uploads key without files', async () => {
    const state = zendesk();
    const stored = storedTicket({ attachments: [], ticket: { ...storedTicket().ticket, priority: 'medium', high: undefined } });
    await createZendeskForwarder(options).deliver(stored, context());

    expect(state.uploads).toHaveLength(0);
    expect(state.created[0]?.body.ticket.priority).toBe('normal');
    expect(state.created[0]?.body.ticket.comment).not.toHaveProperty('uploads');
  });

  it('a retry after a lost answer finds the ticket by external_id instead of creating a second one', async () => {
    let lost = true;
    const state = zendesk((ticket) => {
      if (lost) {
        lost = false;
        return HttpResponse.error();
      }
      return HttpResponse.json({ ticket }, { status: 201 });
    });
    const forwarder = createZendeskForwarder(options);

    const first = await forwarder.deliver(storedTicket(), context('dlv_same'));
    const second = await forwarder.deliver(storedTicket(), context('dlv_same'));

    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(second).toEqual({ ok: true, externalId: '35436' });
    expect(state.tickets).toHaveLength(1);
    expect(state.uploads).toHaveLength(2);
  });

  it('accepts a host-mapped base URL', async () => {
    const state = zendesk();
    const forwarder = createZendeskForwarder({ baseUrl: `${base}/`, email: options.email, apiToken: options.apiToken });
    expect(await forwarder.deliver(storedTicket({ attachments: [] }), context())).toMatchObject({ ok: true });
    expect(state.created).toHaveLength(1);
  });

  it('bad credentials are not retried', async () => {
    zendesk();
    const result = await createZendeskForwarder({ ...options, apiToken: 'wrong' }).deliver(storedTicket(), context());
    expect(result).toEqual({ ok: false, retryable: false, error: 'Zendesk ticket lookup: HTTP 401 {"error":"Couldn\'t authenticate you"}' });
  });

  it('a rate limit is retried no sooner than Retry-After', async () => {
    zendesk(() => HttpResponse.json({ error: 'TooManyRequests' }, { status: 429, headers: { 'Retry-After': '93' } }));
    const result = await createZendeskForwarder(options).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 93_000 });
  });

  it('a rejected ticket (422) is not retried', async () => {
    zendesk(() => HttpResponse.json({ error: 'RecordInvalid', description: 'Record validation errors' }, { status: 422 }));
    const result = await createZendeskForwarder(options).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('Zendesk ticket creation: HTTP 422') });
  });
});

describe('Zendesk ticket events coming back', () => {
  const signingSecret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
  const now = new Date('2025-01-08T16:45:40Z');
  const inbound = createZendeskForwarder({ ...options, webhookSecret: signingSecret }).inbound;

  /** Zendesk's documented ticket.status_changed payload, for our ticket. */
  const statusChanged = (current = 'SOLVED') => ({
    account_id: 22129848,
    detail: { id: '5158', external_id: 'BR-000123', requester_id: '8447388090001', status: current, priority: 'HIGH', created_at: '2025-01-08T10:12:07Z', updated_at: '2025-01-08T16:45:20Z' },
    event: { current, previous: 'OPEN' },
    id: 'a8b9c1d2-3e4f-5a6b-7c8d-9e0f1a2b3c4d',
    subject: 'zen:ticket:5158',
    time: '2025-01-08T16:45:20.987654321Z',
    type: 'zen:event-type:ticket.status_changed',
    zendesk_event_version: '2022-11-06',
  });
  const commentAdded = (comment: Record<string, unknown>) => ({
    ...statusChanged(),
    detail: { ...statusChanged().detail, status: 'PENDING' },
    event: { comment },
    id: 'd4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52',
    time: '2025-01-08T14:25:30.123456789Z',
    type: 'zen:event-type:ticket.comment_added',
  });

  /** A request as Zendesk sends it: base64 HMAC-SHA256 of the timestamp followed by the body. */
  function signed(body: string, timestamp = '2025-01-08T16:45:21Z', secret = signingSecret): Request {
    const signature = createHmac('sha256', secret).update(timestamp + body).digest('base64');
    return new Request('https://suporte.nuvolo.example/api/helpdesks/zendesk/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp },
      body,
    });
  }
  const receive = (request: Request, body: string, at = now) => inbound!.receive(request, body, { now: at, fetch });

  it('a signed status change becomes our status, for the ticket Zendesk knows by our number', async () => {
    const body = JSON.stringify(statusChanged('SOLVED'));
    expect(await receive(signed(body), body)).toEqual({
      kind: 'updates',
      ticketRef: { externalId: '5158', number: 'BR-000123' },
      updates: [{ id: 'zendesk:a8b9c1d2-3e4f-5a6b-7c8d-9e0f1a2b3c4d', at: '2025-01-08T16:45:20.987Z', status: 'closed' }],
    });
  });

  it.each([
    ['NEW', 'open'],
    ['OPEN', 'in-progress'],
    ['pending', 'waiting-customer'],
    ['HOLD', 'in-progress'],
    ['CLOSED', 'closed'],
  ])('maps Zendesk %s to %s', async (zendeskStatus, ours) => {
    const body = JSON.stringify(statusChanged(zendeskStatus));
    expect(await receive(signed(body), body)).toMatchObject({ updates: [{ status: ours }] });
  });

  it('refuses a signature made with another secret, or a body changed after signing', async () => {
    const body = JSON.stringify(statusChanged());
    expect(await receive(signed(body, undefined, 'another-secret'), body)).toMatchObject({ kind: 'refused', status: 401 });
    const tampered = body.replace('SOLVED', 'NEW');
    expect(await receive(signed(body), tampered)).toMatchObject({ kind: 'refused', status: 401, reason: 'the Zendesk signature does not match' });
    const unsigned = new Request('https://suporte.nuvolo.example/', { method: 'POST', body });
    expect(await receive(unsigned, body)).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('refuses a genuine request signed more than five minutes ago (a replay)', async () => {
    const body = JSON.stringify(statusChanged());
    const outcome = await receive(signed(body, '2025-01-08T16:39:00Z'), body);
    expect(outcome).toEqual({ kind: 'refused', status: 401, reason: 'signed 400 s ago, more than 300 s: refused as a replay' });
  });

  it('the same event delivered twice yields the same update id, so the store applies it once', async () => {
    const body = JSON.stringify(statusChanged());
    const first = await receive(signed(body), body);
    const again = await receive(signed(body, '2025-01-08T16:45:35Z'), body);
    expect(again).toEqual(first);
  });

  it("an agent's public comment is support's reply, with its text", async () => {
    const body = JSON.stringify(commentAdded({ id: 9876543210, body: 'Liberamos o IP do seu servidor; pode testar de novo?', is_public: true, author: { id: 8447388090495, is_staff: true, name: 'Support Agent' } }));
    expect(await receive(signed(body), body)).toEqual({
      kind: 'updates',
      ticketRef: { externalId: '5158', number: 'BR-000123' },
      updates: [{ id: 'zendesk:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52', at: '2025-01-08T14:25:30.123Z', reply: { message: 'Liberamos o IP do seu servidor; pode testar de novo?' } }],
    });
  });

  it('without permission to show reply text, the reply says only that support replied', async () => {
    const hidden = createZendeskForwarder({ ...options, webhookSecret: signingSecret, showsAgentReplyText: false });
    const body = JSON.stringify(commentAdded({ id: 1, body: 'texto', is_public: true, author: { id: 2, is_staff: true } }));
    expect(await hidden.inbound!.receive(signed(body), body, { now, fetch })).toMatchObject({ updates: [{ reply: {} }] });
    expect(hidden.showsAgentReplyText).toBe(false);
  });

  it('ignores internal notes, the requester\'s own comments and events it does not follow', async () => {
    const note = JSON.stringify(commentAdded({ id: 1, body: 'cliente chato', is_public: false, author: { id: 2, is_staff: true } }));
    expect(await receive(signed(note), note)).toEqual({ kind: 'ignored', reason: 'a private comment' });
    const own = JSON.stringify(commentAdded({ id: 1, body: 'Segue o print', is_public: true, author: { id: 8447388090001, is_staff: false } }));
    expect(await receive(signed(own), own)).toMatchObject({ kind: 'ignored' });
    const other = JSON.stringify({ ...statusChanged(), type: 'zen:event-type:ticket.priority_changed' });
    expect(await receive(signed(other), other)).toMatchObject({ kind: 'ignored' });
  });

  it("ignores the ticket's first comment, the customer's own message, even when Zendesk credits it to the API user", async () => {
    const first = commentAdded({ id: 1, body: 'Desde ontem...', is_public: true, author: { id: 3, is_staff: true } });
    const body = JSON.stringify({ ...first, time: '2025-01-08T10:12:08Z' });
    expect(await receive(signed(body), body)).toEqual({ kind: 'ignored', reason: "the ticket's first comment" });
  });

  it('answers 400 for a signed body that is not a Zendesk event', async () => {
    expect(await receive(signed('not json'), 'not json')).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('has no inbound side without a signing secret', () => {
    expect(createZendeskForwarder(options).inbound).toBeUndefined();
  });
});

describe("the customer's reply to Zendesk", () => {
  const reply = customerReply();
  const replyContext = (externalId = '35436'): ReplyContext => ({ ...context('dlv_r1'), externalId });

  function ticketApi(status: string) {
    const state = { puts: [] as unknown[], uploads: [] as string[], created: [] as Array<{ key: string | null; body: unknown }> };
    server.use(
      http.get(`${base}/api/v2/tickets/35436`, () => HttpResponse.json({ ticket: { id: 35436, status, requester_id: 20978392 } })),
      http.post(`${base}/api/v2/uploads`, ({ request }) => {
        state.uploads.push(new URL(request.url).searchParams.get('filename') ?? '');
        return HttpResponse.json({ upload: { token: `tok_${state.uploads.length}` } }, { status: 201 });
      }),
      http.put(`${base}/api/v2/tickets/35436`, async ({ request }) => {
        if (request.headers.get('authorization') !== expectedAuth) return HttpResponse.json({}, { status: 401 });
        state.puts.push(await request.json());
        return HttpResponse.json({ ticket: { id: 35436, status: 'open' } });
      }),
      http.post(`${base}/api/v2/tickets`, async ({ request }) => {
        state.created.push({ key: request.headers.get('idempotency-key'), body: await request.json() });
        return HttpResponse.json({ ticket: { id: 35501 } }, { status: 201 });
      }),
    );
    return state;
  }

  it("becomes a public comment authored by the requester, with the file uploaded", async () => {
    const state = ticketApi('pending');
    const result = await createZendeskForwarder(options).deliverReply!(storedTicket(), reply, replyContext());
    expect(result).toEqual({ ok: true });
    expect(state.uploads).toEqual(['falha-entrega-550.png']);
    expect(state.puts).toEqual([
      { ticket: { comment: { body: 'Segue o print do erro depois da mudança.', public: true, author_id: 20978392, uploads: ['tok_1'] } } },
    ]);
  });

  it('on a closed ticket opens a follow-up, whose id names the ticket from then on', async () => {
    const state = ticketApi('closed');
    const result = await createZendeskForwarder(options).deliverReply!(storedTicket(), { ...reply, attachments: [] }, replyContext());
    expect(result).toEqual({ ok: true, externalId: '35501' });
    expect(state.puts).toEqual([]);
    expect(state.created).toEqual([
      {
        key: 'dlv_r1',
        body: {
          ticket: {
            via_followup_source_id: 35436,
            subject: `${storedTicket().ticket.subject} [BR-000123]`,
            comment: { body: reply.message, public: true, author_id: 20978392 },
            requester_id: 20978392,
            external_id: 'BR-000123',
            tags: ['support-kit', 'technical'],
          },
        },
      },
    ]);
  });

  it('reopens: the forwarder says so', () => {
    expect(createZendeskForwarder(options).canReopen).toBe(true);
  });
});

describe('a ticket closed here, in Zendesk', () => {
  const closeContext = (): ReplyContext => ({ ...context('dlv_c1'), externalId: '35436' });
  const close = { id: 'evt_c1', at: '2026-11-20T12:00:00.000Z', reason: 'customer' as const, note: 'Funcionou depois de limpar o cache, obrigado.' };

  /** The ticket in `status`; each PUT recorded, answered 422 (Zendesk's own rules) while `refuseSolving` and the PUT solves. */
  function ticketApi(status: string, refuseSolving = false) {
    const puts: Array<{ ticket: { status?: string; comment?: { body: string; public: boolean } } }> = [];
    server.use(
      http.get(`${base}/api/v2/tickets/35436`, () => HttpResponse.json({ ticket: { id: 35436, status, requester_id: 20978392 } })),
      http.put(`${base}/api/v2/tickets/35436`, async ({ request }) => {
        if (request.headers.get('authorization') !== expectedAuth) return HttpResponse.json({}, { status: 401 });
        const body = (await request.json()) as (typeof puts)[number];
        puts.push(body);
        if (refuseSolving && body.ticket.status === 'solved') {
          return HttpResponse.json({ error: 'RecordInvalid', description: 'Record validation errors', details: { assignee: [{ description: 'Assignee is required when solving' }] } }, { status: 422 });
        }
        return HttpResponse.json({ ticket: { id: 35436, status: body.ticket.status ?? status } });
      }),
    );
    return puts;
  }

  it("is solved with an internal note in the customer's words, which e-mails and reopens nothing", async () => {
    const puts = ticketApi('pending');
    expect(await createZendeskForwarder(options).deliverClose!(storedTicket(), close, closeContext())).toEqual({ ok: true });
    expect(puts).toEqual([
      {
        ticket: {
          status: 'solved',
          comment: { body: 'The customer closed this ticket on the support-kit status page.\n\nTheir words: Funcionou depois de limpar o cache, obrigado.', public: false },
        },
      },
    ]);
  });

  it('changes nothing where Zendesk solved or closed it already', async () => {
    for (const status of ['solved', 'closed']) {
      const puts = ticketApi(status);
      expect(await createZendeskForwarder(options).deliverClose!(storedTicket(), close, closeContext())).toEqual({ ok: true });
      expect(puts).toEqual([]);
    }
  });

  it("where Zendesk's rules refuse to solve it, leaves the note asking an agent to, and is done", async () => {
    const puts = ticketApi('open', true);
    const automatic = { id: 'evt_c2', at: close.at, reason: 'no-reply' as const, note: 'Chiuso automaticamente dopo 7 giorni senza risposta del cliente.' };
    expect(await createZendeskForwarder(options).deliverClose!(storedTicket(), automatic, closeContext())).toEqual({ ok: true });
    expect(puts).toHaveLength(2);
    expect(puts[1]!.ticket.status).toBeUndefined();
    expect(puts[1]!.ticket.comment).toMatchObject({ public: false });
    expect(puts[1]!.ticket.comment!.body).toMatch(/^support-kit closed this ticket automatically.*\n\nChiuso automaticamente dopo 7 giorni.*\n\nZendesk did not let support-kit solve the ticket \(Zendesk closing: HTTP 422 .*Assignee is required.*\); please solve it\.$/s);
  });

  it('a Zendesk that is down is retried', async () => {
    server.use(http.get(`${base}/api/v2/tickets/35436`, () => new HttpResponse('busy', { status: 503 })));
    expect(await createZendeskForwarder(options).deliverClose!(storedTicket(), close, closeContext())).toMatchObject({ ok: false, retryable: true });
  });
});
