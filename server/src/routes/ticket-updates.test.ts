import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import { ticketStatusAnswerSchema } from '../../../core/contract/ticket-status.ts';
import type { Forwarder, InboundOutcome } from '../forwarders/forwarder.ts';
import { postJson, testServer, ticket, type TestServer } from '../test-support.ts';
import { newTicket } from '../store/store-conformance.ts';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const signer = new Webhook(secret);

const servers: TestServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.cleanup();
});

/** A helpdesk adapter whose inbound webhook answers what the test says. */
function fakeHelpdesk(answer: (body: string) => InboundOutcome): Forwarder {
  return { name: 'zendesk', sendsOwnConfirmation: true, deliver: () => Promise.resolve({ ok: true }), inbound: { receive: (_request, body) => Promise.resolve(answer(body)) } };
}

async function withTicket(options: { webhookSecret?: string; forwarders?: Forwarder[]; customerMail?: string[] } = { webhookSecret: secret }) {
  const server = testServer(options.webhookSecret ? { STATUS_WEBHOOK_SECRET: options.webhookSecret } : {}, undefined, {
    helpdesks: { forwarders: options.forwarders ?? [], afterSend: { canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: options.customerMail ?? [] } },
  });
  servers.push(server);
  const created = (await (await postJson(server.app, ticket())).json()) as { number: string; token: string; id: string };
  /** Posts an update to the generic endpoint, signed as a helpdesk would sign it (or as the test tampers with it). */
  const send = (update: unknown, signed: { id?: string; at?: Date; signature?: string; number?: string } = {}) => {
    const body = JSON.stringify(update);
    const id = signed.id ?? `msg_${crypto.randomUUID()}`;
    const at = signed.at ?? new Date();
    return server.app.request(`/api/tickets/${signed.number ?? created.number}/status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signed.signature ?? signer.sign(id, at, body) },
      body,
    });
  };
  const status = async () => ticketStatusAnswerSchema.parse(await (await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: `Bearer ${created.token}` } })).json());
  return { server, created, send, status };
}

const update = (minutesAgo: number, extra: Partial<StatusUpdate> = {}): StatusUpdate => ({ id: `evt-${minutesAgo}`, at: new Date(Date.now() - minutesAgo * 60_000).toISOString(), ...extra });

describe('the generic signed status endpoint', () => {
  it('applies a signed status change: the status page shows it with support\'s note', async () => {
    const { send, status } = await withTicket();
    const change = update(1, { status: 'waiting-customer', note: 'Envie o cabeçalho completo do e-mail.' });
    const response = await send(change);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'applied' });
    const answer = await status();
    expect(answer.status).toBe('waiting-customer');
    expect(answer.history.at(-1)).toEqual({ at: change.at, kind: 'status', by: 'support', status: 'waiting-customer', note: 'Envie o cabeçalho completo do e-mail.' });
  });

  it('shows support\'s reply, and the helpdesk\'s number for the ticket', async () => {
    const { send, status } = await withTicket();
    await send(update(1, { reply: { message: 'Liberamos o seu IP no firewall.' }, helpdeskNumber: '#482913' }));
    const answer = await status();
    expect(answer.history.at(-1)).toMatchObject({ kind: 'agent-reply', by: 'support', status: 'answered', message: 'Liberamos o seu IP no firewall.' });
    expect(answer.helpdeskNumber).toEqual({ helpdesk: 'webhook', number: '#482913' });
  });

  it('applies the same update once, whether its webhook-id or its own id comes again', async () => {
    const { send, status } = await withTicket();
    const change = update(1, { status: 'in-progress' });
    await send(change, { id: 'msg_1' });
    expect(await (await send(change, { id: 'msg_1' })).json()).toEqual({ outcome: 'duplicate' });
    expect(await (await send(change, { id: 'msg_2' })).json()).toEqual({ outcome: 'duplicate' });
    expect((await status()).history).toHaveLength(2);
  });

  it('never lets a late "open" undo "closed": an update older than the latest applied changes nothing', async () => {
    const { send, status } = await withTicket();
    await send(update(1, { status: 'closed' }));
    expect(await (await send(update(5, { status: 'open' }))).json()).toEqual({ outcome: 'stale' });
    expect((await status()).status).toBe('closed');
  });

  it('refuses a bad signature and a stale timestamp with 401, in the caller\'s language, before looking at the ticket', async () => {
    const { send, status } = await withTicket();
    const forged = await send(update(1, { status: 'closed' }), { signature: 'v1,AAAA' });
    expect(forged.status).toBe(401);
    expect((await forged.json()).title).toBe('The webhook signature does not match.');
    const old = await send(update(1, { status: 'closed' }), { at: new Date(Date.now() - 10 * 60_000) });
    expect(old.status).toBe(401);
    expect((await old.json()).type).toBe('https://support-kit.dev/problems/stale-signature');
    const unknown = await send(update(1), { signature: 'v1,AAAA', number: 'BR-999999' });
    expect(unknown.status).toBe(401);
    expect((await status()).status).toBe('open');
  });

  it('answers a signed update for an unknown ticket 404 and a malformed one 422 with its fields', async () => {
    const { send } = await withTicket();
    expect((await send(update(1), { number: 'BR-999999' })).status).toBe(404);
    const bad = await send({ id: '', at: 'yesterday', status: 'solved' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['at', 'id', 'status']);
  });

  it('is not there without WEBHOOK_SECRET: 404', async () => {
    const { send } = await withTicket({});
    expect((await send(update(1, { status: 'closed' }))).status).toBe(404);
  });

  it('queues an e-mail to the customer for support\'s news when the server sends the customer\'s e-mail', async () => {
    const { send, server, created } = await withTicket({ webhookSecret: secret, customerMail: ['confirmation-email'] });
    await send(update(1, { status: 'in-progress' }));
    expect((await server.store.deliveriesFor(created.id)).map((d) => d.forwarder)).toEqual(['confirmation-email', 'webhook']);
  });
});

describe("a helpdesk adapter's inbound webhook", () => {
  it('applies the adapter\'s updates to the ticket it names by the helpdesk\'s id', async () => {
    const helpdesk = fakeHelpdesk(() => ({ kind: 'updates', ticketRef: { externalId: '101' }, updates: [update(2, { status: 'in-progress' }), update(1, { reply: {} })] }));
    const { server, status } = await withTicket({ forwarders: [helpdesk] });
    const [delivery] = await server.store.claimDueDeliveries(new Date(Date.now() + 1000), 10, 60_000);
    await server.store.markDelivered(delivery!.id, new Date(), '101');
    // The helpdesk's id is matched per forwarder: the webhook's delivery above is not Zendesk's.
    expect((await server.app.request('/api/helpdesks/zendesk/webhook', { method: 'POST', body: '{}' })).status).toBe(404);

    const other = newTicket({ forwarders: ['zendesk'] });
    await server.store.createTicket(other);
    const [zendesk] = await server.store.claimDueDeliveries(new Date(Date.now() + 1000), 10, 60_000);
    await server.store.markDelivered(zendesk!.id, new Date(), '101');
    const response = await server.app.request('/api/helpdesks/zendesk/webhook', { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ outcomes: ['applied', 'applied'] });
    expect((await server.store.history(other.id)).map((e) => [e.kind, e.status])).toEqual([['status', 'open'], ['status', 'in-progress'], ['agent-reply', 'answered']]);
    expect((await status()).history).toHaveLength(1);
  });

  it('answers what the adapter decided: 401 for a refusal, 200 for an event it ignores, 503 when the helpdesk failed, 404 for an unknown helpdesk', async () => {
    const outcomes: Record<string, InboundOutcome> = {
      refused: { kind: 'refused', status: 401, reason: 'signed 600 s ago' },
      ignored: { kind: 'ignored', reason: 'ticket.priority_changed' },
      unavailable: { kind: 'unavailable', error: 'Zendesk answered 502' },
    };
    const { server } = await withTicket({ forwarders: [fakeHelpdesk((body) => outcomes[body]!)] });
    const call = (body: string, name = 'zendesk') => server.app.request(`/api/helpdesks/${name}/webhook`, { method: 'POST', body });
    expect((await call('refused')).status).toBe(401);
    const ignored = await call('ignored');
    expect([ignored.status, await ignored.json()]).toEqual([200, { outcome: 'ignored', reason: 'ticket.priority_changed' }]);
    expect((await call('unavailable')).status).toBe(503);
    expect((await call('ignored', 'freshdesk')).status).toBe(404);
  });
});
