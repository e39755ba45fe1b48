import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { DeliveryContext } from './forwarder.ts';
import { createWhmcsForwarder, whmcsApiUrl, type WhmcsForwarderOptions } from './whmcs.ts';
import { fixtureFiles, pdfBytes, pngBytes, storedTicket } from './stored-ticket.fixture.ts';

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
