import { afterEach, describe, expect, it } from 'vitest';
import { ticketReplyAnswerSchema } from '../../../core/contract/ticket-reply.ts';
import { ticketStatusAnswerSchema } from '../../../core/contract/ticket-status.ts';
import { allowedOrigin, pngBytes, postJson, testServer, ticket, type TestServer } from '../test-support.ts';
import type { AfterSend } from './ticket-answer.ts';

const servers: TestServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.cleanup();
});

const helpdesk = (afterSend: Partial<AfterSend>) => ({ forwarders: [], afterSend: { canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: [], ...afterSend } });

/** A server with one ticket sent, and what its customer can do with the ticket's token. */
async function withTicket(afterSend?: Partial<AfterSend>, overrides: Record<string, unknown> = {}) {
  const server = testServer({}, undefined, afterSend ? { helpdesks: helpdesk(afterSend) } : {});
  servers.push(server);
  const created = (await (await postJson(server.app, ticket(overrides))).json()) as { number: string; token: string; id: string };
  const auth = { Authorization: `Bearer ${created.token}` };
  const reply = (body: BodyInit, headers: Record<string, string> = {}, token = created.token) =>
    server.app.request(`/api/tickets/${created.number}/replies`, {
      method: 'POST',
      headers: { Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${token}`, ...headers },
      body,
    });
  const replyJson = (message: unknown, headers: Record<string, string> = {}, token?: string) =>
    reply(JSON.stringify({ message }), { 'Content-Type': 'application/json', ...headers }, token);
  const close = (body = '', headers: Record<string, string> = {}) =>
    server.app.request(`/api/tickets/${created.number}/close`, { method: 'POST', headers: { Origin: allowedOrigin, 'Content-Type': 'application/json', ...auth, ...headers }, body });
  const status = async () => ticketStatusAnswerSchema.parse(await (await server.app.request(`/api/tickets/${created.number}`, { headers: auth })).json());
  return { server, created, reply, replyJson, close, status };
}

describe('a customer replies to their ticket', () => {
  it('adds the reply to the history the status page reads, with the status it leaves the ticket in', async () => {
    const { replyJson, status } = await withTicket();
    const response = await replyJson('O erro voltou hoje às 10h, mesmo depois de limpar o cache.');
    expect(response.status).toBe(201);
    const answer = ticketReplyAnswerSchema.parse(await response.json());
    expect(answer).toMatchObject({ status: 'open', reopened: false, attachments: 0, redacted: false });

    const { history } = await status();
    expect(history.at(-1)).toEqual({ at: answer.at, kind: 'customer-reply', by: 'customer', status: 'open', message: 'O erro voltou hoje às 10h, mesmo depois de limpar o cache.' });
  });

  it('answers the same Idempotency-Key with the same reply once, and refuses it with another text', async () => {
    const { replyJson, status } = await withTicket();
    const key = { 'Idempotency-Key': 'reply-key-1' };
    const first = await replyJson('Segue o print pedido.', key);
    const again = await replyJson('Segue o print pedido.', key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await replyJson('Outro texto qualquer.', key)).status).toBe(422);
    expect((await status()).history.filter((e) => e.kind === 'customer-reply')).toHaveLength(1);
  });

  it('takes a screenshot with the reply as multipart, and removes a pasted password before keeping the text', async () => {
    const { reply, status } = await withTicket();
    const form = new FormData();
    form.append('reply', new Blob([JSON.stringify({ message: 'Print em anexo. Minha senha: Abc123xyz! caso precisem.' })], { type: 'application/json' }));
    form.append('attachments', new Blob([new Uint8Array(pngBytes)], { type: 'image/png' }), 'erro.png');
    const response = await reply(form);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ attachments: 1, redacted: true });

    const entry = (await status()).history.at(-1);
    expect(entry).toMatchObject({ kind: 'customer-reply', attachments: 1 });
    expect(entry?.message).not.toContain('Abc123xyz');
  });

  it('refuses a file whose content is not an accepted type, in the customer\'s language, and keeps nothing', async () => {
    const { reply, status, server } = await withTicket();
    const form = new FormData();
    form.append('reply', new Blob([JSON.stringify({ message: 'Segue o arquivo.', lang: 'it' })], { type: 'application/json' }));
    form.append('attachments', new Blob(['<?php echo 1; ?>'], { type: 'image/png' }), 'foto.png');
    const response = await reply(form);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ title: 'Alcuni campi del ticket non sono validi.', errors: [{ path: 'attachments.0.type', code: 'type' }] });
    expect((await status()).history).toHaveLength(1);
    expect((await server.store.stats()).attachments).toBe(0);
  });

  it('says what is wrong with an empty or too long reply, field by field', async () => {
    const { replyJson } = await withTicket();
    const empty = await replyJson('  ', { 'Accept-Language': 'pt-BR' });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ errors: [{ path: 'message', code: 'too-short' }] });
    const long = await replyJson('a'.repeat(10_001));
    expect(long.status).toBe(422);
    expect(await long.json()).toMatchObject({ errors: [{ path: 'message' }] });
    expect((await replyJson(undefined)).status).toBe(422);
  });

  it('answers a wrong token exactly as a missing ticket: 404, and keeps nothing', async () => {
    const { replyJson, status, server } = await withTicket();
    const wrong = await replyJson('Tentando com outro token.', {}, 'not-the-token');
    expect(wrong.status).toBe(404);
    const missing = await server.app.request('/api/tickets/BR-999999/replies', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k', Authorization: 'Bearer not-the-token' }, body: '{"message":"Olá de novo"}',
    });
    expect(missing.status).toBe(404);
    expect(await wrong.json()).toEqual(await missing.json());
    expect((await status()).history).toHaveLength(1);
  });

  it('reopens a closed ticket with a reply, where the helpdesks can reopen it', async () => {
    const { replyJson, close, status } = await withTicket();
    await close();
    const response = await replyJson('Voltou a acontecer, reabrindo.');
    expect(await response.json()).toMatchObject({ status: 'open', reopened: true });
    expect(await status()).toMatchObject({ status: 'open', actions: { reply: true, close: true, reopenable: true } });
  });

  it('says a new ticket is needed when the helpdesk cannot reopen a closed one, in the customer\'s language', async () => {
    const { replyJson, close, status } = await withTicket({ canReopen: false, replyForwarders: ['webhook'] });
    await close();
    expect((await status()).actions).toEqual({ reply: false, close: false, reopenable: false });

    const response = await replyJson('Voltou a acontecer.', { 'Accept-Language': 'pt-BR' });
    expect(response.status).toBe(409);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await response.json()).title).toBe('Este ticket está fechado e não pode ser reaberto. Abra um novo ticket e cite o número deste.');
    expect((await status()).status).toBe('closed');
  });

  it('hands the reply to each helpdesk that takes replies, after the ticket itself', async () => {
    const { replyJson, server, created } = await withTicket({ replyForwarders: ['webhook'] });
    const answer = ticketReplyAnswerSchema.parse(await (await replyJson('Mais um detalhe: acontece só no Outlook.')).json());
    const deliveries = await server.store.deliveriesFor(created.id);
    expect(deliveries.map((d) => [d.forwarder, d.eventId ?? 'ticket'])).toEqual([['webhook', 'ticket'], ['webhook', answer.id]]);
    // Only the ticket goes first: its reply waits for it.
    const claimed = await server.store.claimDueDeliveries(new Date(Date.now() + 60_000), 10, 60_000);
    expect(claimed.map((d) => d.eventId ?? 'ticket')).toEqual(['ticket']);
  });
});

describe('a customer closes their ticket', () => {
  it('closes it with their last word in the history, once', async () => {
    const { close, status } = await withTicket();
    const response = await close(JSON.stringify({ note: 'Resolvido, obrigado!' }));
    expect(response.status).toBe(200);
    expect(ticketStatusAnswerSchema.parse(await response.json())).toMatchObject({ status: 'closed', actions: { reply: true, close: false, reopenable: true } });
    expect((await close()).status).toBe(200);
    const { history } = await status();
    expect(history.map((e) => [e.kind, e.by, e.status, e.note])).toEqual([['status', undefined, 'open', undefined], ['status', 'customer', 'closed', 'Resolvido, obrigado!']]);
  });

  it('hands the close to each helpdesk that closes tickets, after the ticket, so the helpdesk does not reopen it later', async () => {
    const { close, server, created, status } = await withTicket({ closeForwarders: ['webhook'] });
    await close(JSON.stringify({ note: 'Resolvido.' }));
    const entry = (await status()).history.at(-1);
    const deliveries = await server.store.deliveriesFor(created.id);
    expect(deliveries.map((d) => d.forwarder)).toEqual(['webhook', 'webhook']);
    const closing = await server.store.ticketEvent(deliveries[1]!.eventId!);
    expect(closing?.event).toEqual(entry);
    expect(entry).toMatchObject({ kind: 'status', by: 'customer', status: 'closed', note: 'Resolvido.' });
    // Closing a closed ticket again tells the helpdesk nothing more.
    await close();
    expect(await server.store.deliveriesFor(created.id)).toHaveLength(2);
  });

  it('refuses a wrong token with 404, and a malformed body with a 4xx, changing nothing', async () => {
    const { close, status } = await withTicket();
    expect((await close('', { Authorization: 'Bearer wrong' })).status).toBe(404);
    expect((await close('{"note":')).status).toBe(400);
    expect((await close(JSON.stringify({ note: 'x'.repeat(1001) }))).status).toBe(422);
    expect((await status()).status).toBe('open');
  });
});

describe('the status answer after Send', () => {
  it('names the day an Italian ticket waiting on its customer closes by itself, 7 days on in Rome', async () => {
    const { server, created, status } = await withTicket(undefined, { lang: 'it' });
    // 23:30 UTC is already the next day in Rome.
    await server.store.setTicketStatus(created.id, 'waiting-customer', new Date('2026-11-25T23:30:00Z'), 'Ci serve l’intestazione completa.');
    expect((await status()).closesOn).toBe('2026-12-03');
  });

  it('names no closing day in Brazil, whose policy closes nothing by itself', async () => {
    const { server, created, status } = await withTicket();
    await server.store.setTicketStatus(created.id, 'waiting-customer', new Date());
    expect(await status()).not.toHaveProperty('closesOn');
  });

  it('shows the helpdesk\'s own number once an update named it', async () => {
    const { server, created, status } = await withTicket();
    await server.store.applyStatusUpdate({ ticketId: created.id, source: 'whmcs', update: { id: 'u1', at: new Date().toISOString(), helpdeskNumber: '482913' }, showReplyText: true });
    expect((await status()).helpdeskNumber).toEqual({ helpdesk: 'whmcs', number: '482913' });
  });
});
