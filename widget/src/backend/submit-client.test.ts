import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { buildRequest, newIdempotencyKey, sendTicket, attachmentsMetadata, type SendStatus, type SendTicketOptions } from './submit-client.ts';

const endpoint = 'https://api.test/api/tickets';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const { attachments: _attachments, ...ticket } = exampleTicket;
const created = {
  id: '0b9f3f0e-8a43-4d8e-9a8c-6a2d1f7f2b11',
  number: 'BR-000123',
  token: 'tok_s3cr3t',
  status: 'open',
  createdAt: '2026-11-23T12:41:09.000Z',
  replyExpectation: { kind: 'queue', nextOpening: '2026-11-23T12:41:09.000Z' },
  confirmationEmail: true,
};

interface Received {
  key: string | null;
  accept: string | null;
  contentType: string | null;
  body: string;
}

/**
 * The tickets API: answers the n-th request with `answers[n]` (the last one repeats) and records
 * what every request carried.
 */
function ticketsApi(...answers: Array<() => Response | Promise<Response>>) {
  const received: Received[] = [];
  server.use(
    http.post(endpoint, async ({ request }) => {
      received.push({
        key: request.headers.get('Idempotency-Key'),
        accept: request.headers.get('Accept'),
        contentType: request.headers.get('Content-Type'),
        body: await request.clone().text(),
      });
      const answer = answers[Math.min(received.length, answers.length) - 1];
      if (!answer) throw new Error('no answer configured');
      return answer();
    }),
  );
  return received;
}

const createdAnswer = (headers: Record<string, string> = {}) => () => HttpResponse.json(created, { status: 201, headers });
const status = (code: number, headers: Record<string, string> = {}) => () => new HttpResponse(null, { status: code, headers });
const problem = (code: number, body: object, headers: Record<string, string> = {}) => () =>
  HttpResponse.json({ type: 'about:blank', title: 'Invalid ticket', status: code, ...body }, { status: code, headers: { 'Content-Type': 'application/problem+json', ...headers } });

/** sendTicket with instant, recorded sleeps, jitter at the middle (exact steps) and recorded status events. */
function send(overrides: Partial<SendTicketOptions> = {}) {
  const sleeps: number[] = [];
  const statuses: SendStatus[] = [];
  const result = sendTicket({
    endpoint,
    ticket,
    idempotencyKey: 'b8a6c1d2-4f1e-4c3a-9d7b-2e5f8a9c0d13',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onStatus: (event) => void statuses.push(event),
    ...overrides,
  });
  return { result, sleeps, statuses };
}

