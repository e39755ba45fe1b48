import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DeliveryContext } from './forwarder.ts';
import { createFreshdeskForwarder, freshdeskAttachmentsLimit } from './freshdesk.ts';
import { fixtureFiles, pdfBytes, pngBytes, storedAttachments, storedTicket } from './stored-ticket.fixture.ts';

const endpoint = 'https://nuvolo.freshdesk.com/api/v2/tickets';
const apiKey = 'sFaKeApIkEy123';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function context() {
  const files = fixtureFiles();
  const ctx: DeliveryContext = { deliveryId: 'dlv_f1', readAttachment: files.readAttachment, fetch: (input, init) => fetch(input, init) };
  return { ctx, reads: files.reads };
}

interface Received {
  authorization: string | null;
  contentType: string;
  json?: Record<string, unknown>;
  form?: FormData;
}

function freshdesk(answer: () => Response = () => HttpResponse.json({ id: 1017, subject: 'x', status: 2 }, { status: 201 })) {
  const received: Received[] = [];
  server.use(
    http.post(endpoint, async ({ request }) => {
      const contentType = request.headers.get('content-type') ?? '';
      const entry: Received = { authorization: request.headers.get('authorization'), contentType };
      if (contentType.startsWith('multipart/form-data')) entry.form = await request.formData();
      else entry.json = (await request.json()) as Record<string, unknown>;
      received.push(entry);
      return answer();
    }),
  );
  return received;
}

const noFiles = () => storedTicket({ attachments: [], ticket: { ...storedTicket().ticket, priority: 'medium', high: undefined } });

describe('the Freshdesk forwarder', () => {
  it('creates a ticket with JSON when there are no files, the API key as Basic user', async () => {
    const received = freshdesk();
    const { ctx } = context();

    const result = await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliver(noFiles(), ctx);

    expect(result).toEqual({ ok: true, externalId: '1017' });
    const [request] = received as [Received];
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`);
    expect(request.contentType).toBe('application/json');
    expect(request.json).toMatchObject({
      name: 'Mariana Costa',
      email: 'mariana@padariapaodequeijo.com.br',
      subject: `${noFiles().ticket.subject} [BR-000123]`,
      priority: 2,
      status: 2,
      source: 2,
      tags: ['support-kit', 'technical'],
    });
    expect(Object.keys(request.json ?? {}).sort()).toEqual(['description', 'email', 'name', 'priority', 'source', 'status', 'subject', 'tags']);
  });

  it('sends the description as escaped HTML with line breaks', async () => {
    const received = freshdesk();
    const { ctx } = context();
    await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliver(noFiles(), ctx);

    const description = String(received[0]?.json?.description);
    expect(description).toContain('&lt;vendas@padariapaodequeijo.com.br&gt;: Recipient address rejected');
    expect(description).toContain('<br>');
    expect(description).not.toMatch(/\n/);
    expect(description).not.toContain('<vendas@');
  });

  it('sends files as multipart attachments[] parts, with the other fields as form fields', async () => {
    const received = freshdesk();
    const { ctx } = context();

    const result = await createFreshdeskForwarder({ baseUrl: 'https://nuvolo.freshdesk.com', apiKey }).deliver(storedTicket(), ctx);

    expect(result).toEqual({ ok: true, externalId: '1017' });
    const [request] = received as [Received];
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = request.form ?? new FormData();
    expect(form.get('email')).toBe('mariana@padariapaodequeijo.com.br');
    expect(form.get('name')).toBe('Mariana Costa');
    expect(form.get('priority')).toBe('3');
    expect(form.get('status')).toBe('2');
    expect(form.getAll('tags[]')).toEqual(['support-kit', 'technical']);
    const files = form.getAll('attachments[]') as File[];
    expect(files.map((f) => [f.name, f.type])).toEqual([
      ['falha-entrega-550.png', 'image/png'],
      ['fatura novembro.pdf', 'application/pdf'],
    ]);
    expect(Buffer.from(await files[0]!.arrayBuffer())).toEqual(Buffer.from(pngBytes));
    expect(Buffer.from(await files[1]!.arrayBuffer())).toEqual(Buffer.from(pdfBytes));
  });

  it('over 20 MB of files in total: sends the ticket without them and says so in the description', async () => {
    const received = freshdesk();
    const { ctx, reads } = context();
    const big = storedTicket({
      attachments: storedAttachments.map((a, i) => ({ ...a, size: i === 0 ? freshdeskAttachmentsLimit : 1 })),
    });

    const result = await createFreshdeskForwarder({ domain: 'nuvolo.freshdesk.com', apiKey }).deliver(big, ctx);

    expect(result).toMatchObject({ ok: true });
    expect(reads).toEqual([]);
    expect(received[0]?.contentType).toBe('application/json');
    expect(String(received[0]?.json?.description)).toContain('exceed Freshdesk&#39;s 20 MB limit and were not forwarded');
  });

  it('a validation error is not retried and says which field', async () => {
    freshdesk(() =>
      HttpResponse.json({ description: 'Validation failed', errors: [{ field: 'email', message: 'It should be a valid email address', code: 'invalid_value' }] }, { status: 400 }),
    );
    const result = await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliver(noFiles(), context().ctx);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('"field":"email"') });
  });

  it('a wrong API key is not retried', async () => {
    freshdesk(() => HttpResponse.json({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }, { status: 401 }));
    const result = await createFreshdeskForwarder({ domain: 'nuvolo', apiKey: 'wrong' }).deliver(noFiles(), context().ctx);
    expect(result).toMatchObject({ ok: false, retryable: false });
  });

  it('a rate limit is retried after Retry-After; a server error is retried', async () => {
    freshdesk(() => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } }));
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliver(noFiles(), context().ctx)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
    });
    freshdesk(() => new HttpResponse(null, { status: 502 }));
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliver(noFiles(), context().ctx)).toMatchObject({ ok: false, retryable: true });
  });
});
