import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signCustomerToken } from './intake/customer-token.ts';
import { limits } from '../../core/contract/limits.ts';
import { exampleTicket } from '../../core/contract/ticket.example.ts';
import { ticketStatusAnswerSchema } from '../../core/contract/ticket-status.ts';
import { allowedOrigin, diskWithRoom, fromAddress, multipart, pdfBytes, phpBytes, pngBytes, postJson, sqliteError, testServer, ticket, type TestServer } from './test-support.ts';

let server: TestServer;
afterEach(() => {
  server?.cleanup();
  vi.restoreAllMocks();
});

// The example the widget's build publishes as ticket.example.json, read from its source: unit tests need no build.
const example = exampleTicket;

describe('POST /api/tickets', () => {
  it('accepts the published example ticket and answers with a human-friendly number and a secret token', async () => {
    server = testServer();
    const response = await postJson(server.app, { ...example, client: { startedAt: new Date(Date.now() - 60_000).toISOString() } });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ number: 'BR-000001', status: 'open', redacted: false, verified: false });
    expect(body.token).toMatch(/^[\w-]{20,}$/);
    // Brazil promises no reply time: the answer says when the queue is next worked.
    expect(body.replyExpectation.kind).toBe('queue');
    expect(Date.parse(body.replyExpectation.nextOpening)).toBeGreaterThanOrEqual(Date.parse(body.createdAt));
    expect(response.headers.get('Location')).toBe('/api/tickets/BR-000001');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(allowedOrigin);
  });

  it('numbers Italian tickets in their own series', async () => {
    server = testServer();
    await postJson(server.app, ticket());
    const it_ = await (await postJson(server.app, ticket({ lang: 'it' }))).json();
    expect(it_.number).toBe('IT-000001');
  });

  it('replays the same answer for the same key and body, refuses the same key with another body, and needs a key', async () => {
    server = testServer();
    const body = ticket();
    const first = await postJson(server.app, body, { 'Idempotency-Key': 'key-1' });
    const again = await postJson(server.app, body, { 'Idempotency-Key': 'key-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await postJson(server.app, { ...body, subject: 'Outro assunto bem diferente' }, { 'Idempotency-Key': 'key-1' });
    expect(other.status).toBe(422);
    expect(other.headers.get('Content-Type')).toBe('application/problem+json');
    const none = await server.app.request('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: JSON.stringify(body) });
    expect(none.status).toBe(400);
    expect((await server.store.stats()).tickets).toBe(1);
  });

  it('creates one ticket when the same request arrives several times at once', async () => {
    server = testServer();
    const body = ticket();
    const answers = await Promise.all(Array.from({ length: 6 }, () => postJson(server.app, body, { 'Idempotency-Key': 'same' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.headers.get('Retry-After')).toBe('1');
    expect((await server.store.stats()).tickets).toBe(1);
  });

  it('survives a restart: the ticket and its idempotency record are still there', async () => {
    server = testServer();
    const body = ticket();
    const created = await (await postJson(server.app, body, { 'Idempotency-Key': 'restart' })).json();
    server = server.reopen();
    const replay = await postJson(server.app, body, { 'Idempotency-Key': 'restart' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const status = await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: `Bearer ${created.token}` } });
    expect(status.status).toBe(200);
  });

  it('maps invalid fields to paths and codes without echoing what was sent', async () => {
    server = testServer();
    const response = await postJson(server.app, ticket({ subject: 'curto', customer: { name: 'Ana', email: 'segredo-nao-ecoar' } }), { 'Accept-Language': 'pt-BR' });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).not.toContain('segredo-nao-ecoar');
    const body = JSON.parse(text);
    expect(body.title).toBe('Alguns campos do ticket não são válidos.');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customer.email', 'subject']);
  });

  it("refuses a subject the widget would refuse, in the customer's language, naming the field", async () => {
    server = testServer();
    const shouted = await postJson(server.app, ticket({ lang: 'it', subject: 'IL SITO NON FUNZIONA DA STAMATTINA' }));
    expect(shouted.status).toBe(422);
    expect((await shouted.json()).errors).toEqual([
      { path: 'subject', code: 'all-caps', message: 'Non scrivere tutto in maiuscolo: un oggetto calmo e preciso si risolve prima.' },
    ]);
    const generic = await postJson(server.app, ticket({ lang: 'pt-BR', subject: 'Ajuda urgente!' }));
    expect((await generic.json()).errors).toEqual([expect.objectContaining({ path: 'subject', code: 'generic', message: expect.stringMatching(/^Diga qual é o problema/) })]);
    // Limits in messages are the contract's, not a copy.
    const short = await postJson(server.app, ticket({ lang: 'en', message: 'Site down.' }));
    expect((await short.json()).errors).toEqual([expect.objectContaining({ path: 'message', code: 'too-short', message: expect.stringContaining(`at least ${limits.message.min} characters`) })]);
  });

  it('answers a client mistake with a 4xx, never a 5xx', async () => {
    server = testServer();
    expect((await postJson(server.app, '{not json')).status).toBe(400);
    expect((await postJson(server.app, ticket(), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await postJson(server.app, 'x'.repeat(1024 * 1024 + 10))).status).toBe(413);
    expect((await postJson(server.app, ticket(), { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await postJson(server.app, ticket(), { Origin: 'https://evil.example', 'Content-Type': 'text/plain' })).status).toBe(403);
    expect((await postJson(server.app, ticket({ department: 'legal' }))).status).toBe(422);
    expect((await postJson(server.app, ticket({ topic: 'plans' }))).status).toBe(422); // a sales topic on a technical ticket
  });

  it('refuses bots (a filled honeypot, a form sent too fast, or one "started" in 1970) with one answer that names no trap', async () => {
    server = testServer({ MIN_FILL_SECONDS: '3' });
    const answers = await Promise.all(
      [
        ticket({ website: 'http://spam.example' }),
        ticket({ website: 42 }),
        ticket({ client: { startedAt: new Date().toISOString() } }),
        ticket({ client: { startedAt: '1970-01-01T00:00:00Z' } }),
      ].map(async (body) => {
        const response = await postJson(server.app, body);
        return { status: response.status, text: await response.text() };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.text).toBe(answers[0]!.text);
    }
    const body = JSON.parse(answers[0]!.text);
    expect(body.errors).toEqual([{ path: '(body)', code: 'refused', message: expect.stringContaining('envie de novo') }]);
    expect(answers[0]!.text).not.toMatch(/website|honeypot|startedAt|fast/i);
    expect((await server.store.stats()).tickets).toBe(0);
    // A person who took their time (a tab left open overnight) is welcome.
    expect((await postJson(server.app, ticket({ client: { startedAt: new Date(Date.now() - 20 * 3600_000).toISOString() } }))).status).toBe(201);
  });

  it('limits tickets per client per minute and says when to come back', async () => {
    server = testServer({ RATE_LIMIT: '2' });
    expect((await postJson(server.app, ticket())).status).toBe(201);
    expect((await postJson(server.app, ticket())).status).toBe(201);
    const third = await postJson(server.app, ticket());
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('redacts a pasted password before storing it, and says so', async () => {
    server = testServer();
    const message = 'Não consigo entrar no painel. Minha senha: Abc123xyz! Já tentei de tudo, desde ontem.';
    const created = await (await postJson(server.app, ticket({ message }))).json();
    expect(created.redacted).toBe(true);
    const stored = await server.store.ticketByNumber(created.number);
    expect(stored?.ticket.message).not.toContain('Abc123xyz');
    expect(stored?.ticket.message).toContain('[removido automaticamente]');
  });

  it('trusts identity only from a valid customer token', async () => {
    const secret = 'x'.repeat(40);
    server = testServer({ CUSTOMER_TOKEN_SECRET: secret });
    const token = signCustomerToken({ sub: '1042', name: 'Maria Souza', email: 'maria@exemplo.com.br', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
    const base = ticket();
    const verified = await (await postJson(server.app, { ...base, customer: { name: 'Quem?', email: 'x@exemplo.com.br', token } })).json();
    expect(verified.verified).toBe(true);
    const stored = await server.store.ticketByNumber(verified.number);
    expect(stored).toMatchObject({ verifiedCustomerId: '1042', ticket: { customer: { name: 'Maria Souza', email: 'maria@exemplo.com.br' } } });
    expect(JSON.stringify(stored?.ticket)).not.toContain(token);
    const forged = await (await postJson(server.app, { ...base, customer: { name: 'Maria', email: 'm@exemplo.com.br', token: `${token}x` } })).json();
    expect(forged.verified).toBe(false);
    // A padded signature, or a token that never expires, does not make a customer verified.
    const padded = await (await postJson(server.app, { ...base, customer: { name: 'Maria', email: 'm@exemplo.com.br', token: `${token}==` } })).json();
    expect(padded.verified).toBe(false);
    const forever = signCustomerToken({ sub: '1042', exp: 1e300 }, secret);
    expect((await (await postJson(server.app, { ...base, customer: { name: 'Maria', email: 'm@exemplo.com.br', token: forever } })).json()).verified).toBe(false);
  });
});

describe('attachments', () => {
  const policy = (config: TestServer['config']) => ({ ...config, support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 4096, maxTotalBytes: 6000 } } });
  const send = (form: FormData) =>
    server.app.request('/api/tickets', { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID() }, body: form });
  const meta = (files: { name: string; type: string; data: Buffer }[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.data.length }));

  it('stores a PNG and a PDF outside any served folder, typed by content, with safe names', async () => {
    server = testServer({}, policy);
    const files = [
      { name: 'tela.png', type: 'image/png', data: pngBytes },
      { name: '../../etc/fatura.pdf', type: 'application/octet-stream', data: pdfBytes },
    ];
    const response = await send(multipart(ticket({ attachments: meta(files) }), files));
    expect(response.status).toBe(201);
    const stored = await server.store.ticketByNumber((await response.json()).number);
    expect(stored?.attachments.map((a) => [a.name, a.type, a.size])).toEqual([
      // Images are re-encoded without their metadata (intake/attachment-cleaning.ts): the size is the clean file's.
      ['tela.png', 'image/png', expect.any(Number)],
      ['fatura.pdf', 'application/pdf', pdfBytes.length],
    ]);
    for (const a of stored?.attachments ?? []) {
      expect(a.path.startsWith(server.dir)).toBe(true);
      expect(readFileSync(a.path).length).toBe(a.size);
    }
  });

  it('refuses a PHP script renamed .png, and keeps nothing of it', async () => {
    server = testServer({}, policy);
    const files = [{ name: 'foto.png', type: 'image/png', data: phpBytes }];
    const response = await send(multipart(ticket({ attachments: meta(files) }), files));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ path: 'attachments.0.type', code: 'type' })]);
    expect((await server.store.stats()).tickets).toBe(0);
    expect((await server.store.attachmentPaths()).size).toBe(0);
  });

  it('answers 413 for too many files or a file over the cap, after reading the body', async () => {
    server = testServer({}, policy);
    const three = [1, 2, 3].map((n) => ({ name: `t${n}.png`, type: 'image/png', data: pngBytes }));
    expect((await send(multipart(ticket({ attachments: meta(three) }), three))).status).toBe(413);
    const big = [{ name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([pdfBytes, Buffer.alloc(5000)]) }];
    const response = await send(multipart(ticket({ attachments: meta(big) }), big));
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].path).toBe('attachments.0');
  });

  it('answers 400, not a crash, for a multipart body without a ticket or with a broken boundary', async () => {
    server = testServer({}, policy);
    const noTicket = new FormData();
    noTicket.append('attachments', new Blob([pngBytes], { type: 'image/png' }), 'a.png');
    expect((await send(noTicket)).status).toBe(400);
    const broken = await server.app.request('/api/tickets', {
      method: 'POST',
      headers: { Origin: allowedOrigin, 'Idempotency-Key': 'b', 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n{"a":',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
  });
});

describe('GET /api/tickets/:number', () => {
  it('shows status and history with the right token, and the same 404 for a wrong token or number', async () => {
    server = testServer();
    const created = await (await postJson(server.app, ticket())).json();
    const ok = await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: `Bearer ${created.token}` } });
    const answer: unknown = await ok.json();
    expect(answer).toMatchObject({ number: created.number, status: 'open', department: 'technical', attachments: 0, history: [{ status: 'open' }], delivery: { state: 'pending', forwarders: [{ name: 'webhook', state: 'pending' }] } });
    // What the status page reads is the published contract, field for field.
    expect(ticketStatusAnswerSchema.parse(answer)).toEqual(answer);
    const wrongToken = await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: 'Bearer nope' } });
    const wrongNumber = await server.app.request('/api/tickets/BR-999999', { headers: { Authorization: `Bearer ${created.token}` } });
    expect(wrongToken.status).toBe(404);
    expect(await wrongToken.text()).toBe(await wrongNumber.text());
  });
});

