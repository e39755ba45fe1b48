import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DeliveryContext, ReplyContext } from './forwarder.ts';
import { createWhmcsForwarder, whmcsApiUrl, whmcsInstant, whmcsLocalTime, type WhmcsForwarderOptions } from './whmcs.ts';
import { customerReply, fixtureFiles, pdfBytes, pngBytes, storedTicket } from './stored-ticket.fixture.ts';

const api = 'https://billing.nuvolo.example/includes/api.php';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const options: WhmcsForwarderOptions = {
  url: 'https://billing.nuvolo.example',
  identifier: 'D4j1dKYE3g40VROOPCGyJ9zRwP0ADJIv',
  secret: 'F1CKGXRIpylMfsrig3mwwdSdYUdLiFlo',
  departments: { technical: 1, billing: 2, sales: 3 },
};

function context(): DeliveryContext {
  return { deliveryId: 'dlv_1', readAttachment: fixtureFiles().readAttachment, fetch: (input, init) => fetch(input, init) };
}

/** WHMCS's api.php: records each form and answers in turn (the last answer repeats). */
function whmcs(...answers: Array<() => Response>) {
  const forms: URLSearchParams[] = [];
  const contentTypes: Array<string | null> = [];
  server.use(
    http.post(api, async ({ request }) => {
      contentTypes.push(request.headers.get('content-type'));
      forms.push(new URLSearchParams(await request.text()));
      const answer = answers[Math.min(forms.length, answers.length) - 1] ?? (() => HttpResponse.json({ result: 'success', id: 15, tid: '894756', c: 'abc' }));
      return answer();
    }),
  );
  return { forms, contentTypes };
}

const success = () => HttpResponse.json({ result: 'success', id: 15, tid: '894756', c: 'KPqH7yG3' });

