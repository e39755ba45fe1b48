import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import { createDatabase, startPostgres, type PostgresServer } from './pg-test-cluster.ts';
import { migratePostgres, openPostgresStore, text } from './pg-store.ts';
import { describeStoreConformance, type StoreUnderTest } from './store-conformance.ts';
import { describeConsoleStoreConformance } from './console-conformance.ts';
import { describeCoordinationConformance } from './coordination-conformance.ts';
import { describeAfterSendConformance } from './after-send-conformance.ts';
import type { EventInput } from './store.ts';

// One throwaway cluster for this file (or PG_TEST_URL's server); each test gets its own database,
// copied from one migrated at the start, as the SQLite tests each get a new file.
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

async function postgresUnderTest(): Promise<StoreUnderTest> {
  const database = await createDatabase(server.url, 'support_kit_test', template);
  let store = await openPostgresStore(database.url, { poolSize: 4 });
  /** A second connection, as an operator's psql would open, for what the interface only writes. */
  const rows = async (sql: string, ...params: unknown[]) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    store,
    async reopen() {
      await store.end();
      store = await openPostgresStore(database.url, { poolSize: 4 });
      return store;
    },
    inspect: {
      async voteComment(articleId: string, lang: ContentLanguage, voterHash: string) {
        const [row] = await rows('SELECT comment FROM votes WHERE article_id = $1 AND lang = $2 AND voter_hash = $3', articleId, lang, voterHash);
        return row?.comment == null ? undefined : text(row.comment);
      },
      async events() {
        return (await rows('SELECT type, query, lang, article, session FROM events ORDER BY id')).map(
          (r): EventInput => ({
            type: text(r.type) as EventInput['type'],
            query: text(r.query),
            lang: text(r.lang) as ContentLanguage,
            ...(r.article == null ? {} : { article: text(r.article) }),
            ...(r.session == null ? {} : { session: text(r.session) }),
          }),
        );
      },
    },
    async cleanup() {
      await store.end();
      await database.drop();
    },
  };
}

describeStoreConformance('PostgreSQL', postgresUnderTest);
describeAfterSendConformance('PostgreSQL', postgresUnderTest);
describeConsoleStoreConformance('PostgreSQL', postgresUnderTest);
describeCoordinationConformance('PostgreSQL', async () => {
  const database = await createDatabase(server.url, 'support_kit_test', template);
  const opened: Awaited<ReturnType<typeof openPostgresStore>>[] = [];
  return {
    // Each open is another instance on the same database.
    async instance() {
      const store = await openPostgresStore(database.url, { poolSize: 4 });
      opened.push(store);
      return { store, crash: () => store.end() };
    },
    sharedAcrossInstances: true,
    async cleanup() {
      await Promise.all(opened.map((s) => s.end()));
      await database.drop();
    },
  };
});
