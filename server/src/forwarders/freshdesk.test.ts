import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DeliveryContext, ReplyContext } from './forwarder.ts';
import { createFreshdeskForwarder, freshdeskAttachmentsLimit } from './freshdesk.ts';
import { customerReply, fixtureFiles, pdfBytes, pngBytes, storedAttachments, storedTicket } from './stored-ticket.fixture.ts';

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

describe('Freshdesk changes coming back', () => {
  const base = 'https://nuvolo.freshdesk.com';
  const webhookSecret = 'k7Jv3yq0Wn2fRz8tL4mXc9bH1sD6gPaE';
  const now = new Date('2026-11-24T10:00:00Z');
  const forwarder = createFreshdeskForwarder({ domain: 'nuvolo', apiKey, webhookSecret });

  /** The ticket and its conversations as Freshdesk's API documents them, counting the reads. */
  function ticketApi(status = 3, pages: Array<Array<Record<string, unknown>>> = [conversations]) {
    const reads = { ticket: 0, conversations: 0 };
    server.use(
      http.get(`${base}/api/v2/tickets/1017`, ({ request }) => {
        if (request.headers.get('authorization') !== `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`) return HttpResponse.json({}, { status: 401 });
        reads.ticket += 1;
        return HttpResponse.json({ id: 1017, status, requester_id: 5001, updated_at: '2026-11-24T09:58:12Z', subject: 'Site fora do ar [BR-000123]' });
      }),
      http.get(`${base}/api/v2/tickets/1017/conversations`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
        reads.conversations += 1;
        const headers: Record<string, string> = page < pages.length ? { link: `<${base}/api/v2/tickets/1017/conversations?per_page=100&page=${page + 1}>; rel="next"` } : {};
        return HttpResponse.json(pages[page - 1] ?? [], { headers });
      }),
    );
    return reads;
  }
  const conversations = [
    { id: 9001, body_text: 'Segue o print', incoming: true, private: false, user_id: 5001, created_at: '2026-11-23T15:02:00Z' },
    { id: 9002, body_text: 'Cliente já pediu isso antes', incoming: false, private: true, user_id: 77, created_at: '2026-11-23T16:00:00Z' },
    { id: 9003, body_text: 'Liberamos o IP; pode testar?', incoming: false, private: false, user_id: 77, created_at: '2026-11-24T09:58:10Z' },
  ];

  const call = (body: string, secret: string | null = webhookSecret) =>
    new Request('https://suporte.nuvolo.example/api/helpdesks/freshdesk/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-support-kit-secret': secret }) },
      body,
    });
  const receive = (request: Request, body: string) => forwarder.inbound!.receive(request, body, { now, fetch: (input, init) => fetch(input, init) });

  it("reads the ticket a call names: support's public reply and the new status, oldest first", async () => {
    ticketApi(3);
    const body = '{"ticket_id":"1017"}';
    expect(await receive(call(body), body)).toEqual({
      kind: 'updates',
      ticketRef: { externalId: '1017' },
      updates: [
        { id: 'freshdesk:conversation:9003', at: '2026-11-24T09:58:10.000Z', reply: { message: 'Liberamos o IP; pode testar?' } },
        { id: 'freshdesk:1017:status:3:2026-11-24T09:58:12.000Z', at: '2026-11-24T09:58:12.000Z', status: 'waiting-customer' },
      ],
    });
  });

  it.each([
    [2, 'open'],
    [3, 'waiting-customer'],
    [4, 'closed'],
    [5, 'closed'],
  ])('maps Freshdesk status %i to %s', async (status, ours) => {
    ticketApi(status, [[]]);
    const body = JSON.stringify({ freshdesk_webhook: { ticket_id: 1017 } });
    expect(await receive(call(body), body)).toMatchObject({ updates: [{ status: ours }] });
  });

  it('refuses a call without the shared secret or with a wrong one, before reading anything', async () => {
    const reads = ticketApi();
    const body = '{"ticket_id":"1017"}';
    expect(await receive(call(body, null), body)).toMatchObject({ kind: 'refused', status: 401 });
    expect(await receive(call(body, `${webhookSecret.slice(0, -1)}X`), body)).toMatchObject({ kind: 'refused', status: 401 });
    expect(reads).toEqual({ ticket: 0, conversations: 0 });
  });

  it('a replayed call reads the same state and yields the same update ids, so nothing is applied twice', async () => {
    ticketApi(3);
    const body = '{"ticket_id":"1017"}';
    const first = await receive(call(body), body);
    const replayed = await receive(call(body), body);
    expect(replayed).toEqual(first);
  });

  it('follows the conversations to their last page', async () => {
    const reads = ticketApi(2, [[conversations[0]!], [conversations[2]!]]);
    const body = '{"ticket_id":"1017"}';
    expect(await receive(call(body), body)).toMatchObject({ updates: [{ id: 'freshdesk:conversation:9003' }, { status: 'open' }] });
    expect(reads.conversations).toBe(2);
  });

  it('answers 400 for a body without a ticket id, and 503-worthy "unavailable" when Freshdesk fails', async () => {
    expect(await receive(call('{"id":"x"}'), '{"id":"x"}')).toMatchObject({ kind: 'refused', status: 400 });
    server.use(http.get(`${base}/api/v2/tickets/1017`, () => HttpResponse.json({ code: 'rate_limited' }, { status: 429 })));
    const body = '{"ticket_id":"1017"}';
    expect(await receive(call(body), body)).toMatchObject({ kind: 'unavailable', error: expect.stringContaining('HTTP 429') });
  });

  it('has no inbound side without a secret', () => {
    expect(createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).inbound).toBeUndefined();
  });
});

