/**
 * What every store does after Send (issue 17), as Vitest tests against the interface: history
 * entries of each kind with their files and outbox rows, the order of a ticket's deliveries per
 * forwarder, helpdesk updates applied once and in the helpdesk's time order, auto-close, polling
 * under a lease, and a signed-in customer's open tickets. Run by sqlite-store.test.ts and
 * pg-store.test.ts; dates are fixed and passed in.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import { newTicket, type StoreUnderTest } from './store-conformance.ts';
import type { NewTicketEvent, Store } from './store.ts';

const t0 = new Date('2026-11-23T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;
const at = (ms: number) => new Date(t0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();

export function describeAfterSendConformance(name: string, open: () => Promise<StoreUnderTest> | StoreUnderTest): void {
  describe(`${name} store after Send`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    async function ticket(overrides: Parameters<typeof newTicket>[0] = {}) {
      const input = newTicket(overrides);
      await store.createTicket(input);
      return input;
    }
    const reply = (ticketId: string, ms: number, extra: Partial<NewTicketEvent> = {}): NewTicketEvent => ({
      id: randomUUID(), ticketId, at: iso(ms), kind: 'customer-reply', by: 'customer', status: 'open', message: `reply at ${ms}`, ...extra,
    });
    const update = (ms: number, extra: Partial<StatusUpdate> = {}): StatusUpdate => ({ id: `evt-${ms}`, at: iso(ms), ...extra });
    const claimAll = async (ms: number) => (await store.claimDueDeliveries(at(ms), 50, minutes(5))).map((d) => d.eventId ?? 'ticket');

    describe('replies and history', () => {
      it('keeps a customer reply in the history with its text and file count; its files belong to the reply, not to the ticket', async () => {
        const input = await ticket();
        const entry = reply(input.id, minutes(5), {
          redacted: true,
          attachments: [{ id: 'reply-file', name: 'cabecalho.txt', type: 'text/plain', size: 120, path: '/data/attachments/reply-file.txt' }],
        });
        expect(await store.addTicketEvent(entry)).toBe(true);

        expect(await store.history(input.id)).toEqual([
          { at: input.createdAt, kind: 'status', status: 'open' },
          { at: entry.at, kind: 'customer-reply', by: 'customer', status: 'open', message: entry.message, attachments: 1 },
        ]);
        const stored = await store.ticketById(input.id);
        expect(stored?.attachments.map((a) => a.id)).toEqual([`${input.id}-1`]);
        expect(stored?.updatedAt).toBe(entry.at);
        expect(await store.ticketEvent(entry.id)).toEqual({
          id: entry.id, ticketId: input.id, event: (await store.history(input.id))[1],
          attachments: [{ id: 'reply-file', ticketId: input.id, name: 'cabecalho.txt', type: 'text/plain', size: 120, path: '/data/attachments/reply-file.txt' }],
        });
        expect(await store.replyFiles(input.id)).toEqual([{ at: entry.at, file: { ...entry.attachments![0]!, ticketId: input.id } }]);
        expect(await store.attachmentPaths()).toEqual(new Set([input.attachments[0]!.path, '/data/attachments/reply-file.txt']));
        expect((await store.purgeTicketsBefore(at(days(1)))).sort()).toEqual([input.attachments[0]!.path, '/data/attachments/reply-file.txt'].sort());
      });

      it('stores a reply\'s idempotent answer with it, and adds nothing to a ticket that is gone', async () => {
        const input = await ticket();
        const answer = { scope: 'reply:BR-000001', key: 'k-1', fingerprint: 'f', status: 201, body: '{"id":"r"}' };
        await store.addTicketEvent(reply(input.id, minutes(1), { idempotency: answer }));
        expect(await store.idempotent(answer.scope, answer.key)).toEqual({ fingerprint: 'f', status: 201, body: '{"id":"r"}' });

        expect(await store.addTicketEvent(reply('no-such-ticket', minutes(2)))).toBe(false);
      });

      it('starts the auto-close clock when support waits on the customer, restarts it with each wait, and stops it otherwise', async () => {
        const input = await ticket();
        await store.setTicketStatus(input.id, 'waiting-customer', at(minutes(10)), 'Envie o print.');
        expect((await store.ticketById(input.id))?.waitingSince).toBe(iso(minutes(10)));
        await store.addTicketEvent({ id: randomUUID(), ticketId: input.id, at: iso(minutes(20)), kind: 'agent-reply', by: 'support', status: 'answered', message: 'Feito.' });
        expect((await store.ticketById(input.id))?.waitingSince).toBe(iso(minutes(20)));
        await store.addTicketEvent(reply(input.id, minutes(30)));
        expect(await store.ticketById(input.id)).not.toHaveProperty('waitingSince');
        expect((await store.history(input.id)).map((e) => [e.kind, e.by, e.status])).toEqual([
          ['status', undefined, 'open'], ['status', 'support', 'waiting-customer'], ['agent-reply', 'support', 'answered'], ['customer-reply', 'customer', 'open'],
        ]);
      });
    });

    describe('deliveries of replies and updates', () => {
      it('delivers an entry to a forwarder only after the ticket and the entries before it reached that forwarder', async () => {
        const input = await ticket({ forwarders: ['webhook'] });
        const first = reply(input.id, minutes(1), { deliverTo: ['webhook'] });
        const second = reply(input.id, minutes(2), { deliverTo: ['webhook'] });
        await store.addTicketEvent(first);
        await store.addTicketEvent(second);

        // The ticket is claimed alone; its replies wait for it even while it is leased.
        const [ticketDelivery, ...others] = await store.claimDueDeliveries(at(minutes(3)), 50, minutes(5));
        expect(others).toEqual([]);
        expect(ticketDelivery).not.toHaveProperty('eventId');
        expect(await claimAll(minutes(4))).toEqual([]);

        await store.markDelivered(ticketDelivery!.id, at(minutes(4)), 'zd-1');
        const [firstDelivery, ...rest] = await store.claimDueDeliveries(at(minutes(5)), 50, minutes(5));
        expect(rest).toEqual([]);
        expect(firstDelivery?.eventId).toBe(first.id);
        await store.markDelivered(firstDelivery!.id, at(minutes(6)));
        expect(await claimAll(minutes(7))).toEqual([second.id]);
      });

      it('lets each forwarder go at its own pace: a reply waits only for that forwarder\'s earlier rows', async () => {
        const input = await ticket({ forwarders: ['webhook', 'zendesk'] });
        const entry = reply(input.id, minutes(1), { deliverTo: ['webhook', 'zendesk'] });
        await store.addTicketEvent(entry);
        const claimed = await store.claimDueDeliveries(at(minutes(2)), 50, minutes(5));
        const webhook = claimed.find((d) => d.forwarder === 'webhook')!;
        await store.markDelivered(webhook.id, at(minutes(2)), 'hook-1');
        await store.markFailed(claimed.find((d) => d.forwarder === 'zendesk')!.id, 'down', at(minutes(60)));

        const next = await store.claimDueDeliveries(at(minutes(3)), 50, minutes(5));
        expect(next.map((d) => [d.forwarder, d.eventId])).toEqual([['webhook', entry.id]]);
      });

      it('names the helpdesk\'s id for a ticket: the latest a delivery to that forwarder returned', async () => {
        const input = await ticket({ forwarders: ['zendesk'] });
        const [delivery] = await store.claimDueDeliveries(at(minutes(1)), 50, minutes(5));
        await store.markDelivered(delivery!.id, at(minutes(1)), '101');
        expect(await store.externalIdFor(input.id, 'zendesk')).toBe('101');
        // A reply to a closed Zendesk ticket lands in a follow-up ticket: that one is the ticket's from then on.
        await store.addTicketEvent(reply(input.id, minutes(2), { deliverTo: ['zendesk'] }));
        const [replyDelivery] = await store.claimDueDeliveries(at(minutes(3)), 50, minutes(5));
        await store.markDelivered(replyDelivery!.id, at(minutes(3)), '202');
        expect(await store.externalIdFor(input.id, 'zendesk')).toBe('202');
        expect(await store.externalIdFor(input.id, 'whmcs')).toBeUndefined();
        expect((await store.ticketByExternalId('zendesk', '101'))?.id).toBe(input.id);
        expect((await store.ticketByExternalId('zendesk', '202'))?.id).toBe(input.id);
        expect(await store.ticketByExternalId('freshdesk', '101')).toBeUndefined();
      });

      it('queues support\'s status change for the customer\'s e-mail when asked to', async () => {
        const input = await ticket({ forwarders: [] });
        await store.setTicketStatus(input.id, 'in-progress', at(minutes(1)), undefined, ['confirmation-email']);
        const [delivery] = await store.deliveriesFor(input.id);
        expect(delivery).toMatchObject({ forwarder: 'confirmation-email', state: 'pending' });
        expect(delivery?.eventId).toEqual(expect.any(String));
        expect((await store.ticketEvent(delivery!.eventId!))?.event).toEqual({ at: iso(minutes(1)), kind: 'status', by: 'support', status: 'in-progress' });
      });
    });

    describe('helpdesk updates', () => {
      it('applies an update once: the same id again is a duplicate and changes nothing', async () => {
        const input = await ticket();
        const change = update(minutes(5), { status: 'in-progress', note: 'Estamos verificando.' });
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: change, showReplyText: true })).toBe('applied');
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: change, showReplyText: true })).toBe('duplicate');
        expect((await store.history(input.id)).slice(1)).toEqual([{ at: change.at, kind: 'status', by: 'support', status: 'in-progress', note: 'Estamos verificando.' }]);
      });

      it('orders updates by the helpdesk\'s time: a late "open" never undoes "closed"', async () => {
        const input = await ticket();
        await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: update(minutes(10), { status: 'closed' }), showReplyText: true });
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: update(minutes(5), { status: 'open' }), showReplyText: true })).toBe('stale');
        expect((await store.ticketById(input.id))?.status).toBe('closed');
        // Kept nowhere: it stays stale if it comes again.
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: update(minutes(5), { status: 'open' }), showReplyText: true })).toBe('stale');
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: update(minutes(10) + 1000, { status: 'open' }), showReplyText: true })).toBe('applied');
        expect((await store.ticketById(input.id))?.status).toBe('open');
      });

      it('records support\'s reply as answered, with its text only where the helpdesk allows it shown', async () => {
        const input = await ticket();
        await store.applyStatusUpdate({ ticketId: input.id, source: 'zendesk', update: update(minutes(1), { reply: { message: 'Liberamos o IP.' } }), showReplyText: false });
        await store.applyStatusUpdate({ ticketId: input.id, source: 'webhook', update: update(minutes(2), { reply: { message: 'Pode testar?' }, status: 'waiting-customer' }), showReplyText: true });
        expect((await store.history(input.id)).slice(1)).toEqual([
          { at: iso(minutes(1)), kind: 'agent-reply', by: 'support', status: 'answered' },
          { at: iso(minutes(2)), kind: 'agent-reply', by: 'support', status: 'waiting-customer', message: 'Pode testar?' },
        ]);
        expect((await store.ticketById(input.id))?.waitingSince).toBe(iso(minutes(2)));
      });

      it('keeps the helpdesk\'s number for the ticket, and adds no entry for an update that only names it', async () => {
        const input = await ticket();
        expect(await store.applyStatusUpdate({ ticketId: input.id, source: 'whmcs', update: update(minutes(1), { helpdeskNumber: '482913' }), showReplyText: true })).toBe('applied');
        expect((await store.ticketById(input.id))?.helpdeskNumber).toEqual({ helpdesk: 'whmcs', number: '482913' });
        expect(await store.history(input.id)).toHaveLength(1);
        expect(await store.applyStatusUpdate({ ticketId: 'no-such-ticket', source: 'whmcs', update: update(minutes(2)), showReplyText: true })).toBe('no-ticket');
      });
    });

    describe('auto-close', () => {
      it('closes tickets of the given languages waiting on the customer since before the cutoff, and no others', async () => {
        const italian = await ticket({ ticket: { ...newTicket().ticket, lang: 'it' }, numberPrefix: 'IT' });
        const recent = await ticket({ ticket: { ...newTicket().ticket, lang: 'it' }, numberPrefix: 'IT' });
        const brazilian = await ticket();
        const working = await ticket({ ticket: { ...newTicket().ticket, lang: 'it' }, numberPrefix: 'IT' });
        await store.setTicketStatus(italian.id, 'waiting-customer', at(days(1)));
        await store.setTicketStatus(recent.id, 'answered', at(days(3)));
        await store.setTicketStatus(brazilian.id, 'waiting-customer', at(days(1)));
        await store.setTicketStatus(working.id, 'in-progress', at(days(1)));

        const closed = await store.closeWaitingTickets({ langs: ['it'], waitingBefore: at(days(2)), at: at(days(9)), note: 'Chiuso dopo 7 giorni.', deliverTo: ['confirmation-email'] });
        expect(closed).toEqual([italian.id]);
        expect((await store.ticketById(italian.id))?.status).toBe('closed');
        expect((await store.history(italian.id)).at(-1)).toEqual({ at: iso(days(9)), kind: 'status', status: 'closed', note: 'Chiuso dopo 7 giorni.' });
        expect((await store.deliveriesFor(italian.id)).map((d) => d.forwarder).sort()).toEqual(['confirmation-email', 'webhook']);
        for (const other of [recent, brazilian, working]) expect((await store.ticketById(other.id))?.status).not.toBe('closed');
        expect(await store.closeWaitingTickets({ langs: ['it'], waitingBefore: at(days(2)), at: at(days(9)) })).toEqual([]);
      });
    });

    describe('polling', () => {
      async function deliveredTo(forwarder: string, externalId: string) {
        const input = await ticket({ forwarders: [forwarder] });
        const delivery = (await store.deliveriesFor(input.id))[0]!;
        await store.claimDueDeliveries(at(0), 50, minutes(5));
        await store.markDelivered(delivery.id, at(0), externalId);
        return { input, delivery };
      }

      it('hands each open ticket delivered to the helpdesk to one poll at a time, then when its next poll is due', async () => {
        const { input, delivery } = await deliveredTo('whmcs', '482913');
        await ticket({ forwarders: ['whmcs'] }); // not delivered yet: nothing to ask about

        expect(await store.claimTicketsToPoll('whmcs', at(minutes(1)), 10, minutes(5))).toEqual([{ deliveryId: delivery.id, ticketId: input.id, externalId: '482913' }]);
        expect(await store.claimTicketsToPoll('whmcs', at(minutes(2)), 10, minutes(5))).toEqual([]);
        expect(await store.claimTicketsToPoll('zendesk', at(minutes(2)), 10, minutes(5))).toEqual([]);

        await store.schedulePoll(delivery.id, at(minutes(10)));
        expect(await store.claimTicketsToPoll('whmcs', at(minutes(9)), 10, minutes(5))).toEqual([]);
        expect(await store.claimTicketsToPoll('whmcs', at(minutes(10)), 10, minutes(5))).toHaveLength(1);
        // A lease nobody ended runs out.
        expect(await store.claimTicketsToPoll('whmcs', at(minutes(15)), 10, minutes(5))).toHaveLength(1);
      });

      it('stops polling a closed ticket', async () => {
        const { input } = await deliveredTo('whmcs', '7');
        await store.setTicketStatus(input.id, 'closed', at(minutes(1)));
        expect(await store.claimTicketsToPoll('whmcs', at(minutes(2)), 10, minutes(5))).toEqual([]);
      });
    });

    describe("a signed-in customer's tickets", () => {
      it('lists the customer\'s tickets that are not closed, newest first, of one department when asked', async () => {
        const base = newTicket().ticket;
        const first = await ticket({ verifiedCustomerId: 'c-42', createdAt: iso(minutes(1)) });
        const billing = await ticket({ verifiedCustomerId: 'c-42', createdAt: iso(minutes(2)), ticket: { ...base, department: 'billing' } });
        const closed = await ticket({ verifiedCustomerId: 'c-42', createdAt: iso(minutes(3)) });
        await ticket({ verifiedCustomerId: 'c-7', createdAt: iso(minutes(4)) });
        await ticket({ createdAt: iso(minutes(5)) });
        await store.setTicketStatus(closed.id, 'closed', at(minutes(6)));

        expect((await store.customerTickets('c-42', { limit: 10 })).map((t) => t.id)).toEqual([billing.id, first.id]);
        expect((await store.customerTickets('c-42', { department: 'technical', limit: 10 })).map((t) => t.id)).toEqual([first.id]);
        expect((await store.customerTickets('c-42', { limit: 1 })).map((t) => t.id)).toEqual([billing.id]);
        expect(await store.customerTickets('nobody', { limit: 10 })).toEqual([]);
      });
    });
  });
}
