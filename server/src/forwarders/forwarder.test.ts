import { describe, expect, it } from 'vitest';
import { afterSendCapabilities, deliverEntryThrough, inboundForwarder, type Forwarder, type InboundWebhook } from './forwarder.ts';
import { customerReply, fixtureFiles, storedTicket } from './stored-ticket.fixture.ts';

const deliver = () => Promise.resolve({ ok: true as const });
const inbound: InboundWebhook = { receive: () => Promise.resolve({ kind: 'ignored', reason: 'test' }) };
const confirmation: Forwarder = { name: 'confirmation-email', sendsOwnConfirmation: false, deliver };
const reopening: Forwarder = { name: 'zendesk', sendsOwnConfirmation: false, deliver, deliverReply: deliver, inbound, canReopen: true, showsAgentReplyText: true };
const final: Forwarder = { name: 'legacy', sendsOwnConfirmation: false, deliver, deliverReply: deliver, poll: () => Promise.resolve({ ok: true, updates: [] }), canReopen: false, showsAgentReplyText: false };

const reply = customerReply();
const context = { deliveryId: 'dlv_r1', readAttachment: fixtureFiles().readAttachment, fetch };

describe('what the helpdesks allow after Send', () => {
  it('without a helpdesk, nothing takes replies and the server decides alone', () => {
    expect(afterSendCapabilities([confirmation])).toEqual({ takesReplies: false, canReopen: true, showsAgentReplyText: true });
  });

  it('the strictest helpdesk decides: one that cannot reopen or hides reply text makes it so for the ticket', () => {
    expect(afterSendCapabilities([confirmation, reopening])).toEqual({ takesReplies: true, canReopen: true, showsAgentReplyText: true });
    expect(afterSendCapabilities([reopening, final])).toEqual({ takesReplies: true, canReopen: false, showsAgentReplyText: false });
  });

  it('finds the forwarder whose webhook a helpdesk calls, by name, only when it has one', () => {
    expect(inboundForwarder([confirmation, reopening], 'zendesk')).toBe(reopening);
    expect(inboundForwarder([confirmation, reopening], 'confirmation-email')).toBeUndefined();
    expect(inboundForwarder([final], 'legacy')).toBeUndefined();
  });
});

describe('delivering a reply or a close through the outbox', () => {
  it('waits, to be retried, while the ticket has no helpdesk id yet', async () => {
    expect(await deliverEntryThrough(reopening, storedTicket(), { reply }, { ...context, externalId: undefined })).toEqual({
      ok: false,
      retryable: true,
      error: 'zendesk: ticket BR-000123 is not delivered yet; the reply waits for it',
    });
  });

  it('gives up at once where the forwarder takes no replies', async () => {
    expect(await deliverEntryThrough(confirmation, storedTicket(), { reply }, { ...context, externalId: '1' })).toMatchObject({ ok: false, retryable: false });
  });

  it('hands the helpdesk id to the forwarder', async () => {
    const seen: string[] = [];
    const recording: Forwarder = { ...reopening, deliverReply: (_t, _r, c) => (seen.push(c.externalId), deliver()) };
    expect(await deliverEntryThrough(recording, storedTicket(), { reply }, { ...context, externalId: '35436' })).toEqual({ ok: true });
    expect(seen).toEqual(['35436']);
  });

  const close = { id: 'evt_close', at: '2026-11-20T12:00:00.000Z', reason: 'customer' as const, note: 'Resolvido, obrigado.' };

  it('a close waits for the ticket too, and is given up where the forwarder closes nothing', async () => {
    const closing: Forwarder = { ...reopening, deliverClose: deliver };
    expect(await deliverEntryThrough(closing, storedTicket(), { close }, { ...context, externalId: undefined })).toEqual({
      ok: false,
      retryable: true,
      error: 'zendesk: ticket BR-000123 is not delivered yet; the closing waits for it',
    });
    expect(await deliverEntryThrough(reopening, storedTicket(), { close }, { ...context, externalId: '1' })).toEqual({ ok: false, retryable: false, error: 'zendesk takes no closing' });
  });

  it('hands a close, not a reply, to the forwarder with the helpdesk id', async () => {
    const seen: unknown[] = [];
    const recording: Forwarder = { ...reopening, deliverReply: () => Promise.reject(new Error('not a reply')), deliverClose: (_t, c, ctx) => (seen.push([c, ctx.externalId]), deliver()) };
    expect(await deliverEntryThrough(recording, storedTicket(), { close }, { ...context, externalId: '35436' })).toEqual({ ok: true });
    expect(seen).toEqual([[close, '35436']]);
  });
});