describe("the customer's reply to Freshdesk", () => {
  const base = 'https://nuvolo.freshdesk.com/api/v2/tickets/1017';
  const reply = customerReply({ message: 'Testei e <b>voltou</b>.\nObrigada!', attachments: [] });
  const replyContext = (): ReplyContext => ({ ...context().ctx, externalId: '1017' });

  function api(status: number) {
    const calls: Array<{ method: string; path: string; json?: unknown; form?: FormData }> = [];
    server.use(
      http.get(base, () => HttpResponse.json({ id: 1017, status, requester_id: 5001 })),
      http.put(base, async ({ request }) => {
        calls.push({ method: 'PUT', path: '', json: await request.json() });
        return HttpResponse.json({ id: 1017, status: 2 });
      }),
      http.post(`${base}/notes`, async ({ request }) => {
        const multipart = request.headers.get('content-type')?.startsWith('multipart/form-data');
        calls.push({ method: 'POST', path: '/notes', ...(multipart ? { form: await request.formData() } : { json: await request.json() }) });
        return HttpResponse.json({ id: 9100 }, { status: 201 });
      }),
    );
    return calls;
  }

  it('is a public incoming note from the requester, never an agent reply', async () => {
    const calls = api(3);
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverReply!(storedTicket(), reply, replyContext())).toEqual({ ok: true });
    expect(calls).toEqual([
      { method: 'POST', path: '/notes', json: { body: 'Testei e &lt;b&gt;voltou&lt;/b&gt;.<br>Obrigada!', incoming: true, private: false, user_id: 5001 } },
    ]);
  });

  it('reopens a resolved ticket before adding the note', async () => {
    const calls = api(4);
    await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverReply!(storedTicket(), reply, replyContext());
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT ', 'POST /notes']);
    expect(calls[0]?.json).toEqual({ status: 2 });
  });

  it('sends the files as multipart attachments[] with the note fields', async () => {
    const calls = api(2);
    const withFile = customerReply();
    await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverReply!(storedTicket(), withFile, replyContext());
    const form = calls[0]?.form;
    expect([form?.get('incoming'), form?.get('private'), form?.get('user_id')]).toEqual(['true', 'false', '5001']);
    const file = form?.get('attachments[]') as File;
    expect(file.name).toBe('falha-entrega-550.png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from(pngBytes));
  });
});

describe('a ticket closed here, in Freshdesk', () => {
  const base = 'https://nuvolo.freshdesk.com/api/v2/tickets/1017';
  const closeContext = (): ReplyContext => ({ ...context().ctx, externalId: '1017' });
  const close = { id: 'evt_c1', at: '2026-11-20T12:00:00.000Z', reason: 'customer' as const, note: 'Resolvi <sozinho>, obrigado.' };

  /** The ticket in `status`; PUT answers 400 (a field required on closing) while `refuseClosing`. */
  function api(status: number, refuseClosing = false) {
    const calls: Array<{ method: string; path: string; json: unknown }> = [];
    server.use(
      http.get(base, () => HttpResponse.json({ id: 1017, status, requester_id: 5001 })),
      http.put(base, async ({ request }) => {
        calls.push({ method: 'PUT', path: '', json: await request.json() });
        return refuseClosing
          ? HttpResponse.json({ description: 'Validation failed', errors: [{ field: 'cf_root_cause', message: 'It should not be blank as this is a mandatory field', code: 'invalid_value' }] }, { status: 400 })
          : HttpResponse.json({ id: 1017, status: 5 });
      }),
      http.post(`${base}/notes`, async ({ request }) => {
        calls.push({ method: 'POST', path: '/notes', json: await request.json() });
        return HttpResponse.json({ id: 9101 }, { status: 201 });
      }),
    );
    return calls;
  }

  it("adds a private note in the customer's words, then closes it (status 5)", async () => {
    const calls = api(3);
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverClose!(storedTicket(), close, closeContext())).toEqual({ ok: true });
    expect(calls).toEqual([
      { method: 'POST', path: '/notes', json: { body: 'The customer closed this ticket on the support-kit status page.<br><br>Their words: Resolvi &lt;sozinho&gt;, obrigado.', private: true } },
      { method: 'PUT', path: '', json: { status: 5 } },
    ]);
  });

  it('changes nothing where the ticket is resolved or closed already', async () => {
    for (const status of [4, 5]) {
      const calls = api(status);
      expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverClose!(storedTicket(), close, closeContext())).toEqual({ ok: true });
      expect(calls).toEqual([]);
    }
  });

  it('where Freshdesk refuses the closing as invalid, a second note asks an agent to close it, and it is done', async () => {
    const calls = api(2, true);
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverClose!(storedTicket(), close, closeContext())).toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /notes', 'PUT ', 'POST /notes']);
    expect(calls[2]?.json).toMatchObject({ private: true, body: expect.stringMatching(/^Freshdesk did not let support-kit close the ticket \(Freshdesk closing: HTTP 400 .*mandatory field.*\); please close it\.$/) });
  });

  it('a closing that fails for a passing reason is retried', async () => {
    const calls = api(2);
    server.use(http.put(base, () => new HttpResponse('', { status: 502 })));
    expect(await createFreshdeskForwarder({ domain: 'nuvolo', apiKey }).deliverClose!(storedTicket(), close, closeContext())).toMatchObject({ ok: false, retryable: true });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /notes']);
  });
});
