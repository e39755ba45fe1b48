import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Webhook } from 'standardwebhooks';
import type { DeliveryContext } from './forwarder.ts';
import { createWebhookForwarder, type TicketCreatedEvent } from './webhook.ts';
import { customerReply, fixtureFiles, pngBytes, storedTicket } from './stored-ticket.fixture.ts';

const url = 'https://hooks.nuvolo.example/support-kit';
const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function context(deliveryId = 'dlv_000001'): DeliveryContext {
  return { deliveryId, readAttachment: fixtureFiles().readAttachment, fetch: (input, init) => fetch(input, init) };
}

interface Received {
  headers: Record<string, string>;
  body: string;
  event: TicketCreatedEvent;
}

/** A receiver that verifies every request with the official library, as a real consumer would. */
function receiver(answer: () => Response = () => new HttpResponse(null, { status: 204 })) {
  const received: Received[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      const body = await request.text();
      const headers = Object.fromEntries(request.headers);
      const event = new Webhook(secret).verify(body, headers) as TicketCreatedEvent;
      received.push({ headers, body, event });
      return answer();
    }),
  );
  return received;
}

describe('the webhook forwarder', () => {
  it('posts a ticket.created event signed per Standard Webhooks, verifiable with the official library', async () => {
    const received = receiver();
    const sentAt = new Date();
    const forwarder = createWebhookForwarder({ url, secret, now: () => sentAt });

    const result = await forwarder.deliver(storedTicket(), context('dlv_abc'));

    // The receiver knows the ticket by our number, which later replies name.
    expect(result).toEqual({ ok: true, externalId: 'BR-000123' });
    expect(received).toHaveLength(1);
    const [{ headers, event }] = received as [Received];
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('dlv_abc');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(sentAt.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(event.type).toBe('ticket.created');
    expect(event.timestamp).toBe('2026-11-23T12:41:09.000Z');
    expect(event.data).toMatchObject({
      id: 'tkt_6f1c',
      number: 'BR-000123',
      status: 'open',
      createdAt: '2026-11-23T12:41:09.000Z',
      expectedReplyBy: '2026-11-23T14:41:09.000Z',
      verifiedCustomerId: '42',
      redacted: false,
      attachments: [
        { name: 'falha-entrega-550.png', type: 'image/png', size: expect.any(Number) },
        { name: 'fatura novembro.pdf', type: 'application/pdf', size: expect.any(Number) },
      ],
    });
    expect(event.data.ticket).toMatchObject({ subject: storedTicket().ticket.subject, department: 'technical', priority: 'high' });
  });

  it('never sends the customer token or server file paths', async () => {
    const received = receiver();
    await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());

    const body = received[0]?.body ?? '';
    expect(body).not.toContain('signed.customer-token');
    expect(body).not.toContain('/srv/support-kit');
    expect(received[0]?.event.data.ticket.customer).toEqual({ name: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br' });
  });

  it('a retry of the same delivery carries the same webhook-id and body, so receivers de-duplicate', async () => {
    const received = receiver();
    const forwarder = createWebhookForwarder({ url, secret });
    await forwarder.deliver(storedTicket(), context('dlv_same'));
    await forwarder.deliver(storedTicket(), context('dlv_same'));

    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['dlv_same', 'dlv_same']);
    expect(received[0]?.body).toBe(received[1]?.body);
  });

  it('a signature made with another secret does not verify', async () => {
    const received: string[] = [];
    server.use(
      http.post(url, async ({ request }) => {
        const body = await request.text();
        const other = new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`);
        expect(() => other.verify(body, Object.fromEntries(request.headers))).toThrow(/signature/i);
        received.push(body);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());
    expect(received).toHaveLength(1);
  });

  it.each([408, 409, 429, 500, 502, 503])('HTTP %i is worth retrying', async (status) => {
    receiver(() => new HttpResponse('busy', { status, headers: status === 429 ? { 'Retry-After': '120' } : {} }));
    const result = await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: true, error: `webhook: HTTP ${status} busy` });
    if (status === 429) expect(result).toMatchObject({ retryAfterMs: 120_000 });
  });

  it.each([400, 401, 403, 404, 410, 422])('HTTP %i will never succeed and is not retried', async (status) => {
    receiver(() => new HttpResponse(null, { status }));
    const result = await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());
    expect(result).toEqual({ ok: false, retryable: false, error: `webhook: HTTP ${status}` });
  });

  it('a redirect is not followed (the signature is for this URL) and counts as a wrong URL', async () => {
    receiver(() => new HttpResponse(null, { status: 301, headers: { Location: 'https://elsewhere.example/' } }));
    const result = await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: false });
  });

  it('a network failure is worth retrying', async () => {
    server.use(http.post(url, () => HttpResponse.error()));
    const result = await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/^webhook: /) });
  });

  it('refuses a secret that is not base64 when it is configured, not when a ticket arrives', () => {
    expect(() => createWebhookForwarder({ url, secret: 'whsec_not base64!' })).toThrow();
  });
});

describe('the webhook after Send', () => {
  const reply = customerReply({ message: 'Segue o print.' });

  it("posts the customer's reply as a signed ticket.reply event, with files described but never their paths", async () => {
    const received = receiver();
    const forwarder = createWebhookForwarder({ url, secret });
    const result = await forwarder.deliverReply!(storedTicket(), reply, { ...context('dlv_reply1'), externalId: 'BR-000123' });

    expect(result).toEqual({ ok: true });
    expect(received[0]?.headers['webhook-id']).toBe('dlv_reply1');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      type: 'ticket.reply',
      timestamp: '2026-11-23T15:02:00.000Z',
      data: {
        ticket: { id: 'tkt_6f1c', number: 'BR-000123' },
        reply: { id: 'rpl_1', at: '2026-11-23T15:02:00.000Z', author: 'customer', message: 'Segue o print.', attachments: [{ name: 'falha-entrega-550.png', type: 'image/png', size: pngBytes.length }] },
      },
    });
    expect(received[0]?.body).not.toContain('/srv/');
  });
});

describe('a ticket closed here, through the webhook', () => {
  it('posts a signed ticket.closed event saying who closed it, with their words', async () => {
    const received = receiver();
    const close = { id: 'evt_c1', at: '2026-11-24T10:00:00.000Z', reason: 'customer' as const, note: 'Resolvido, obrigado.' };
    const result = await createWebhookForwarder({ url, secret }).deliverClose!(storedTicket(), close, { ...context('dlv_close1'), externalId: 'BR-000123' });

    expect(result).toEqual({ ok: true });
    expect(received[0]?.headers['webhook-id']).toBe('dlv_close1');
    const body = received[0]?.body ?? '';
    expect(() => new Webhook(secret).verify(body, received[0]!.headers)).not.toThrow();
    expect(JSON.parse(body)).toEqual({
      type: 'ticket.closed',
      timestamp: '2026-11-24T10:00:00.000Z',
      data: { ticket: { id: 'tkt_6f1c', number: 'BR-000123' }, close },
    });
  });
});