describe('votes and events', () => {
  it('keeps one vote per voter, article and language; a changed vote replaces the old one', async () => {
    server = testServer();
    const vote = (helpful: boolean, voterId: string) =>
      server.app.request('/api/votes', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: JSON.stringify({ articleId: 'reset-password', lang: 'pt-BR', helpful, voterId }) });
    expect((await vote(true, 'voter-aaaa')).status).toBe(204);
    await vote(true, 'voter-bbbb');
    await vote(false, 'voter-aaaa');
    const counts = await server.app.request('/api/votes/reset-password?lang=pt-BR');
    expect(await counts.json()).toEqual({ helpful: 1, total: 2 });
    expect(await (await server.app.request('/api/votes/reset-password?lang=it')).json()).toEqual({ helpful: 0, total: 0 });
    const bad = await server.app.request('/api/votes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ articleId: 'x', lang: 'fr', helpful: 'yes' }) });
    expect(bad.status).toBe(422);
  });

  it('records search misses without personal data', async () => {
    server = testServer();
    const post = (body: unknown) => server.app.request('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: JSON.stringify(body) });
    expect((await post({ type: 'search-miss', query: '  erro no email maria@exemplo.com.br  ', lang: 'pt-BR' })).status).toBe(204);
    expect((await post({ type: 'clicked', query: 'x', lang: 'pt-BR' })).status).toBe(422);
  });
});

describe('the rest of the server', () => {
  it('answers health, preflights from allowed origins only, and refuses others', async () => {
    server = testServer();
    expect(await (await server.app.request('/api/health')).json()).toMatchObject({ status: 'ok' });
    const preflight = await server.app.request('/api/tickets', { method: 'OPTIONS', headers: { Origin: allowedOrigin, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key');
    expect(preflight.headers.get('Access-Control-Max-Age')).toBe('86400');
    const refused = await server.app.request('/api/tickets', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
  });

  it.runIf(existsSync('site/dist/pt-br/index.html'))('serves the KB, lets any origin load the widget, and 404s in the address language', async () => {
    server = testServer();
    expect((await server.app.request('/pt-br/')).status).toBe(200);
    const widget = await server.app.request('/widget/support-ticket.js');
    expect(widget.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(widget.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    // The build writes brotli and gzip copies; each decodes to the very file.
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const br = await server.app.request('/widget/support-ticket.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(readFileSync('site/dist/widget/support-ticket.js'))).toBe(true);
    const gzip = await server.app.request('/widget/support-ticket.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(readFileSync('site/dist/widget/support-ticket.js'))).toBe(true);
    const missing = await server.app.request('/it/non-esiste/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('lang="it"');
  });
});

describe('bodies that are broken, hostile or too big', () => {
  const send = (body: BodyInit, headers: Record<string, string> = {}) =>
    server.app.request('/api/tickets', { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID(), ...headers }, body, duplex: 'half' } as RequestInit);
  /** A body that delivers `first` and then breaks off, as when the client disconnects mid-upload. */
  const brokenOff = (first: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(first));
        controller.error(new Error('aborted'));
      },
    });

  it('answers 4xx to a language that is not a string and to JSON nested 10,000 deep, on every endpoint', async () => {
    server = testServer();
    expect((await postJson(server.app, JSON.stringify({ ...ticket(), lang: { toString: 1 } }))).status).toBe(422);
    const deep = await postJson(server.app, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(deep.status).toBe(400);
    expect((await deep.json()).type).toMatch(/too-deep$/);
    expect((await postJson(server.app, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)).status).toBe(400);
    // Brackets inside strings are text, not nesting.
    expect((await postJson(server.app, ticket({ message: `${'['.repeat(200)} O site mostra este erro desde ontem e nada carrega.` }))).status).toBe(201);
    for (const endpoint of ['/api/votes', '/api/events']) {
      const answer = await server.app.request(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: `${'['.repeat(5_000)}${']'.repeat(5_000)}` });
      expect(answer.status, endpoint).toBe(400);
    }
  });

  it('answers a client that hangs up mid-body with a 4xx and logs no error', async () => {
    server = testServer();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await send(brokenOff('{"subject":'), { 'Content-Type': 'application/json' })).status).toBe(400);
    const form = '--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG';
    expect((await send(brokenOff(form), { 'Content-Type': 'multipart/form-data; boundary=x' })).status).toBe(400);
    const vote = await server.app.request('/api/votes', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: brokenOff('{"articleId":'), duplex: 'half' } as RequestInit);
    expect(vote.status).toBe(400);
    expect(logged).not.toHaveBeenCalled();
    expect(readdirSync(`${server.dir}/attachments`)).toEqual([]);
  });

  it('caps the ticket at 1 MB when it comes as a file part too, and keeps nothing', async () => {
    server = testServer();
    const form = new FormData();
    // Valid JSON, padded past the cap: it used to be read whole, up to the 10 MB file limit.
    form.append('ticket', new Blob([JSON.stringify(ticket()), ' '.repeat(2 * 1024 * 1024)], { type: 'application/json' }), 'ticket.json');
    const response = await send(form);
    expect(response.status).toBe(413);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ path: 'ticket' })]);
    expect((await server.store.stats()).tickets).toBe(0);
  });

  it('caps a chunked body (no Content-Length) like any other, whatever parts it carries', async () => {
    server = testServer({}, (config) => ({ ...config, support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 4096, maxTotalBytes: 6000 } } }));
    const head = `--x\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${JSON.stringify(ticket())}\r\n--x\r\nContent-Disposition: form-data; name="padding"; filename="p.bin"\r\n\r\n`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 3 MB of a part nobody reads: far over the cap of 6000 bytes of files + 1 MB of ticket.
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        if (sent >= 3 * 1024 * 1024) {
          controller.enqueue(new TextEncoder().encode('\r\n--x--\r\n'));
          return controller.close();
        }
        controller.enqueue(new Uint8Array(64 * 1024));
        sent += 64 * 1024;
      },
    });
    const response = await send(body, { 'Content-Type': 'multipart/form-data; boundary=x' });
    expect(response.status).toBe(413);
    expect((await server.store.stats()).tickets).toBe(0);
  });
});

