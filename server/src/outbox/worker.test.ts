import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Webhook } from 'standardwebhooks';
import type { DeliveryResult, Forwarder } from '../forwarders/forwarder.ts';
import { createWebhookForwarder, type TicketCreatedEvent } from '../forwarders/webhook.ts';
import { fixtureFiles, storedTicket } from '../forwarders/stored-ticket.fixture.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { newTicket } from '../store/store-conformance.ts';
import type { Store } from '../store/store.ts';
import { createOutboxWorker, retryDelay, type OutboxLogEntry, type OutboxWorkerOptions } from './worker.ts';

const hookUrl = 'https://hooks.nuvolo.example/support-kit';
const secret = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const server = setupServer();

const stores: Store[] = [];
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  for (const store of stores.splice(0)) store.close();
});
afterAll(() => server.close());

const seconds = (n: number) => n * 1000;
const t0 = new Date('2026-11-23T12:41:10.000Z');

/**
 * A webhook receiver as a consumer would write it: verifies the signature with the official library,
 * processes each webhook-id once, and answers with `answers[n]` for the n-th request (the last repeats).
 */
function receiver(...answers: Array<() => Response | Promise<Response>>) {
  const state = { requests: [] as string[], processed: [] as string[] };
  const seen = new Set<string>();
  server.use(
    http.post(hookUrl, async ({ request }) => {
      const body = await request.text();
      const headers = Object.fromEntries(request.headers);
      const event = new Webhook(secret).verify(body, headers) as TicketCreatedEvent;
      const id = headers['webhook-id'] ?? '';
      state.requests.push(id);
      const answer = answers[Math.min(state.requests.length, answers.length) - 1];
      const response = answer ? await answer() : new HttpResponse(null, { status: 204 });
      if (response.ok && !seen.has(id)) {
        seen.add(id);
        state.processed.push(event.data.number);
      }
      return response;
    }),
  );
  return state;
}

/**
 * Commits the forwarder tests' stored ticket (its attachments are the fixture files) with one webhook
 * delivery due at `createdAt`, as the tickets route would; the store assigns the number.
 */
async function addTicket(store: Store, id: string, createdAt: Date, forwarders = ['webhook']) {
  const { ticket, verifiedCustomerId, attachments } = storedTicket({ id });
  const { ticket: stored } = await store.createTicket(
    newTicket({
      id,
      createdAt: createdAt.toISOString(),
      ticket,
      ...(verifiedCustomerId ? { verifiedCustomerId } : {}),
      // Attachment ids are unique across tickets.
      attachments: attachments.map(({ ticketId: _, ...a }) => ({ ...a, id: `${id}_${a.id}` })),
      forwarders,
    }),
  );
  const [delivery] = await store.deliveriesFor(id);
  return { number: stored.number, deliveryId: delivery?.id ?? '' };
}

/** A worker over a real (in-memory SQLite) store holding one ticket due at t0, with a hand-moved clock and no jitter. */
async function setup(overrides: Partial<OutboxWorkerOptions> = {}) {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const clock = { now: t0 };
  const logs: OutboxLogEntry[] = [];
  const { number, deliveryId } = await addTicket(store, 'tkt_6f1c', t0);
  const worker = createOutboxWorker({
    store,
    forwarders: [createWebhookForwarder({ url: hookUrl, secret })],
    readAttachment: fixtureFiles().readAttachment,
    now: () => clock.now,
    log: (entry) => void logs.push(entry),
    backoff: { random: () => 0 },
    ...overrides,
  });
  const at = (ms: number) => {
    clock.now = new Date(t0.getTime() + ms);
  };
  /** The delivery as the store holds it now, as the status page would show it. */
  const delivery = async () => (await store.deliveriesFor('tkt_6f1c')).find((d) => d.id === deliveryId);
  return { store, worker, logs, at, number, deliveryId, delivery };
}

