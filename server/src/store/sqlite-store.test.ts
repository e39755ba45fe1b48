import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import { postJson, testServer, ticket, type TestServer } from '../test-support.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { describeStoreConformance, newTicket, type StoreUnderTest } from './store-conformance.ts';
import { describeConsoleStoreConformance } from './console-conformance.ts';
import { describeCoordinationConformance } from './coordination-conformance.ts';
import { describeAfterSendConformance } from './after-send-conformance.ts';
import type { EventInput } from './store.ts';

/** A fresh SQLite store in a throw-away folder, with a read-only second connection for what the interface only writes. */
function sqliteUnderTest(): StoreUnderTest {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-store-'));
  const file = path.join(dir, 'support-kit.sqlite');
  let store = openSqliteStore(file);
  /** A second, read-only connection, as an operator's sqlite3 shell would open. */
  const rows = (sql: string, ...params: SQLInputValue[]) => {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return db.prepare(sql).all(...params);
    } finally {
      db.close();
    }
  };
  return {
    store,
    async reopen() {
      store.close();
      store = openSqliteStore(file);
      return store;
    },
    inspect: {
      async voteComment(articleId: string, lang: ContentLanguage, voterHash: string) {
        const [row] = rows('SELECT comment FROM votes WHERE article_id = ? AND lang = ? AND voter_hash = ?', articleId, lang, voterHash);
        return row?.comment == null ? undefined : String(row.comment);
      },
      async events() {
        return rows('SELECT type, query, lang, article, session FROM events ORDER BY id').map(
          (r): EventInput => ({
            type: String(r.type) as EventInput['type'],
            query: String(r.query),
            lang: String(r.lang) as ContentLanguage,
            ...(r.article == null ? {} : { article: String(r.article) }),
            ...(r.session == null ? {} : { session: String(r.session) }),
          }),
        );
      },
    },
    async cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreConformance('SQLite', sqliteUnderTest);
describeAfterSendConformance('SQLite', sqliteUnderTest);
describeConsoleStoreConformance('SQLite', sqliteUnderTest);
describeCoordinationConformance('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-store-'));
  const file = path.join(dir, 'support-kit.sqlite');
  const open = new Set<ReturnType<typeof openSqliteStore>>();
  return {
    // A crash leaves the file as it was; the next process to open it is the other instance.
    async instance() {
      const store = openSqliteStore(file);
      open.add(store);
      return {
        store,
        async crash() {
          open.delete(store);
          store.close();
        },
      };
    },
    sharedAcrossInstances: false,
    async cleanup() {
      for (const store of open) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('requests in flight (SQLite: in this process only)', () => {
  it('forgets claims whose lease ran out without a release, so memory stays bounded', async () => {
    const { store, cleanup } = sqliteUnderTest();
    try {
      const t0 = new Date('2026-11-26T10:00:00.000Z');
      for (let i = 0; i < 10_000; i++) await store.claimIdempotencyKey('https://a.example', `lost-${i}`, t0, 1000);
      const later = new Date(t0.getTime() + 1000);
      const token = await store.claimIdempotencyKey('https://a.example', 'new', later, 1000);
      expect(token).toEqual(expect.any(String));
      // Swept, not just outlived: even at the old time the key is free (a kept claim would be refused then).
      expect(await store.claimIdempotencyKey('https://a.example', 'lost-1', t0, 1000)).toEqual(expect.any(String));
      expect(await store.claimIdempotencyKey('https://a.example', 'new', later, 1000)).toBeUndefined();
      // Scope and key never run together: ("ab", "c") and ("a", "bc") are two keys.
      expect(await store.claimIdempotencyKey('ab', 'c', later, 1000)).toEqual(expect.any(String));
      expect(await store.claimIdempotencyKey('a', 'bc', later, 1000)).toEqual(expect.any(String));
    } finally {
      await cleanup();
    }
  });
});

describe('tickets that arrive together (SQLite: one shared transaction)', () => {
  it('writes them all, numbered in the order they came, and a failing one fails alone', async () => {
    const { store, cleanup } = sqliteUnderTest();
    try {
      const first = newTicket();
      await store.createTicket(first);
      const together = [
        newTicket(),
        newTicket({ id: first.id }), // the same id again: the primary key refuses it
        newTicket({
          respond: () => {
            throw new Error('the answer could not be built');
          },
        }),
        newTicket(),
      ];
      const results = await Promise.allSettled(together.map((t) => store.createTicket(t)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.ticket.number] : []));
      expect(numbers).toEqual(['BR-000002', 'BR-000003']);
      for (const t of [together[0]!, together[3]!]) expect(await store.idempotent(t.idempotency.scope, t.idempotency.key)).toMatchObject({ status: 201 });
      expect(await store.idempotent(together[2]!.idempotency.scope, together[2]!.idempotency.key)).toBeUndefined();
      expect(await store.stats()).toMatchObject({ tickets: 3 });
    } finally {
      await cleanup();
    }
  });

  it('writes a ticket handed over before the store closes', async () => {
    const { store, reopen, cleanup } = sqliteUnderTest();
    try {
      const input = newTicket();
      const created = store.createTicket(input);
      const reopened = await reopen!(); // closes the file, as a shutdown does
      await created;
      expect(await reopened.ticketById(input.id)).toMatchObject({ id: input.id });
    } finally {
      await cleanup();
    }
  });
});

// SQLite only: through the HTTP app, with the file closed and opened again as a restart would.
let server: TestServer;
afterEach(() => server?.cleanup());

describe('the outbox after a crash', () => {
  it('hands out a delivery claimed by a process that died as soon as the leases are released', async () => {
    server = testServer();
    await postJson(server.app, ticket());
    const now = new Date(Date.now() + 1000);
    const [claimed] = await server.store.claimDueDeliveries(now, 10, 5 * 60_000);
    expect(claimed?.forwarder).toBe('webhook');
    expect(await server.store.claimDueDeliveries(now, 10, 5 * 60_000)).toEqual([]); // leased: another worker skips it
    server = server.reopen(); // the process died holding the lease
    expect(await server.store.releaseLeases()).toBe(1);
    expect((await server.store.claimDueDeliveries(now, 10, 5 * 60_000)).map((d) => d.id)).toEqual([claimed?.id]);
  });

  it('never lets a late failure undo a delivery', async () => {
    server = testServer();
    await postJson(server.app, ticket());
    const [d] = await server.store.claimDueDeliveries(new Date(Date.now() + 1000), 10, 1000);
    await server.store.markDelivered(d!.id, new Date(), 'ext-1');
    await server.store.markFailed(d!.id, 'timeout from an earlier attempt', new Date());
    expect(await server.store.stats()).toMatchObject({ delivered: 1, pending: 0, failed: 0 });
  });
});