describe('a full disk', () => {
  const small = (config: TestServer['config']) => ({ ...config, support: { ...config.support, attachments: { ...config.support.attachments, maxFiles: 2, maxFileBytes: 8192, maxTotalBytes: 9000 } } });
  const pdf = (size: number) => ({ name: 'fatura.pdf', type: 'application/pdf', data: Buffer.concat([pdfBytes, Buffer.alloc(size - pdfBytes.length)]) });
  const upload = (files: { name: string; type: string; data: Buffer }[]) =>
    server.app.request('/api/tickets', {
      method: 'POST',
      headers: { Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID() },
      body: multipart(ticket({ attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.data.length })) }), files),
    });
  const storeFailingWith = (error: Error) => (store: TestServer['store']) => ({ ...store, createTicket: () => Promise.reject(error) });

  it('answers 507 when the disk fills while an attachment streams, removes the partial file, and keeps serving', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    server = testServer({}, small, { disk: diskWithRoom(3000) });
    const response = await upload([pdf(7000)]);
    expect(response.status).toBe(507);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(readdirSync(`${server.dir}/attachments`)).toEqual([]);
    expect((await server.store.stats()).tickets).toBe(0);
    expect((await server.app.request('/api/health')).status).toBe(200);
  });

  it('answers 507 to an upload when the disk is already full', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    server = testServer({}, small, { disk: diskWithRoom(0) });
    expect((await upload([pdf(2000)])).status).toBe(507);
    expect(readdirSync(`${server.dir}/attachments`)).toEqual([]);
  });

  it('answers 507, saying once in the log why, when the database cannot commit on a full disk', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    // What SQLite reports after a commit failed on a full disk: the real cause is hidden.
    const hidden = sqliteError('', 'ROLLBACK');
    server = testServer({}, undefined, { disk: diskWithRoom(0), wrapStore: storeFailingWith(hidden) });
    const first = await postJson(server.app, ticket());
    expect(first.status).toBe(507);
    expect((await first.json()).title).toMatch(/sem espaço/); // in the ticket's language
    expect((await postJson(server.app, ticket())).status).toBe(507);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/DATA_DIR .* full/);
  });

  it('answers 507 for SQLITE_FULL, and still 500 for a database fault that is not about space', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const full = sqliteError('PRAGMA max_page_count = 2; CREATE TABLE t (x)', 'INSERT INTO t VALUES (randomblob(100000))');
    server = testServer({}, undefined, { disk: diskWithRoom(1e9), wrapStore: storeFailingWith(full) });
    expect((await postJson(server.app, ticket())).status).toBe(507);
    server.cleanup();
    server = testServer({}, undefined, { disk: diskWithRoom(1e9), wrapStore: storeFailingWith(sqliteError('', 'SELECT * FROM missing')) });
    expect((await postJson(server.app, ticket())).status).toBe(500);
  });
});