describe('sending a ticket', () => {
  it('a ticket the server accepts comes back created, with its number and follow-up token', async () => {
    const received = ticketsApi(createdAnswer());

    const { result, sleeps, statuses } = send();

    expect(await result).toStrictEqual({ kind: 'created', ...created, replayed: false });
    expect(received).toHaveLength(1);
    expect(received[0]).toStrictEqual({
      key: 'b8a6c1d2-4f1e-4c3a-9d7b-2e5f8a9c0d13',
      accept: 'application/json, application/problem+json',
      contentType: 'application/json',
      body: JSON.stringify(ticket),
    });
    expect(sleeps).toStrictEqual([]);
    expect(statuses).toStrictEqual([{ phase: 'sending', attempt: 1 }]);
  });

  it('a network failure after the server stored the ticket still gives exactly one ticket: the retry carries the same key and body and gets the replay', async () => {
    // An idempotent server whose first answer is lost on the way back.
    const stored = new Map<string, { body: string; answer: typeof created }>();
    const received: Received[] = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        const key = request.headers.get('Idempotency-Key') ?? '';
        const body = await request.text();
        received.push({ key, accept: request.headers.get('Accept'), contentType: request.headers.get('Content-Type'), body });
        const previous = stored.get(key);
        if (previous) return HttpResponse.json(previous.answer, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
        stored.set(key, { body, answer: created });
        return HttpResponse.error();
      }),
    );

    const { result, sleeps, statuses } = send();

    expect(await result).toStrictEqual({ kind: 'created', ...created, replayed: true });
    expect(stored.size).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1]).toStrictEqual(received[0]);
    expect(sleeps).toStrictEqual([1000]);
    expect(statuses).toStrictEqual([
      { phase: 'sending', attempt: 1 },
      { phase: 'retrying', attempt: 2, delayMs: 1000 },
      { phase: 'sending', attempt: 2 },
    ]);
  });

  it('a server that answers 503 twice is tried again after 1 s and 2 s, and the ticket is created', async () => {
    const received = ticketsApi(status(503), status(503), createdAnswer());

    const { result, sleeps } = send();

    expect(await result).toMatchObject({ kind: 'created', number: 'BR-000123' });
    expect(received.map((request) => request.key)).toStrictEqual(Array(3).fill('b8a6c1d2-4f1e-4c3a-9d7b-2e5f8a9c0d13'));
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    expect(sleeps).toStrictEqual([1000, 2000]);
  });

  it('while the same ticket is still being processed (409), the customer waits the Retry-After and then gets the replayed answer', async () => {
    const received = ticketsApi(
      problem(409, { title: 'A request with this key is in progress' }, { 'Retry-After': '3' }),
      createdAnswer({ 'Idempotent-Replayed': 'true' }),
    );

    const { result, sleeps, statuses } = send();

    expect(await result).toStrictEqual({ kind: 'created', ...created, replayed: true });
    expect(received).toHaveLength(2);
    expect(sleeps).toStrictEqual([3000]);
    expect(statuses).toContainEqual({ phase: 'waiting', attempt: 2, delayMs: 3000 });
  });

  it('a 422 problem+json shows its errors on the subject and e-mail fields and is not sent again', async () => {
    const received = ticketsApi(
      problem(422, {
        errors: [
          { path: '/subject', code: 'too_small', message: 'Too short' },
          { path: 'customer.email', code: 'email', message: 'Invalid e-mail' },
        ],
      }),
    );

    const { result, sleeps } = send();

    expect(await result).toStrictEqual({
      kind: 'rejected',
      status: 422,
      problem: {
        type: 'about:blank',
        title: 'Invalid ticket',
        status: 422,
        errors: [
          { path: 'subject', code: 'too_small', message: 'Too short' },
          { path: 'customer.email', code: 'email', message: 'Invalid e-mail' },
        ],
      },
      fieldErrors: [
        { path: 'subject', code: 'too_small', message: 'Too short' },
        { path: 'customer.email', code: 'email', message: 'Invalid e-mail' },
      ],
    });
    expect(received).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
  });

  it('a 400 is a definite answer and is not sent again', async () => {
    const received = ticketsApi(problem(400, { title: 'Idempotency-Key is required' }));

    const { result, sleeps } = send();

    expect(await result).toMatchObject({ kind: 'rejected', status: 400, problem: { title: 'Idempotency-Key is required' }, fieldErrors: [] });
    expect(received).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
  });

  it.each([
    [403, 'the page is not allowed to send tickets'],
    [413, 'the ticket is too large'],
    [415, 'the content type is refused'],
  ])('a %i (%s) is a definite answer, with a generic problem when the body is not JSON', async (code) => {
    const received = ticketsApi(() => new HttpResponse('<html><body>Nope</body></html>', { status: code, headers: { 'Content-Type': 'text/html' } }));

    const result = await send().result;

    expect(result).toStrictEqual({ kind: 'rejected', status: code, problem: expect.objectContaining({ type: 'about:blank', status: code }), fieldErrors: [] });
    expect(received).toHaveLength(1);
  });

  it('too many requests with Retry-After: 2 waits two seconds, then the ticket is created', async () => {
    const received = ticketsApi(problem(429, { title: 'Too many requests' }, { 'Retry-After': '2' }), createdAnswer());

    const { result, sleeps, statuses } = send();

    expect(await result).toMatchObject({ kind: 'created', number: 'BR-000123' });
    expect(received).toHaveLength(2);
    expect(sleeps).toStrictEqual([2000]);
    expect(statuses).toContainEqual({ phase: 'waiting', attempt: 2, delayMs: 2000 });
  });

  it('too many requests with Retry-After: 3600 gives up at once, saying it is rate-limited and for how long', async () => {
    const received = ticketsApi(problem(429, { title: 'Too many requests' }, { 'Retry-After': '3600' }));

    const { result, sleeps } = send();

    expect(await result).toStrictEqual({ kind: 'gave-up', reason: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(received).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
  });

  it('too many requests with a Retry-After date two hours away gives up with that wait', async () => {
    ticketsApi(status(429, { 'Retry-After': new Date(Date.now() + 2 * 3600_000).toUTCString() }));

    const result = await send().result;

    expect(result).toMatchObject({ kind: 'gave-up', reason: 'rate-limited' });
    expect(result.kind === 'gave-up' && result.retryAfterMs).toBeGreaterThan(2 * 3600_000 - 5000);
  });

  it('a server that keeps failing is tried five times with growing pauses, then the customer can retry by hand', async () => {
    const received = ticketsApi(status(502));

    const { result, sleeps, statuses } = send();

    expect(await result).toStrictEqual({ kind: 'gave-up', reason: 'server' });
    expect(received).toHaveLength(5);
    expect(sleeps).toStrictEqual([1000, 2000, 4000, 8000]);
    expect(statuses.filter((event) => event.phase === 'sending').map((event) => event.attempt)).toStrictEqual([1, 2, 3, 4, 5]);
  });

  it('pauses between attempts never exceed 30 seconds and are spread by jitter', async () => {
    ticketsApi(status(500));

    const { result, sleeps } = send({ maxAttempts: 8, random: () => 0.99 });
    await result;

    expect(sleeps).toStrictEqual([1245, 2490, 4980, 9960, 19_920, 30_000, 30_000]);
  });

  it('an unreachable server gives up with a network reason after the attempts allowed', async () => {
    const received = ticketsApi(() => HttpResponse.error());

    const result = await send({ maxAttempts: 3 }).result;

    expect(result).toStrictEqual({ kind: 'gave-up', reason: 'network' });
    expect(received).toHaveLength(3);
  });

  it('a request timeout (408) is retried', async () => {
    const received = ticketsApi(status(408), createdAnswer());

    expect(await send().result).toMatchObject({ kind: 'created' });
    expect(received).toHaveLength(2);
  });

  it('a server that never answers times out, is tried again, and gives up with a timeout reason', async () => {
    const received = ticketsApi(async () => {
      await delay('infinite');
      return new HttpResponse(null, { status: 201 });
    });

    const result = await send({ timeoutMs: 30, maxAttempts: 2 }).result;

    expect(result).toStrictEqual({ kind: 'gave-up', reason: 'timeout' });
    expect(received).toHaveLength(2);
  });

  it('a success answer without a ticket number is asked for again with the same key', async () => {
    const received = ticketsApi(() => HttpResponse.text('OK', { status: 200 }), createdAnswer({ 'Idempotent-Replayed': 'true' }));

    expect(await send().result).toMatchObject({ kind: 'created', number: 'BR-000123', replayed: true });
    expect(received).toHaveLength(2);
  });

  it('with attachments the ticket goes as multipart: a JSON ticket part and the files, the same on a retry', async () => {
    const files = [
      new File(['not really a PNG'], 'falha-entrega-550.png', { type: 'image/png' }),
      new File(['Delivery Status Notification'], 'bounce.txt', { type: 'text/plain' }),
    ];
    const withFiles: Ticket = { ...ticket, attachments: attachmentsMetadata(files) };
    const parts: Array<{ key: string | null; contentType: string | null; ticketType: string; ticket: unknown; files: Array<[string, string, string]> }> = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        const form = await request.formData();
        const ticketPart = form.get('ticket');
        if (!(ticketPart instanceof File)) return new HttpResponse(null, { status: 400 });
        const attachments = await Promise.all(
          form.getAll('attachments').map(async (part): Promise<[string, string, string]> => (part instanceof File ? [part.name, part.type, await part.text()] : ['', '', ''])),
        );
        parts.push({
          key: request.headers.get('Idempotency-Key'),
          contentType: request.headers.get('Content-Type'),
          ticketType: ticketPart.type,
          ticket: JSON.parse(await ticketPart.text()),
          files: attachments,
        });
        return parts.length === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(created, { status: 201 });
      }),
    );

    const result = await send({ ticket: withFiles, files }).result;

    expect(result).toMatchObject({ kind: 'created', number: 'BR-000123' });
    expect(parts).toHaveLength(2);
    expect(parts[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(parts[0]).toMatchObject({
      key: 'b8a6c1d2-4f1e-4c3a-9d7b-2e5f8a9c0d13',
      ticketType: 'application/json',
      ticket: withFiles,
      files: [
        ['falha-entrega-550.png', 'image/png', 'not really a PNG'],
        ['bounce.txt', 'text/plain', 'Delivery Status Notification'],
      ],
    });
    expect({ ...parts[1], contentType: '' }).toStrictEqual({ ...parts[0], contentType: '' });
  });

  it('stopping (abort) during the pause before a retry sends nothing more', async () => {
    const received = ticketsApi(status(503));
    const controller = new AbortController();

    const result = await sendTicket({
      endpoint,
      ticket,
      idempotencyKey: newIdempotencyKey(),
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });

    expect(result).toStrictEqual({ kind: 'aborted' });
    expect(received).toHaveLength(1);
  });

  it('stopping while the request is under way ends it at once as aborted', async () => {
    const controller = new AbortController();
    const received = ticketsApi(async () => {
      controller.abort();
      await delay('infinite');
      return new HttpResponse(null, { status: 201 });
    });

    expect(await send({ signal: controller.signal }).result).toStrictEqual({ kind: 'aborted' });
    expect(received).toHaveLength(1);
  });

  it('an already aborted send makes no request', async () => {
    const received = ticketsApi(createdAnswer());
    const controller = new AbortController();
    controller.abort();

    expect(await send({ signal: controller.signal }).result).toStrictEqual({ kind: 'aborted' });
    expect(received).toHaveLength(0);
  });

  it('a failing status callback does not stop the ticket', async () => {
    ticketsApi(createdAnswer());
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args[0]);
    try {
      const result = await send({
        onStatus: () => {
          throw new Error('render failed');
        },
      }).result;
      expect(result).toMatchObject({ kind: 'created' });
      expect(errors).toStrictEqual(['[support-ticket] onStatus callback failed:']);
    } finally {
      console.error = original;
    }
  });
});