describe('the WHMCS forwarder', () => {
  it('opens the ticket with OpenTicket, form-encoded, as the verified client, and returns the tid', async () => {
    const { forms, contentTypes } = whmcs(success);
    const stored = storedTicket({ ticket: { ...storedTicket().ticket, service: '1234' } });

    const result = await createWhmcsForwarder({ ...options, accessKey: 'k3y!' }).deliver(stored, context());

    expect(result).toEqual({ ok: true, externalId: '894756' });
    expect(contentTypes[0]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = forms[0] ?? new URLSearchParams();
    expect(Object.fromEntries([...form].filter(([key]) => !['message', 'attachments'].includes(key)))).toEqual({
      identifier: options.identifier,
      secret: options.secret,
      accesskey: 'k3y!',
      action: 'OpenTicket',
      responsetype: 'json',
      deptid: '1',
      subject: `${stored.ticket.subject} [BR-000123]`,
      priority: 'High',
      markdown: 'true',
      clientid: '42',
      serviceid: '1234',
    });
  });

  it('sends attachments as WHMCS expects: base64 of a JSON array of { name, data: base64 }', async () => {
    const { forms } = whmcs(success);
    await createWhmcsForwarder(options).deliver(storedTicket(), context());

    const encoded = forms[0]?.get('attachments') ?? '';
    const files = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Array<{ name: string; data: string }>;
    expect(files.map((f) => f.name)).toEqual(['falha-entrega-550.png', 'fatura novembro.pdf']);
    expect(Buffer.from(files[0]?.data ?? '', 'base64')).toEqual(Buffer.from(pngBytes));
    expect(Buffer.from(files[1]?.data ?? '', 'base64')).toEqual(Buffer.from(pdfBytes));
  });

  it('writes a message an agent can act on: story, exact error, domain, service, panel user, priority reason', async () => {
    const { forms } = whmcs(success);
    const stored = storedTicket({ redacted: true });
    await createWhmcsForwarder(options).deliver(stored, context());

    const message = forms[0]?.get('message') ?? '';
    expect(message.startsWith(stored.ticket.message)).toBe(true);
    expect(message).toContain('**Exact error message**');
    expect(message).toContain('550 5.1.1 <vendas@padariapaodequeijo.com.br>: Recipient address rejected');
    expect(message).toContain('- **Domain:** padariapaodequeijo.com.br');
    expect(message).toContain('- **Service:** Hospedagem Plano Negócios (padariapaodequeijo.com.br)');
    expect(message).toContain('- **Control-panel user:** padaria');
    expect(message).toContain('the customer reports a service down: Nenhum e-mail externo chega à caixa de vendas desde ontem.');
    expect(message).toContain('verified customer 42');
    expect(message).toContain('Secrets (passwords, keys, tokens or card numbers) were redacted');
  });

  it('an unverified customer is sent by name and e-mail, flagged in the message, with no client or service id', async () => {
    const { forms } = whmcs(success);
    const stored = storedTicket({ verifiedCustomerId: undefined, ticket: { ...storedTicket().ticket, service: '1234', department: 'billing', priority: 'low', high: undefined } });
    await createWhmcsForwarder(options).deliver(stored, context());

    const form = forms[0] ?? new URLSearchParams();
    expect(form.get('name')).toBe('Mariana Costa');
    expect(form.get('email')).toBe('mariana@padariapaodequeijo.com.br');
    expect(form.has('clientid')).toBe(false);
    expect(form.has('serviceid')).toBe(false);
    expect(form.get('deptid')).toBe('2');
    expect(form.get('priority')).toBe('Low');
    expect(form.get('message')).toContain('UNVERIFIED customer');
    expect(form.get('message')).toContain('- **Service:** 1234');
  });

  it('a service that is not a WHMCS id goes in the message only', async () => {
    const { forms } = whmcs(success);
    await createWhmcsForwarder(options).deliver(storedTicket(), context());
    expect(forms[0]?.has('serviceid')).toBe(false);
    expect(forms[0]?.get('message')).toContain('Hospedagem Plano Negócios');
  });

  it('a stale client id does not keep the ticket from WHMCS: it is opened again by name and e-mail', async () => {
    const { forms } = whmcs(() => HttpResponse.json({ result: 'error', message: 'Client ID Not Found' }), success);
    const result = await createWhmcsForwarder(options).deliver(storedTicket(), context());

    expect(result).toEqual({ ok: true, externalId: '894756' });
    expect(forms).toHaveLength(2);
    expect(forms[1]?.has('clientid')).toBe(false);
    expect(forms[1]?.get('email')).toBe('mariana@padariapaodequeijo.com.br');
    expect(forms[1]?.get('message')).toContain('WHMCS did not find client 42');
  });

  it('an error answer with HTTP 200 will not succeed on retry', async () => {
    whmcs(() => HttpResponse.json({ result: 'error', message: 'Department ID not found' }));
    const result = await createWhmcsForwarder(options).deliver(storedTicket(), context());
    expect(result).toEqual({ ok: false, retryable: false, error: 'WHMCS OpenTicket: HTTP 200 Department ID not found' });
  });

  it('bad credentials are not retried', async () => {
    whmcs(() => HttpResponse.json({ result: 'error', message: 'Authentication Failed' }, { status: 403 }));
    const result = await createWhmcsForwarder(options).deliver(storedTicket(), context());
    expect(result).toEqual({ ok: false, retryable: false, error: 'WHMCS OpenTicket: HTTP 403 Authentication Failed' });
  });

  it.each([429, 500, 503])('HTTP %i is retried', async (status) => {
    whmcs(() => HttpResponse.json({ result: 'error', message: 'busy' }, { status }));
    const result = await createWhmcsForwarder(options).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it('an HTML page instead of JSON (a broken install) is retried', async () => {
    whmcs(() => new HttpResponse('<html><body>Fatal error</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const result = await createWhmcsForwarder(options).deliver(storedTicket(), context());
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('not JSON') });
  });

  it('accepts the install URL or the api.php URL', () => {
    expect(whmcsApiUrl('https://billing.nuvolo.example/')).toBe(api);
    expect(whmcsApiUrl('https://nuvolo.example/whmcs')).toBe('https://nuvolo.example/whmcs/includes/api.php');
    expect(whmcsApiUrl(api)).toBe(api);
  });
});

/** GetTicket's documented answer for ticket #894756 (our BR-000123), in a São Paulo install. */
function getTicketAnswer(status = 'Answered', extraReplies: Array<Record<string, unknown>> = []) {
  return {
    result: 'success',
    ticketid: 15,
    tid: '894756',
    c: 'KPqH7yG3',
    deptid: 1,
    deptname: 'Suporte Técnico',
    userid: 42,
    contactid: 0,
    name: 'Mariana Costa',
    email: 'mariana@padariapaodequeijo.com.br',
    cc: '',
    date: '2026-11-23 09:41:10',
    subject: 'E-mails voltando com erro 550 [BR-000123]',
    status,
    priority: 'High',
    admin: '',
    lastreply: '2026-11-23 11:02:00',
    flag: 0,
    service: 'S1234',
    replies: {
      reply: [
        { replyid: '0', userid: 42, contactid: 0, name: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br', date: '2026-11-23 09:41:10', message: 'Desde ontem...', attachment: '', admin: '', rating: 0 },
        { replyid: '31', userid: 0, contactid: 0, name: 'Rafael Lima', email: '', date: '2026-11-23 11:02:00', message: 'Liberamos o IP do seu servidor.', attachment: '', admin: 'Rafael Lima', rating: 0 },
        ...extraReplies,
      ],
    },
    notes: { note: [{ noteid: 3, admin: 'Rafael Lima', date: '2026-11-23 10:00:00', message: 'cliente insistente' }] },
  };
}

describe('WHMCS after Send', () => {
  const polling = createWhmcsForwarder({ ...options, timeZone: 'America/Sao_Paulo' });
  const now = new Date('2026-11-23T14:10:00Z');
  const pollContext = { externalId: '894756', fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init), now };

  it('polls GetTicket by the ticket number: staff replies by their WHMCS date, the new status, the WHMCS number', async () => {
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Answered')));
    const result = await polling.poll!(storedTicket({ status: 'open' }), pollContext);

    expect(Object.fromEntries(forms[0] ?? [])).toEqual({
      ticketnum: '894756',
      repliessort: 'ASC',
      identifier: options.identifier,
      secret: options.secret,
      action: 'GetTicket',
      responsetype: 'json',
    });
    expect(result).toEqual({
      ok: true,
      updates: [
        { id: 'whmcs:15:number', at: '2026-11-23T12:41:10.000Z', helpdeskNumber: '894756' },
        { id: 'whmcs:15:reply:31', at: '2026-11-23T14:02:00.000Z', reply: { message: 'Liberamos o IP do seu servidor.' }, helpdeskNumber: '894756' },
        { id: 'whmcs:15:status:Answered:2026-11-23T14:02:00.000Z', at: '2026-11-23T14:02:00.000Z', status: 'answered', helpdeskNumber: '894756' },
      ],
    });
  });

  it.each([
    ['Open', 'open'],
    ['Answered', 'answered'],
    ['Customer-Reply', 'in-review'],
    ['On Hold', 'in-progress'],
    ['In Progress', 'in-progress'],
    ['Closed', 'closed'],
  ])('maps WHMCS %s to %s', async (whmcsStatus, ours) => {
    whmcs(() => HttpResponse.json(getTicketAnswer(whmcsStatus)));
    const result = await polling.poll!(storedTicket({ status: ours === 'open' ? 'answered' : 'open' }), pollContext);
    expect(result.ok && result.updates.find((u) => u.status)?.status).toBe(ours);
  });

  it('reports no status while it is the one we already show, and nothing new on the next poll', async () => {
    whmcs(() => HttpResponse.json(getTicketAnswer('Answered')));
    const result = await polling.poll!(storedTicket({ status: 'answered' }), pollContext);
    expect(result.ok && result.updates.map((u) => u.id)).toEqual(['whmcs:15:number', 'whmcs:15:reply:31']);
  });

  it('a custom WHMCS status changes nothing, and a failing WHMCS is a failure to back off on', async () => {
    whmcs(() => HttpResponse.json(getTicketAnswer('Aguardando fornecedor')));
    const custom = await polling.poll!(storedTicket({ status: 'open' }), pollContext);
    expect(custom.ok && custom.updates.some((u) => u.status)).toBe(false);

    whmcs(() => HttpResponse.json({ result: 'error', message: 'Ticket ID Not Found' }));
    expect(await polling.poll!(storedTicket(), pollContext)).toEqual({ ok: false, retryable: false, error: 'WHMCS GetTicket: HTTP 200 Ticket ID Not Found' });
    whmcs(() => new HttpResponse('busy', { status: 503, headers: { 'retry-after': '120' } }));
    expect(await polling.poll!(storedTicket(), pollContext)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 120_000 });
  });

  it('without permission to show reply text, a staff reply says only that support replied', async () => {
    whmcs(() => HttpResponse.json(getTicketAnswer('Answered')));
    const hidden = createWhmcsForwarder({ ...options, showsAgentReplyText: false });
    const result = await hidden.poll!(storedTicket({ status: 'answered' }), pollContext);
    expect(result.ok && result.updates[1]).toMatchObject({ id: 'whmcs:15:reply:31', reply: {} });
    expect(result.ok && result.updates[1]?.reply).not.toHaveProperty('message');
  });

  const reply = customerReply({ message: 'Testei e funcionou, *obrigada*!' });
  const replyContext = (): ReplyContext => ({ ...context(), externalId: '894756' });

  it("adds the customer's reply with AddTicketReply as the ticket's client, at the customer's time, with the file", async () => {
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Closed')), () => HttpResponse.json({ result: 'success' }));
    expect(await polling.deliverReply!(storedTicket(), reply, replyContext())).toEqual({ ok: true });

    expect(forms.map((f) => f.get('action'))).toEqual(['GetTicket', 'AddTicketReply']);
    const { attachments, ...fields } = Object.fromEntries(forms[1] ?? []);
    expect(fields).toEqual({
      ticketid: '15',
      message: 'Testei e funcionou, \\*obrigada\\*\\!',
      markdown: 'true',
      created: '2026-11-23 12:02:00',
      clientid: '42',
      identifier: options.identifier,
      secret: options.secret,
      action: 'AddTicketReply',
      responsetype: 'json',
    });
    expect(JSON.parse(Buffer.from(attachments ?? '', 'base64').toString('utf8'))).toEqual([
      { name: 'falha-entrega-550.png', data: Buffer.from(pngBytes).toString('base64') },
    ]);
  });

  it('does not add a reply twice when the first answer was lost', async () => {
    const already = { replyid: '32', userid: 42, date: '2026-11-23 12:02:00', message: 'Testei e funcionou, \\*obrigada\\*\\!', admin: '' };
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Customer-Reply', [already])));
    expect(await polling.deliverReply!(storedTicket(), reply, replyContext())).toEqual({ ok: true });
    expect(forms.map((f) => f.get('action'))).toEqual(['GetTicket']);
  });

  it("replies to a guest ticket with the customer's name and e-mail", async () => {
    const { forms } = whmcs(() => HttpResponse.json({ ...getTicketAnswer(), userid: 0 }), () => HttpResponse.json({ result: 'success' }));
    await polling.deliverReply!(storedTicket(), { ...reply, attachments: [] }, replyContext());
    expect([forms[1]?.get('clientid'), forms[1]?.get('name'), forms[1]?.get('email')]).toEqual([null, 'Mariana Costa', 'mariana@padariapaodequeijo.com.br']);
  });

  const close = { id: 'evt_c1', at: '2026-11-23T12:30:00.000Z', reason: 'customer' as const, note: 'Resolvido *sozinho*.' };

  it('closes a ticket closed here: an agents\' note at the closing time (AddTicketNote), then UpdateTicket to Closed', async () => {
    const ok = () => HttpResponse.json({ result: 'success' });
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Answered')), ok, ok);
    expect(await polling.deliverClose!(storedTicket(), close, replyContext())).toEqual({ ok: true });
    expect(forms.map((f) => f.get('action'))).toEqual(['GetTicket', 'AddTicketNote', 'UpdateTicket']);
    expect(Object.fromEntries([...(forms[1] ?? [])].filter(([key]) => !['identifier', 'secret', 'responsetype', 'action'].includes(key)))).toEqual({
      ticketid: '15',
      message: 'The customer closed this ticket on the support-kit status page.\n\nTheir words: Resolvido \\*sozinho\\*.',
      markdown: 'true',
      created: '2026-11-23 09:30:00',
    });
    expect([forms[2]?.get('ticketid'), forms[2]?.get('status')]).toEqual(['15', 'Closed']);
  });

  it('changes nothing where WHMCS closed the ticket already', async () => {
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Closed')));
    expect(await polling.deliverClose!(storedTicket(), close, replyContext())).toEqual({ ok: true });
    expect(forms.map((f) => f.get('action'))).toEqual(['GetTicket']);
  });

  it('a closing WHMCS fails to take is retried after the note', async () => {
    const { forms } = whmcs(() => HttpResponse.json(getTicketAnswer('Open')), () => HttpResponse.json({ result: 'success' }), () => new HttpResponse('<html>Fatal error</html>', { status: 500 }));
    expect(await polling.deliverClose!(storedTicket(), close, replyContext())).toMatchObject({ ok: false, retryable: true });
    expect(forms.map((f) => f.get('action'))).toEqual(['GetTicket', 'AddTicketNote', 'UpdateTicket']);
  });

  it('reads WHMCS local times in its zone, across a DST change too', () => {
    expect(whmcsInstant('2026-11-23 09:41:10', 'America/Sao_Paulo')).toBe('2026-11-23T12:41:10.000Z');
    expect(whmcsInstant('2026-07-01 10:00:00', 'Europe/Rome')).toBe('2026-07-01T08:00:00.000Z');
    expect(whmcsInstant('2026-01-15 10:00:00', 'Europe/Rome')).toBe('2026-01-15T09:00:00.000Z');
    expect(whmcsLocalTime('2026-07-01T08:00:00.000Z', 'Europe/Rome')).toBe('2026-07-01 10:00:00');
    expect(whmcsInstant('0000-00-00 00:00:00x', 'UTC')).toBeUndefined();
  });
});