describe('who a client is, behind proxies', () => {
  const post = (env: object, headers: Record<string, string> = {}) =>
    server.app.request('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID(), ...headers }, body: JSON.stringify(ticket()) }, env);

  it('limits the address the trusted proxy saw, not the X-Forwarded-For entry the client wrote', async () => {
    server = testServer({ TRUST_PROXY: 'true', RATE_LIMIT: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      // The client invents a new address each time; the proxy (10.0.0.1) appends the one it saw.
      statuses.push((await post(fromAddress('10.0.0.1'), { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.7` })).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    // Another customer behind the same proxy is not limited with them.
    expect((await post(fromAddress('10.0.0.1'), { 'X-Forwarded-For': '203.0.113.8' })).status).toBe(201);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    server = testServer({ RATE_LIMIT: '1' });
    expect((await post(fromAddress('203.0.113.7'), { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(201);
    expect((await post(fromAddress('203.0.113.7'), { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(429);
  });

  it('counts an IPv6 customer per /64 network, not per address', async () => {
    server = testServer({ RATE_LIMIT: '1' });
    expect((await post(fromAddress('2001:db8:1:2::a'))).status).toBe(201);
    expect((await post(fromAddress('2001:db8:1:2:ffff:ffff:ffff:1'))).status).toBe(429);
    expect((await post(fromAddress('2001:db8:1:3::a'))).status).toBe(201);
  });
});

describe('security headers', () => {
  it('sends HSTS only over https (directly, or as a trusted proxy says), and Permissions-Policy always', async () => {
    server = testServer({ TRUST_PROXY: 'true' });
    const plain = await server.app.request('/api/health', {}, fromAddress('10.0.0.1'));
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
    expect(plain.headers.get('Permissions-Policy')).toMatch(/camera=\(\)/);
    const proxied = await server.app.request('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } }, fromAddress('10.0.0.1'));
    expect(proxied.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
    const direct = await server.app.request('https://kb.example/api/health');
    expect(direct.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
    server.cleanup();
    // Without a trusted proxy, anyone could write X-Forwarded-Proto.
    server = testServer();
    const claimed = await server.app.request('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } }, fromAddress('203.0.113.7'));
    expect(claimed.headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('lets no other site frame a page or an API answer', async () => {
    server = testServer();
    expect((await server.app.request('/api/health')).headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    // A demo page: HTML that exists without a build.
    const page = await server.app.request('/demo/');
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self'");
  });
});
