import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import { loadConfig } from '../config.ts';
import type { DeliveryResult, Forwarder, OutgoingReply, PollResult } from '../forwarders/forwarder.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { newTicket } from '../store/store-conformance.ts';
import type { StoredEvent } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { autoCloseNotes, createAfterSendJobs, pollBackoff } from './after-send-jobs.ts';
import { createOutboxWorker, type NewsForwarder } from './worker.ts';

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});
const fresh = () => {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  return store;
};

const t0 = new Date('2026-11-23T12:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const support = loadConfig({ CONTENT_DIR: 'content', SITE_DIR: 'site/dist' }).support;
const standalone = { canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: [] };

/** A helpdesk that records what reaches it, and names its tickets `hd-1`, `hd-2`... */
function recordingHelpdesk(name = 'zendesk') {
  const received: string[] = [];
  const forwarder: Forwarder = {
    name,
    sendsOwnConfirmation: true,
    canReopen: true,
    async deliver(ticket) {
      received.push(`ticket ${ticket.number}`);
      return { ok: true, externalId: `hd-${received.length}` };
    },
    async deliverReply(_ticket, reply: OutgoingReply, context): Promise<DeliveryResult> {
      received.push(`reply "${reply.message}" with ${reply.attachments.length} file(s) to ${context.externalId}`);
      return { ok: true };
    },
    async deliverClose(_ticket, close, context) {
      received.push(`close by ${close.reason}${close.note ? ` "${close.note}"` : ''} to ${context.externalId}`);
      return { ok: true };
    },
  };
  return { forwarder, received };
}

describe('the outbox after Send', () => {
  it('hands a customer\'s replies to the helpdesk after the ticket, in order, to the ticket the helpdesk named', async () => {
    const store = fresh();
    const { forwarder, received } = recordingHelpdesk();
    const input = newTicket({ createdAt: t0.toISOString(), forwarders: ['zendesk'] });
    await store.createTicket(input);
    for (const [i, message] of ['Segue o print.', 'E o log também.'].entries()) {
      await store.addTicketEvent({
        id: randomUUID(), ticketId: input.id, at: minutes(i + 1).toISOString(), kind: 'customer-reply', by: 'customer', status: 'open', message, deliverTo: ['zendesk'],
        attachments: i ? [{ id: `f-${i}`, name: 'log.txt', type: 'text/plain', size: 10, path: '/data/attachments/log.txt' }] : [],
      });
    }
    const worker = createOutboxWorker({ store, forwarders: [forwarder], readAttachment: async () => new Uint8Array(), now: () => minutes(5) });
    // One row per forwarder at a time: each run delivers the next one.
    while ((await worker.runOnce()).claimed) { /* next row */ }

    expect(received).toEqual(['ticket BR-000001', 'reply "Segue o print." with 0 file(s) to hd-1', 'reply "E o log também." with 1 file(s) to hd-1']);
  });

  it('tells the helpdesk a ticket closed here, after the replies before it, and the customer\'s e-mail nothing of it', async () => {
    const store = fresh();
    const { forwarder, received } = recordingHelpdesk();
    const told: StoredEvent[] = [];
    const mail: NewsForwarder = { name: 'confirmation-email', sendsOwnConfirmation: false, deliver: async () => ({ ok: true }), deliverUpdate: async (_t, entry) => (told.push(entry), { ok: true }) };
    const input = newTicket({ createdAt: t0.toISOString(), forwarders: ['zendesk'] });
    await store.createTicket(input);
    await store.addTicketEvent({ id: randomUUID(), ticketId: input.id, at: minutes(1).toISOString(), kind: 'customer-reply', by: 'customer', status: 'open', message: 'Testei de novo.', deliverTo: ['zendesk'] });
    await store.addTicketEvent({ id: randomUUID(), ticketId: input.id, at: minutes(2).toISOString(), kind: 'status', by: 'customer', status: 'closed', note: 'Funcionou.', deliverTo: ['zendesk'] });
    const worker = createOutboxWorker({ store, forwarders: [forwarder, mail], readAttachment: async () => new Uint8Array(), now: () => minutes(5) });
    while ((await worker.runOnce()).claimed) { /* next row */ }
    expect(received).toEqual(['ticket BR-000001', 'reply "Testei de novo." with 0 file(s) to hd-1', 'close by customer "Funcionou." to hd-1']);
    expect(told).toEqual([]);
  });

  it('e-mails support\'s news through the customer\'s e-mail, with the history entry it is about', async () => {
    const store = fresh();
    const told: StoredEvent[] = [];
    const mail: NewsForwarder = {
      name: 'confirmation-email', sendsOwnConfirmation: false,
      deliver: async () => ({ ok: true }),
      async deliverUpdate(_ticket, entry) {
        told.push(entry);
        return { ok: true };
      },
    };
    const input = newTicket({ createdAt: t0.toISOString(), forwarders: ['confirmation-email'] });
    await store.createTicket(input);
    await store.setTicketStatus(input.id, 'waiting-customer', minutes(1), 'Envie o cabeçalho.', ['confirmation-email']);
    const worker = createOutboxWorker({ store, forwarders: [mail], readAttachment: async () => new Uint8Array(), now: () => minutes(5) });
    await worker.runOnce();
    await worker.runOnce();
    expect(told.map((e) => e.event)).toEqual([{ at: minutes(1).toISOString(), kind: 'status', by: 'support', status: 'waiting-customer', note: 'Envie o cabeçalho.' }]);
  });
});

describe('polling helpdesks that cannot call us', () => {
  async function polledTicket(store: Store, answer: (externalId: string) => PollResult) {
    const asked: string[] = [];
    const whmcs: Forwarder = {
      name: 'whmcs', sendsOwnConfirmation: true, pollIntervalMs: 5 * 60_000,
      deliver: async () => ({ ok: true, externalId: '482913' }),
      async poll(_ticket, context) {
        asked.push(context.externalId);
        return answer(context.externalId);
      },
    };
    const input = newTicket({ createdAt: t0.toISOString(), forwarders: ['whmcs'] });
    await store.createTicket(input);
    await createOutboxWorker({ store, forwarders: [whmcs], readAttachment: async () => new Uint8Array(), now: () => t0 }).runOnce();
    return { whmcs, asked, input };
  }
  const updates = (...list: StatusUpdate[]): PollResult => ({ ok: true, updates: list });

  it('applies what a poll finds, once, and asks again only when the next poll is due', async () => {
    const store = fresh();
    const { whmcs, asked, input } = await polledTicket(store, () => updates({ id: 'reply-1', at: minutes(1).toISOString(), reply: { message: 'Liberado.' }, helpdeskNumber: '482913' }));
    let now = minutes(2);
    const jobs = createAfterSendJobs({ store, forwarders: [whmcs], support, afterSend: standalone, now: () => now });

    expect(await jobs.runOnce()).toEqual({ polled: 1, applied: 1, closed: 0 });
    now = minutes(4);
    expect(await jobs.runOnce()).toEqual({ polled: 0, applied: 0, closed: 0 });
    now = minutes(7);
    // Due again: the same reply read again is applied once.
    expect(await jobs.runOnce()).toEqual({ polled: 1, applied: 0, closed: 0 });
    expect(asked).toEqual(['482913', '482913']);
    expect((await store.ticketById(input.id))?.helpdeskNumber).toEqual({ helpdesk: 'whmcs', number: '482913' });
    expect((await store.history(input.id)).map((e) => [e.kind, e.status, e.message])).toEqual([['status', 'open', undefined], ['agent-reply', 'answered', 'Liberado.']]);
  });

  it('backs off a failing helpdesk: its Retry-After, else twice the interval, never past an hour', async () => {
    expect(pollBackoff(300_000, undefined)).toBe(600_000);
    expect(pollBackoff(300_000, 1_800_000)).toBe(1_800_000);
    expect(pollBackoff(300_000, 86_400_000)).toBe(3_600_000);
    const store = fresh();
    const { whmcs } = await polledTicket(store, () => ({ ok: false, retryable: true, error: 'WHMCS answered 503' }));
    let now = minutes(1);
    const lines: string[] = [];
    const jobs = createAfterSendJobs({ store, forwarders: [whmcs], support, afterSend: standalone, now: () => now, log: (line) => lines.push(line) });
    expect((await jobs.runOnce()).polled).toBe(1);
    now = minutes(7);
    expect((await jobs.runOnce()).polled).toBe(0);
    now = minutes(11);
    expect((await jobs.runOnce()).polled).toBe(1);
    expect(lines[0]).toContain('WHMCS answered 503');
  });
});

describe('auto-close', () => {
  it('closes an Italian ticket 7 days after support started waiting on the customer, never a Brazilian one', async () => {
    const store = fresh();
    const italian = newTicket({ numberPrefix: 'IT', createdAt: t0.toISOString(), ticket: { ...newTicket().ticket, lang: 'it' } });
    const brazilian = newTicket({ createdAt: t0.toISOString() });
    for (const input of [italian, brazilian]) {
      await store.createTicket(input);
      await store.setTicketStatus(input.id, 'waiting-customer', minutes(10));
    }
    let now = new Date(minutes(10).getTime() + 7 * 86_400_000 - 60_000);
    const jobs = createAfterSendJobs({ store, forwarders: [], support, afterSend: standalone, now: () => now });
    expect((await jobs.runOnce()).closed).toBe(0);
    now = new Date(minutes(10).getTime() + 7 * 86_400_000 + 60_000);
    expect((await jobs.runOnce()).closed).toBe(1);
    expect((await store.history(italian.id)).at(-1)).toMatchObject({ status: 'closed', note: autoCloseNotes.it(7) });
    expect((await store.ticketById(brazilian.id))?.status).toBe('waiting-customer');
  });

  it('closes the helpdesk ticket too, so that it stops waiting on the customer there', async () => {
    const store = fresh();
    const { forwarder, received } = recordingHelpdesk();
    const italian = newTicket({ numberPrefix: 'IT', createdAt: t0.toISOString(), ticket: { ...newTicket().ticket, lang: 'it' }, forwarders: ['zendesk'] });
    await store.createTicket(italian);
    await store.setTicketStatus(italian.id, 'waiting-customer', minutes(10));
    const now = new Date(minutes(10).getTime() + 8 * 86_400_000);
    const afterSend = { ...standalone, closeForwarders: ['zendesk'] };
    expect((await createAfterSendJobs({ store, forwarders: [forwarder], support, afterSend, now: () => now }).runOnce()).closed).toBe(1);
    const worker = createOutboxWorker({ store, forwarders: [forwarder], readAttachment: async () => new Uint8Array(), now: () => now });
    while ((await worker.runOnce()).claimed) { /* next row */ }
    expect(received).toEqual(['ticket IT-000001', `close by no-reply "${autoCloseNotes.it(7)}" to hd-1`]);
  });
});
