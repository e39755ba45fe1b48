import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DeliveryContext } from './forwarder.ts';
import { createZendeskForwarder, type ZendeskForwarderOptions } from './zendesk.ts';
import { fixtureFiles, pdfBytes, pngBytes, storedTicket } from './stored-ticket.fixture.ts';

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
