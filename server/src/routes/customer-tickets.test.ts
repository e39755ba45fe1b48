import { afterEach, describe, expect, it } from 'vitest';
import { customerTicketsAnswerSchema, duplicateCheckAnswerSchema } from '../../../core/contract/ticket-reply.ts';
import { signCustomerToken } from '../intake/customer-token.ts';
import { postJson, testServer, ticket, type TestServer } from '../test-support.ts';

const secret = 'a-customer-token-secret-of-32-characters!';
const tokenOf = (sub: string, exp = Math.floor(Date.now() / 1000) + 3600) => signCustomerToken({ sub, email: 'giulia@esempio.it', exp }, secret);

const servers: TestServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.cleanup();
});

async function withTickets() {
  const server = testServer({ CUSTOMER_TOKEN_SECRET: secret });
  servers.push(server);
  const send = async (sub: string | undefined, overrides: Record<string, unknown>) => {
    const body = ticket({ ...overrides, customer: { ...(ticket().customer as object), ...(sub ? { token: tokenOf(sub) } : {}) } });
    return (await (await postJson(server.app, body)).json()) as { number: string; id: string; token: string };
  };
  const ask = (path: string, token: string, init: RequestInit = {}) =>
    server.app.request(`/api/customer/tickets${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers } });
  return { server, send, ask };
}

describe("a signed-in customer's open tickets", () => {
  it('lists only their own tickets that are not closed, newest first, each with its status link', async () => {
    const { server, send, ask } = await withTickets();
    const mail = await send('client-42', { subject: 'E-mail rejeitado com erro 550' });
    const site = await send('client-42', { subject: 'Site fora do ar desde ontem à noite' });
    const closed = await send('client-42', { subject: 'Certificado SSL expirado no domínio' });
    await send('client-7', { subject: 'Outro cliente, outro problema' });
    await send(undefined, { subject: 'Sem token: não é de ninguém' });
    await server.store.setTicketStatus(closed.id, 'closed', new Date());

    const response = await ask('', tokenOf('client-42'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const { tickets } = customerTicketsAnswerSchema.parse(await response.json());
    expect(tickets.map((t) => t.number)).toEqual([site.number, mail.number]);
    expect(tickets[0]).toMatchObject({ subject: 'Site fora do ar desde ontem à noite', department: 'technical', status: 'open' });
    expect(tickets[0]?.statusUrl).toContain(`${site.number}`);
    expect(tickets[0]?.statusUrl).toContain(site.token);
  });

  it('refuses an expired or forged token with 401, in the customer\'s language', async () => {
    const { ask } = await withTickets();
    const expired = await ask('', tokenOf('client-42', Math.floor(Date.now() / 1000) - 10), { headers: { 'Accept-Language': 'it' } });
    expect(expired.status).toBe(401);
    expect((await expired.json()).title).toBe('Accedi di nuovo all’area clienti: la sessione è scaduta o non è stata riconosciuta.');
    expect((await ask('', `${tokenOf('client-42')}x`)).status).toBe(401);
    expect((await ask('', '')).status).toBe(401);
  });
});

describe('the duplicate check before Send', () => {
  it('finds the open ticket of the same department with a similar subject, and not one of another department', async () => {
    const { send, ask } = await withTickets();
    const mail = await send('client-42', { subject: 'E-mail rejeitado com erro 550' });
    await send('client-42', { subject: 'Fatura de novembro não chegou', department: 'billing', topic: 'invoice' });
    const check = (subject: string, department: string) => ask('/duplicates', tokenOf('client-42'), { method: 'POST', body: JSON.stringify({ subject, department }) });

    const same = duplicateCheckAnswerSchema.parse(await (await check('Erro 550: e-mail rejeitado', 'technical')).json());
    expect(same.duplicates.map((t) => t.number)).toEqual([mail.number]);
    expect(duplicateCheckAnswerSchema.parse(await (await check('Erro 550: e-mail rejeitado', 'billing')).json()).duplicates).toEqual([]);
    expect(duplicateCheckAnswerSchema.parse(await (await check('Painel cPanel não abre', 'technical')).json()).duplicates).toEqual([]);
  });

  it('says what is wrong with a malformed check', async () => {
    const { ask } = await withTickets();
    const bad = await ask('/duplicates', tokenOf('client-42'), { method: 'POST', body: JSON.stringify({ subject: 'x', department: 'legal' }) });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'department' }] });
    expect((await ask('/duplicates', tokenOf('client-42'), { method: 'POST', body: '{' })).status).toBe(400);
  });
});
