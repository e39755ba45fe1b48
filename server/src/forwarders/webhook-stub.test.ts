import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createWebhookStub } from './webhook-stub.ts';
import { createWebhookForwarder, type TicketClosedEvent, type TicketCreatedEvent, type TicketReplyEvent } from './webhook.ts';
import { customerReply, fixtureFiles, storedTicket } from './stored-ticket.fixture.ts';

const secret = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
let stub: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
  stub = undefined;
});

/** The stub on a free loopback port, recording what it processes and logs. */
async function startStub() {
  const events: TicketCreatedEvent[] = [];
  const replies: TicketReplyEvent[] = [];
  const closings: TicketClosedEvent[] = [];
  const lines: string[] = [];
  stub = createWebhookStub({
    secret, onEvent: (event) => void events.push(event), onReply: (event) => void replies.push(event), onClose: (event) => void closings.push(event), log: (line) => void lines.push(line),
  });
  await new Promise<void>((resolve) => stub?.listen(0, '127.0.0.1', resolve));
  const { port } = stub.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, events, replies, closings, lines };
}

const context = (deliveryId: string) => ({ deliveryId, readAttachment: fixtureFiles().readAttachment, fetch: globalThis.fetch });

describe('the local webhook stub', () => {
  it('accepts what the webhook forwarder sends over real HTTP, and logs the ticket number', async () => {
    const { url, events, lines } = await startStub();
    const result = await createWebhookForwarder({ url, secret }).deliver(storedTicket(), context('dlv_stub_1'));

    expect(result).toEqual({ ok: true, externalId: 'BR-000123' });
    expect(events.map((e) => e.data.number)).toEqual(['BR-000123']);
    expect(lines[0]).toMatch(/^ticket\.created BR-000123 \(dlv_stub_1\)/);
  });

  it('processes a repeated webhook-id once', async () => {
    const { url, events, lines } = await startStub();
    const forwarder = createWebhookForwarder({ url, secret });
    await forwarder.deliver(storedTicket(), context('dlv_twice'));
    expect(await forwarder.deliver(storedTicket(), context('dlv_twice'))).toEqual({ ok: true, externalId: 'BR-000123' });

    expect(events).toHaveLength(1);
    expect(lines[1]).toBe('duplicate dlv_twice ignored (ticket BR-000123)');
  });

  it("accepts a customer's reply, and logs its ticket and files", async () => {
    const { url, events, replies, lines } = await startStub();
    const reply = customerReply({ message: 'Segue o print.' });
    const result = await createWebhookForwarder({ url, secret }).deliverReply!(storedTicket(), reply, { ...context('dlv_reply'), externalId: 'BR-000123' });

    expect(result).toEqual({ ok: true });
    expect(events).toHaveLength(0);
    expect(replies.map((r) => [r.data.ticket.number, r.data.reply.message])).toEqual([['BR-000123', 'Segue o print.']]);
    expect(lines[0]).toBe('ticket.reply BR-000123 (dlv_reply): 1 files, Segue o print.');
  });

  it('accepts a ticket closed by its customer, and logs who closed it', async () => {
    const { url, events, replies, closings, lines } = await startStub();
    const close = { id: 'evt_c1', at: new Date().toISOString(), reason: 'customer' as const };
    expect(await createWebhookForwarder({ url, secret }).deliverClose!(storedTicket(), close, { ...context('dlv_close'), externalId: 'BR-000123' })).toEqual({ ok: true });
    expect([events.length, replies.length]).toEqual([0, 0]);
    expect(closings.map((c) => [c.data.ticket.number, c.data.close])).toEqual([['BR-000123', close]]);
    expect(lines[0]).toBe('ticket.closed BR-000123 (dlv_close): by customer');
  });

  it('rejects a wrong signature with 401, which the forwarder does not retry', async () => {
    const { url, events } = await startStub();
    const other = createWebhookForwarder({ url, secret: `whsec_${Buffer.alloc(32, 6).toString('base64')}` });
    expect(await other.deliver(storedTicket(), context('dlv_bad'))).toMatchObject({ ok: false, retryable: false });
    expect(events).toHaveLength(0);
  });
});
