import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { customerTicketsUrl, duplicatesOf, openTickets, tokenExpired } from './account-client.ts';

const ticketEndpoint = 'https://kb.test/api/tickets';
const access = { ticketEndpoint, customerToken: 'eyJzdWIiOiI0MiJ9.c2ln' };
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ticket = (number: string, status = 'in-review') => ({
  number,
  subject: 'E-mails voltam com erro 550',
  department: 'technical',
  status,
  createdAt: '2026-11-20T13:05:00Z',
  updatedAt: '2026-11-21T09:00:00Z',
  statusUrl: `https://kb.test/pt-br/ticket/#${number}:tk`,
});

describe('the customer routes', () => {
  it('sit beside the ticket endpoint, or at the default path of another endpoint', () => {
    expect(customerTicketsUrl('https://kb.test/api/tickets')).toBe('https://kb.test/api/customer/tickets');
    expect(customerTicketsUrl('https://api.test/support/v1/tickets/?x=1')).toBe('https://api.test/support/v1/customer/tickets');
    expect(customerTicketsUrl('https://api.test/hooks/new-ticket')).toBe('https://api.test/api/customer/tickets');
  });
});

describe('the open tickets', () => {
  it('are asked with the customer token and come back open only', async () => {
    let auth: string | null = null;
    server.use(
      http.get('https://kb.test/api/customer/tickets', ({ request }) => {
        auth = request.headers.get('Authorization');
        return HttpResponse.json({ tickets: [ticket('BR-000124', 'waiting-customer'), ticket('BR-000100', 'closed')] });
      }),
    );
    expect((await openTickets(access))?.map((t) => [t.number, t.status])).toEqual([['BR-000124', 'waiting-customer']]);
    expect(auth).toBe(`Bearer ${access.customerToken}`);
  });

  it('are unknown, quietly, without a token, with an expired one, offline, or with an answer off the contract', async () => {
    expect(await openTickets({ ...access, customerToken: '' })).toBeUndefined();
    for (const answer of [() => new HttpResponse(null, { status: 401 }), () => HttpResponse.error(), () => HttpResponse.json({ tickets: [{ number: 1 }] })]) {
      server.use(http.get('https://kb.test/api/customer/tickets', answer));
      expect(await openTickets(access)).toBeUndefined();
    }
  });

  it('say when the server refused the token, and only then', async () => {
    const refused: number[] = [];
    for (const [status, expected] of [[401, 1], [403, 1], [503, 0], [200, 0]] as const) {
      server.use(http.get('https://kb.test/api/customer/tickets', () => (status === 200 ? HttpResponse.json({ tickets: [] }) : new HttpResponse(null, { status }))));
      let calls = 0;
      await openTickets({ ...access, onRefused: () => (calls += 1) });
      refused.push(calls);
      expect(calls).toBe(expected);
    }
  });
});

describe("a token's own expiry", () => {
  const b64url = (json: object) => btoa(JSON.stringify(json)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('is read from its payload without the secret', () => {
    expect(tokenExpired(`${b64url({ sub: '42', exp: now / 1000 - 1 })}.sig`, now)).toBe(true);
    expect(tokenExpired(`${b64url({ sub: '42', exp: now / 1000 + 3600 })}.sig`, now)).toBe(false);
  });

  it('leaves an unreadable token, or one without exp, to the server', () => {
    expect(tokenExpired('not-a-token', now)).toBe(false);
    expect(tokenExpired(`${b64url({ sub: '42' })}.sig`, now)).toBe(false);
  });
});

describe('the duplicate check', () => {
  it('sends the subject and department and returns the open tickets it would repeat', async () => {
    let body: unknown;
    server.use(
      http.post('https://kb.test/api/customer/tickets/duplicates', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ duplicates: [ticket('BR-000124')] });
      }),
    );
    const found = await duplicatesOf(access, { subject: 'Erro 550 nos e-mails', department: 'technical' });
    expect(found.map((t) => t.number)).toEqual(['BR-000124']);
    expect(body).toEqual({ subject: 'Erro 550 nos e-mails', department: 'technical' });
  });

  it('finds none when the server cannot tell: the customer is never stopped by it', async () => {
    server.use(http.post('https://kb.test/api/customer/tickets/duplicates', () => new HttpResponse(null, { status: 503 })));
    expect(await duplicatesOf(access, { subject: 'Erro 550', department: 'technical' })).toEqual([]);
  });
});