describe('retry timing', () => {
  it('doubles from 30 s and is capped at one hour', () => {
    const noJitter = { random: () => 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => retryDelay(attempt, noJitter) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('jitter only shortens the wait, by at most the jitter fraction', () => {
    expect(retryDelay(1, { random: () => 0.999_999 })).toBe(24_000);
    expect(retryDelay(20, { random: () => 0.5 })).toBe(3_240_000);
  });

  it('waits at least as long as the helpdesk asked, up to the cap', () => {
    expect(retryDelay(1, { random: () => 0 }, 120_000)).toBe(120_000);
    expect(retryDelay(1, { random: () => 0 }, 10 * 3_600_000)).toBe(3_600_000);
  });
});

describe('the outbox worker', () => {
  it('retries with backoff after a 503, then delivers with the same webhook-id', async () => {
    const hook = receiver(() => new HttpResponse('down for maintenance', { status: 503 }), () => new HttpResponse(null, { status: 204 }));
    const { worker, at, number, deliveryId, delivery, logs } = await setup();

    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(await delivery()).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'webhook: HTTP 503 down for maintenance',
      nextAttemptAt: new Date(t0.getTime() + seconds(30)).toISOString(),
    });

    at(seconds(29));
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });

    at(seconds(30));
    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(await delivery()).toMatchObject({ state: 'delivered', attempts: 2, deliveredAt: new Date(t0.getTime() + seconds(30)).toISOString() });
    expect(hook.requests).toEqual([deliveryId, deliveryId]);
    expect(hook.processed).toEqual([number]);
    expect(logs.map((l) => l.event)).toEqual(['retry', 'delivered']);
    expect(logs[1]).toMatchObject({ level: 'info', deliveryId, forwarder: 'webhook', ticket: number, attempt: 2 });
  });

  it('a 401 will never succeed: it is given up as failed', async () => {
    receiver(() => new HttpResponse(null, { status: 401 }));
    const { worker, delivery, logs } = await setup({ giveUpAfter: 1 });

    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 0, failed: 1 });
    expect(await delivery()).toMatchObject({ state: 'failed', attempts: 1, lastError: 'webhook: HTTP 401' });
    expect(logs).toEqual([expect.objectContaining({ level: 'error', event: 'gave-up', error: 'webhook: HTTP 401' })]);
  });

  it('by default a non-retryable answer gets five attempts (time to fix a credential) before failing', async () => {
    const hook = receiver(() => new HttpResponse(null, { status: 401 }));
    const { worker, at, delivery } = await setup();

    for (const wait of [0, 30, 90, 210, 450]) {
      at(seconds(wait));
      await worker.runOnce();
    }
    expect(hook.requests).toHaveLength(5);
    expect(await delivery()).toMatchObject({ state: 'failed', attempts: 5 });
  });

  it('retryable failures never give up: they keep trying once an hour', async () => {
    const hook = receiver(() => new HttpResponse(null, { status: 503 }));
    const { worker, at, delivery } = await setup({ giveUpAfter: 2 });

    let elapsed = 0;
    for (let i = 0; i < 12; i += 1) {
      at(elapsed);
      await worker.runOnce();
      elapsed = Date.parse((await delivery())?.nextAttemptAt ?? '') - t0.getTime();
    }
    expect(hook.requests).toHaveLength(12);
    const last = await delivery();
    expect(last).toMatchObject({ state: 'pending', attempts: 12 });
    expect(Date.parse(last?.nextAttemptAt ?? '') - t0.getTime() - (elapsed - 3_600_000)).toBe(3_600_000);
  });

  it('a crash between delivering and recording it re-delivers the same webhook-id after the lease; the receiver de-duplicates', async () => {
    const hook = receiver();
    const { store, worker, at, number, deliveryId, delivery, logs } = await setup({ leaseMs: seconds(300) });
    // The process "dies" after the helpdesk answered but before the store recorded it.
    const markDelivered = store.markDelivered;
    store.markDelivered = async () => {
      store.markDelivered = markDelivered;
      throw new Error('SQLITE_IOERR: disk I/O error');
    };

    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 0, failed: 0 });
    expect(logs[0]).toMatchObject({ event: 'store-error', deliveryId, error: 'SQLITE_IOERR: disk I/O error' });
    expect((await delivery())?.state).toBe('pending');

    at(seconds(299));
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });

    at(seconds(300));
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(hook.requests).toEqual([deliveryId, deliveryId]);
    expect(hook.processed).toEqual([number]);
    expect((await delivery())?.state).toBe('delivered');
  });

  it('honours Retry-After from a rate-limited helpdesk', async () => {
    receiver(() => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '600' } }));
    const { worker, delivery } = await setup();
    await worker.runOnce();
    expect((await delivery())?.nextAttemptAt).toBe(new Date(t0.getTime() + seconds(600)).toISOString());
  });

  it('a forwarder that throws is retried, not fatal', async () => {
    const broken: Forwarder = {
      name: 'webhook',
      sendsOwnConfirmation: false,
      deliver: async () => {
        throw new Error('ENOENT: attachment missing');
      },
    };
    const { worker, delivery } = await setup({ forwarders: [broken] });
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    expect(await delivery()).toMatchObject({ state: 'pending', lastError: 'webhook: ENOENT: attachment missing' });
  });

  it('a delivery for a forwarder no longer configured waits for it instead of failing', async () => {
    const { worker, delivery } = await setup({ forwarders: [] });
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    expect(await delivery()).toMatchObject({ state: 'pending', lastError: 'no forwarder named "webhook" is configured' });
  });

  it('a delivery whose ticket was purged is given up', async () => {
    receiver();
    const { store, worker, delivery } = await setup();
    // Purged between the claim and the read: a real purge takes the delivery with it.
    store.ticketById = async () => undefined;
    expect(await worker.runOnce()).toMatchObject({ failed: 1 });
    expect(await delivery()).toMatchObject({ state: 'failed', lastError: 'ticket tkt_6f1c no longer exists' });
  });

  it('claims at most a batch per run, oldest first', async () => {
    const hook = receiver();
    const { store, worker, number: newest } = await setup({ batch: 2 });
    // Added after the newest, and due at distinct times: "oldest first" has one answer.
    const { number: oldest } = await addTicket(store, 'tkt_2', new Date(t0.getTime() - 2000));
    const { number: older } = await addTicket(store, 'tkt_3', new Date(t0.getTime() - 1000));

    expect(await worker.runOnce()).toMatchObject({ claimed: 2, delivered: 2 });
    expect(hook.processed.sort()).toEqual([oldest, older].sort());
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(hook.processed.at(-1)).toBe(newest);
  });

  it('started, it delivers on its own; stop waits for the delivery in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hook = receiver(async () => {
      await gate;
      await delay(5);
      return new HttpResponse(null, { status: 204 });
    });
    const { worker, delivery } = await setup({ now: () => new Date() });
    worker.start(10);
    await expect.poll(() => hook.requests.length).toBe(1);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await delay(20);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await delivery())?.state).toBe('delivered');
  });

  it('wake runs a started worker right away instead of waiting for the interval', async () => {
    const hook = receiver();
    const { store, worker } = await setup({ now: () => new Date() });
    worker.start(60_000);
    await expect.poll(() => hook.requests.length).toBe(1);

    const { number } = await addTicket(store, 'tkt_9', new Date());
    worker.wake();
    await expect.poll(() => hook.processed).toContain(number);
    await worker.stop();
  });

  it('a hanging helpdesk does not hold up the confirmation e-mails of the tickets after it', async () => {
    const hung: string[] = [];
    let release: () => void = () => undefined;
    const answer = new Promise<DeliveryResult>((resolve) => (release = () => resolve({ ok: true })));
    const hanging: Forwarder = {
      name: 'webhook',
      sendsOwnConfirmation: false,
      // Answers nothing (until the test ends) and ignores the abort signal, like a helpdesk behind a black-holing firewall.
      deliver: (ticket) => (hung.push(ticket.number), answer),
    };
    const mailed: string[] = [];
    const confirmation: Forwarder = { name: 'confirmation-email', sendsOwnConfirmation: false, deliver: async (ticket) => (mailed.push(ticket.number), { ok: true }) };
    const { store, worker } = await setup({ forwarders: [hanging, confirmation], now: () => new Date() });
    worker.start(60_000);
    await expect.poll(() => hung.length).toBe(1);

    const { number } = await addTicket(store, 'tkt_after', new Date(), ['webhook', 'confirmation-email']);
    worker.wake();
    await expect.poll(() => mailed).toEqual([number]);
    expect(hung).toEqual(['BR-000001', number]);
    release();
    await worker.stop();
  });

  it('gives each forwarder its own time limit, and stops waiting for one that ignores it', async () => {
    const hanging: Forwarder = { name: 'webhook', sendsOwnConfirmation: false, timeoutMs: 20, deliver: () => new Promise(() => undefined) };
    const { worker, delivery, logs } = await setup({ forwarders: [hanging], timeoutMs: 3_600_000 });
    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(await delivery()).toMatchObject({ state: 'pending', lastError: 'webhook: no answer within 0.02 s' });
    expect(logs[0]).toMatchObject({ event: 'retry', error: 'webhook: no answer within 0.02 s' });
  });

  it('logs and stores errors without the read token, credentials or keys they quote', async () => {
    const token = '1i1F5coQJLMzbM--T1fWYNgTFLPdBQctYxRnkQmNkC8';
    const leaky: Forwarder = {
      name: 'webhook',
      sendsOwnConfirmation: false,
      deliver: async () => ({
        ok: false,
        retryable: true,
        error: `webhook: Invalid URL http://:::4321/pt-br/ticket/#BR-000001:${token}; tried https://hook:s3cr3tpass@hooks.example/in?token=abc123&x=1 with Authorization: Bearer ${token}`,
      }),
    };
    const { worker, delivery, logs } = await setup({ forwarders: [leaky] });
    await worker.runOnce();
    const stored = (await delivery())?.lastError ?? '';
    expect(stored).toBe(
      'webhook: Invalid URL http://:::4321/pt-br/ticket/#REDACTED; tried https://REDACTED@hooks.example/in?token=REDACTED&x=1 with Authorization: Bearer REDACTED',
    );
    expect(JSON.stringify(logs)).not.toMatch(new RegExp(`${token}|s3cr3tpass|abc123`));
  });

  it('an invalid URL thrown by a forwarder is a setting, not an outage: it gives up instead of retrying forever', async () => {
    const misconfigured: Forwarder = { name: 'webhook', sendsOwnConfirmation: false, deliver: async () => ({ ok: true, externalId: new URL('hooks.example/in').href }) };
    const { worker, delivery } = await setup({ forwarders: [misconfigured], giveUpAfter: 1 });
    expect(await worker.runOnce()).toMatchObject({ failed: 1 });
    expect(await delivery()).toMatchObject({ state: 'failed', lastError: 'webhook: Invalid URL' });
  });
});