describe('the request', () => {
  it('without files is JSON with the idempotency key and the accepted answer types', () => {
    const { url, init } = buildRequest({ subject: 'x' }, [], endpoint, 'key-1');

    expect(url).toBe(endpoint);
    expect(init).toStrictEqual({
      method: 'POST',
      headers: { Accept: 'application/json, application/problem+json', 'Idempotency-Key': 'key-1', 'Content-Type': 'application/json' },
      body: '{"subject":"x"}',
    });
  });

  it('with files is form data and leaves the Content-Type (and its boundary) to fetch', async () => {
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    const { init } = buildRequest({ subject: 'x' }, [file], endpoint, 'key-1');

    expect(init.headers).not.toHaveProperty('Content-Type');
    expect(init.body).toBeInstanceOf(FormData);
    const form = init.body as FormData;
    const ticketPart = form.get('ticket');
    expect(ticketPart).toBeInstanceOf(Blob);
    expect(await (ticketPart as Blob).text()).toBe('{"subject":"x"}');
    expect((ticketPart as Blob).type).toBe('application/json');
    expect(form.getAll('attachments').map((part) => (part as File).name)).toStrictEqual(['hello.txt']);
  });

  it('a new idempotency key is a fresh UUID each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('attachment metadata lists name, a clean type and size in the order of the files', () => {
    const files = [
      new File(['abc'], 'screen.PNG', { type: 'IMAGE/PNG' }),
      new File(['x'], 'notes', { type: '' }),
      new File(['{}'], 'data.json', { type: 'application/json; charset=utf-8' }),
    ];
    expect(attachmentsMetadata(files)).toStrictEqual([
      { name: 'screen.PNG', type: 'image/png', size: 3 },
      { name: 'notes', type: 'application/octet-stream', size: 1 },
      { name: 'data.json', type: 'application/json', size: 2 },
    ]);
  });
});
