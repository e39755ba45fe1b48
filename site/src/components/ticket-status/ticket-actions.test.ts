import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ticketReplySchema } from '../../../../core/contract/ticket-reply.ts';
import { closeTicket, lookUp, sendReply } from './ticket-actions.ts';

const endpoint = 'https://kb.test/api/tickets';
const access = { endpoint, number: 'BR-000123', token: 'tk_9f:Q/x+7=' };
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const problem = (status: number, body: object = {}) => HttpResponse.json({ type: 'about:blank', title: 'x', status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('sending a reply', () => {
  it('posts JSON with the token and the Idempotency-Key, and reads the answer', async () => {
    let seen: { auth: string | null; key: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${endpoint}/BR-000123/replies`, async ({ request }) => {
        seen = { auth: request.headers.get('Authorization'), key: request.headers.get('Idempotency-Key'), body: await request.json() };
        return HttpResponse.json({ id: 'r1', at: '2026-11-20T16:00:00Z', status: 'open', reopened: true, attachments: 0, redacted: false }, { status: 201 });
      }),
    );
    const outcome = await sendReply(access, { message: 'Voltou a falhar.', lang: 'pt-BR' }, [], 'key-1');
    expect(outcome).toMatchObject({ kind: 'sent', answer: { reopened: true } });
    expect(seen).toEqual({ auth: `Bearer ${access.token}`, key: 'key-1', body: { message: 'Voltou a falhar.', lang: 'pt-BR' } });
    expect(ticketReplySchema.safeParse(seen?.body).success).toBe(true);
  });

  it('sends files as multipart, as a new ticket does: the reply as the `reply` JSON part and each file as `attachments`', async () => {
    let parts: { reply: unknown; files: [string, string, number][] } | undefined;
    server.use(
      http.post(`${endpoint}/BR-000123/replies`, async ({ request }) => {
        const form = await request.formData();
        const reply = form.get('reply') as File;
        parts = { reply: JSON.parse(await reply.text()), files: (form.getAll('attachments') as File[]).map((f) => [f.name, f.type, f.size]) };
        return HttpResponse.json({ id: 'r1', at: '2026-11-20T16:00:00Z', status: 'in-review', reopened: false, attachments: 1, redacted: false }, { status: 201 });
      }),
    );
    const png = new File([new Uint8Array(67)], 'erro.png', { type: 'image/png' });
    expect(await sendReply(access, { message: 'Segue o print.' }, [png], 'key-2')).toMatchObject({ kind: 'sent', answer: { attachments: 1 } });
    expect(parts).toEqual({ reply: { message: 'Segue o print.' }, files: [['erro.png', 'image/png', 67]] });
  });

  it('turns each refusal into an outcome the page has words for', async () => {
    const answers: [Response | (() => Response), string][] = [
      [problem(404), 'not-found'],
      [problem(429), 'rate-limited'],
      [problem(413), 'too-large'],
      [problem(409), 'unavailable'],
      [problem(409, { type: 'https://support-kit.dev/problems/new-ticket-needed' }), 'new-ticket-needed'],
      [problem(503), 'unavailable'],
      [() => HttpResponse.error(), 'unavailable'],
    ];
    for (const [answer, kind] of answers) {
      server.use(http.post(`${endpoint}/BR-000123/replies`, () => (typeof answer === 'function' ? answer() : answer.clone())));
      expect((await sendReply(access, { message: 'ok' }, [], 'k')).kind, kind).toBe(kind);
    }
  });

  it('passes on the field problems of a 422, in the language the server wrote them', async () => {
    server.use(
      http.post(`${endpoint}/BR-000123/replies`, () =>
        problem(422, { title: 'Alguns campos não são válidos.', errors: [{ path: 'files.0.type', code: 'type', message: 'Tipo de arquivo não aceito.' }, { nonsense: true }] }),
      ),
    );
    expect(await sendReply(access, { message: 'ok' }, [], 'k')).toEqual({
      kind: 'invalid',
      title: 'Alguns campos não são válidos.',
      errors: [{ path: 'files.0.type', code: 'type', message: 'Tipo de arquivo não aceito.' }],
    });
  });
});

describe('closing and reading', () => {
  it('closes with an optional last word', async () => {
    let body: unknown;
    server.use(
      http.post(`${endpoint}/BR-000123/close`, async ({ request }) => {
        body = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    expect(await closeTicket(access, { note: 'Resolvido, obrigado!', lang: 'it' })).toEqual({ kind: 'closed' });
    expect(body).toEqual({ note: 'Resolvido, obrigado!', lang: 'it' });
  });

  it('reads the ticket with the token and calls a wrong one not found', async () => {
    server.use(
      http.get(`${endpoint}/BR-000123`, ({ request }) =>
        request.headers.get('Authorization') === `Bearer ${access.token}` ? HttpResponse.json({ number: 'BR-000123', status: 'open' }) : problem(404),
      ),
    );
    expect(await lookUp(access)).toEqual({ kind: 'found', ticket: { number: 'BR-000123', status: 'open' } });
    expect(await lookUp({ ...access, token: 'wrong' })).toEqual({ kind: 'not-found' });
  });
});
