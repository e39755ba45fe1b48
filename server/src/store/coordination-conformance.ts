/**
 * What instances coordinate through the store (issue 15), as Vitest tests against the interface:
 * requests in flight by idempotency key, outbox leases of processes that died, the daily salt of
 * client hashes. Every store runs it (sqlite-store.test.ts, pg-store.test.ts). SQLite has one process
 * per file, so its "other instance" is the next process to open it; PostgreSQL also runs the tests
 * of instances that run at the same time. Dates are fixed and passed in: nothing waits for a clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTicket } from './store-conformance.ts';
import type { Store } from './store.ts';

export interface RunningInstance {
  store: Store;
  /** The process dies: its store is gone without a word to anyone. */
  crash(): Promise<void>;
}

export interface CoordinationUnderTest {
  /** Opens the same data as one more process. */
  instance(): Promise<RunningInstance>;
  /** True when several processes may use the data at once (PostgreSQL): the tests of live instances run too. */
  sharedAcrossInstances: boolean;
  /** Closes whatever is still open and deletes the data. */
  cleanup(): Promise<void>;
}

const t0 = new Date('2026-11-23T12:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const minutes = (n: number) => n * 60_000;
const scope = 'https://www.nuvolo.example';

export function describeCoordinationConformance(name: string, open: () => Promise<CoordinationUnderTest>): void {
  describe(`${name} store: what instances share`, () => {
    let subject: CoordinationUnderTest;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('requests in flight', () => {
      it('lets one request hold a key until it releases it; the same key meanwhile is refused, another key is not', async () => {
        const { store } = await subject.instance();
        const token = await store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10));
        expect(token).toEqual(expect.any(String));

        expect(await store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10))).toBeUndefined();
        expect(await store.claimIdempotencyKey(scope, 'key-2', t0, minutes(10))).toEqual(expect.any(String));
        expect(await store.claimIdempotencyKey('https://another.example', 'key-1', t0, minutes(10))).toEqual(expect.any(String));

        await store.releaseIdempotencyKey(scope, 'key-1', token!);
        expect(await store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10))).toEqual(expect.any(String));
      });

      it('hands a key on when its lease runs out, and the late release of the first holder does not free it', async () => {
        const { store } = await subject.instance();
        const first = await store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10));
        expect(await store.claimIdempotencyKey(scope, 'key-1', at(minutes(10) - 1), minutes(10))).toBeUndefined();

        const second = await store.claimIdempotencyKey(scope, 'key-1', at(minutes(10)), minutes(10));
        expect(second).toEqual(expect.any(String));
        await store.releaseIdempotencyKey(scope, 'key-1', first!);
        expect(await store.claimIdempotencyKey(scope, 'key-1', at(minutes(11)), minutes(10))).toBeUndefined();
      });

      it('takes over at once a key held by a process that died, long before its lease would run out', async () => {
        const dead = await subject.instance();
        expect(await dead.store.claimIdempotencyKey(scope, 'key-1', t0, minutes(60))).toEqual(expect.any(String));
        await dead.crash();

        const { store } = await subject.instance();
        expect(await store.claimIdempotencyKey(scope, 'key-1', at(1), minutes(10))).toEqual(expect.any(String));
      });

      it('refuses a key another live instance holds, until that instance releases it', async ({ skip }) => {
        if (!subject.sharedAcrossInstances) return skip('one process at a time uses these data');
        const a = await subject.instance();
        const b = await subject.instance();
        const token = await a.store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10));

        expect(await b.store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10))).toBeUndefined();
        await a.store.releaseIdempotencyKey(scope, 'key-1', token!);
        expect(await b.store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10))).toEqual(expect.any(String));
      });

      it('gives a key to exactly one of several instances claiming it at the same moment', async ({ skip }) => {
        if (!subject.sharedAcrossInstances) return skip('one process at a time uses these data');
        const instances = await Promise.all([subject.instance(), subject.instance(), subject.instance()]);
        const tokens = await Promise.all(instances.flatMap(({ store }) => [1, 2].map(() => store.claimIdempotencyKey(scope, 'key-1', t0, minutes(10)))));
        expect(tokens.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('outbox leases', () => {
      it('frees the deliveries a dead process had claimed, and only those, at once', async () => {
        const dead = await subject.instance();
        for (const ms of [-3000, -2000]) await dead.store.createTicket(newTicket({ createdAt: at(ms).toISOString() }));
        expect(await dead.store.claimDueDeliveries(t0, 10, minutes(60))).toHaveLength(2);
        await dead.crash();

        const { store } = await subject.instance();
        await store.createTicket(newTicket({ createdAt: at(-1000).toISOString() }));
        const [mine] = await store.claimDueDeliveries(t0, 10, minutes(60));
        expect(mine).toBeDefined();

        expect(await store.releaseDeadLeases()).toBe(2);
        expect(await store.releaseDeadLeases()).toBe(0);
        // The dead process's two are due again (long before their hour-long lease ends); this process's own stays claimed.
        const again = await store.claimDueDeliveries(t0, 10, minutes(5));
        expect(again).toHaveLength(2);
        expect(again.map((d) => d.id)).not.toContain(mine?.id);
      });

      it('leaves the deliveries another live instance claimed alone', async ({ skip }) => {
        if (!subject.sharedAcrossInstances) return skip('one process at a time uses these data');
        const a = await subject.instance();
        const b = await subject.instance();
        await a.store.createTicket(newTicket({ createdAt: at(-1000).toISOString() }));
        expect(await a.store.claimDueDeliveries(t0, 10, minutes(60))).toHaveLength(1);

        expect(await b.store.releaseDeadLeases()).toBe(0);
        expect(await b.store.claimDueDeliveries(t0, 10, minutes(5))).toEqual([]);
        await a.crash();
        expect(await b.store.releaseDeadLeases()).toBe(1);
        expect(await b.store.claimDueDeliveries(t0, 10, minutes(5))).toHaveLength(1);
      });
    });

    describe('polling a helpdesk', () => {
      /** Tickets delivered to WHMCS, each with its tid: what the poller asks about. */
      async function deliveredTickets(store: Store, count: number): Promise<string[]> {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const input = newTicket({ forwarders: ['whmcs'], createdAt: at(-1000).toISOString() });
          await store.createTicket(input);
          ids.push(input.id);
        }
        for (const delivery of await store.claimDueDeliveries(t0, 50, minutes(5))) await store.markDelivered(delivery.id, t0, `tid-${delivery.ticketId}`);
        return ids;
      }

      it('takes over at once the polls a dead process had claimed', async () => {
        const dead = await subject.instance();
        await deliveredTickets(dead.store, 2);
        expect(await dead.store.claimTicketsToPoll('whmcs', t0, 10, minutes(60))).toHaveLength(2);
        await dead.crash();

        const { store } = await subject.instance();
        expect(await store.claimTicketsToPoll('whmcs', at(1000), 10, minutes(5))).toHaveLength(2);
      });

      it('polls each open ticket from one of several instances claiming at the same moment', async ({ skip }) => {
        if (!subject.sharedAcrossInstances) return skip('one process at a time uses these data');
        const instances = await Promise.all([subject.instance(), subject.instance(), subject.instance()]);
        const ids = await deliveredTickets(instances[0].store, 6);
        const claims = (await Promise.all(instances.map(({ store }) => store.claimTicketsToPoll('whmcs', at(1000), 4, minutes(5))))).flat();
        expect(claims.map((c) => c.ticketId).sort()).toEqual([...ids].sort());
      });
    });

    describe('the salt of client hashes', () => {
      it('keeps the first salt given for a day, a new one for each day, and forgets the days before the eve', async () => {
        const { store } = await subject.instance();
        expect(await store.clientSalt('2026-11-23', 'salt-a')).toBe('salt-a');
        expect(await store.clientSalt('2026-11-23', 'salt-b')).toBe('salt-a');
        expect(await store.clientSalt('2026-11-24', 'salt-c')).toBe('salt-c');
        // Asking for the 25th forgets the 23rd (the eve, the 24th, stays): a new salt if it is asked for again.
        expect(await store.clientSalt('2026-11-25', 'salt-d')).toBe('salt-d');
        expect(await store.clientSalt('2026-11-24', 'salt-e')).toBe('salt-c');
        expect(await store.clientSalt('2026-11-23', 'salt-f')).toBe('salt-f');
      });

      it('gives every live instance the same salt for a day, whichever asks first', async ({ skip }) => {
        if (!subject.sharedAcrossInstances) return skip('one process at a time uses these data');
        const instances = await Promise.all([subject.instance(), subject.instance(), subject.instance()]);
        const salts = await Promise.all(instances.map(({ store }, i) => store.clientSalt('2026-11-23', `salt-${i}`)));
        expect(new Set(salts).size).toBe(1);
      });
    });
  });
}
