/**
 * Two instances of the app on one PostgreSQL database, through `app.request()`: what a client sees
 * when a load balancer sends its requests to either. The process-level version, with SIGKILLs, is
 * multi-instance.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { postgresHitCounter, storeSalts } from './intake/client.ts';
import { createDatabase, startPostgres, type PostgresServer } from './store/pg-test-cluster.ts';
import { migratePostgres, openPostgresStore, type PostgresStore } from './store/pg-store.ts';
import type { Store } from './store/store.ts';
import { allowedOrigin, fromAddress, ticket } from './test-support.ts';

let server: PostgresServer;
let template: string;
beforeAll(async () => {
  server = await startPostgres();
  const migrated = await createDatabase(server.url, 'support_kit_template');
  await migratePostgres(migrated.url, () => {});
  template = migrated.name;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** `count` instances on one new database, as main.ts builds them on PostgreSQL; `wrap` swaps store methods (a broken claim). */
async function instances(count: number, env: Record<string, string> = {}, wrap: (store: PostgresStore) => Store = (store) => store) {
  const database = await createDatabase(server.url, 'support_kit_test', template);
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-instances-'));
  const config = loadConfig({ DATA_DIR: dir, CONTENT_DIR: 'content', SITE_DIR: 'site/dist', MIN_FILL_SECONDS: '0', RATE_LIMIT: '1000', ...env });
  const stores: PostgresStore[] = [];
  const salts: { stop(): void }[] = [];
  const apps = [];
  for (let i = 0; i < count; i++) {
    const store = await openPostgresStore(database.url, { poolSize: 4 });
    const clientSalts = await storeSalts(store);
    stores.push(store);
    salts.push(clientSalts);
    apps.push(createApp({
      config, store: wrap(store), forwarders: ['webhook'], ticketSecret: Buffer.from('test-secret-test-secret-test-sec'), articles: undefined,
      clientSalts, sharedCounter: postgresHitCounter(store.pool), passwordCost: { logN: 4, r: 1, p: 1 },
    }));
  }
  cleanups.push(async () => {
    for (const s of salts) s.stop();
    await Promise.all(stores.map((s) => s.end()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { apps, store: stores[0]! };
}

const post = (app: ReturnType<typeof createApp>, body: unknown, key: string, address = '203.0.113.9') =>
  app.request('/api/tickets', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: allowedOrigin, 'Idempotency-Key': key },
    body: JSON.stringify(body),
  }, fromAddress(address));

describe('two instances behind a load balancer', () => {
  it('make one ticket of a key both receive at the same moment, and give both callers its answer', async () => {
    const { apps: [a, b], store } = await instances(2);
    const body = ticket({ subject: 'O site caiu depois da migração' });
    const key = 'same-key-at-the-same-moment';

    // Each instance retries while the other holds the key (409), as the widget does.
    const until201 = async (app: typeof a) => {
      for (;;) {
        const response = await post(app!, body, key);
        if (response.status !== 409) return { status: response.status, body: await response.text() };
      }
    };
    const [first, second] = await Promise.all([until201(a), until201(b)]);

    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect((await store.stats()).tickets).toBe(1);
  });

  it('still make one ticket when a claim failed to keep the other instance out: the unique key refuses the second, which answers with the first', async () => {
    // Claims that never refuse: both instances work on the key at once, as after a lapsed lease.
    const { apps: [a, b], store } = await instances(2, {}, (pg) => ({ ...pg, claimIdempotencyKey: async () => 'no claim at all' }));
    const body = ticket({ subject: 'Cobrança em dobro no cartão' });
    // One request per instance: within an instance its own in-memory guard would answer 409.
    const answers = await Promise.all([a, b].map(async (app) => {
      const response = await post(app!, body, 'a-key-nobody-claimed');
      return { status: response.status, body: await response.text() };
    }));

    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect((await store.stats()).tickets).toBe(1);
  });

  it('count a client once against the ticket limit, whichever instance its tickets reach', async () => {
    const { apps: [a, b] } = await instances(2, { RATE_LIMIT: '3' });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? b! : a!, ticket({ subject: `Chamado número ${i} do mesmo cliente` }), `limited-${i}`)).status);

    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    // Another client is not limited by it.
    expect((await post(b!, ticket(), 'another-client', '198.51.100.20')).status).toBe(201);
  });

  it('count a client once against the vote limit, and votes and events apart', async () => {
    const { apps: [a, b] } = await instances(2, { VOTE_LIMIT: '2', EVENT_LIMIT: '2' });
    const vote = (app: typeof a, voterId: string) =>
      app!.request('/api/votes', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin },
        body: JSON.stringify({ articleId: 'reset-password', lang: 'pt-BR', helpful: true, voterId }),
      }, fromAddress('203.0.113.9'));
    const event = (app: typeof a) =>
      app!.request('/api/events', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin },
        body: JSON.stringify({ type: 'search-miss', query: 'dkim seletor', lang: 'pt-BR' }),
      }, fromAddress('203.0.113.9'));

    expect([(await vote(a, 'voter-aaaa')).status, (await vote(b, 'voter-bbbb')).status, (await vote(a, 'voter-cccc')).status]).toEqual([204, 204, 429]);
    expect([(await event(b)).status, (await event(a)).status, (await event(b)).status]).toEqual([204, 204, 429]);
  });
});
