/**
 * The store the server opens, for the command-line tools that work on the same data (`npm run staff`,
 * `npm run demo:data`): PostgreSQL when DATABASE_URL is set (migrated first, as the server does),
 * else the SQLite file in DATA_DIR. `where` names it in messages, never with the database password.
 */
import path from 'node:path';
import type { Store } from './store.ts';

export interface OpenedStore {
  store: Store;
  where: string;
  end(): Promise<void>;
}

export async function openServerStore(env: Record<string, string | undefined> = process.env): Promise<OpenedStore> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const { openPostgresStore } = await import('./pg-store.ts');
    const where = `the database in DATABASE_URL (${url.replace(/\/\/[^@/]*@/, '//')})`;
    const store = await openPostgresStore(url, { poolSize: 1, log: () => {} }).catch((error: unknown) => {
      throw new Error(`${(error as Error).message} (${where})`);
    });
    return { store, where, end: () => store.end() };
  }
  const { openSqliteStore } = await import('./sqlite-store.ts');
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const store = openSqliteStore(path.join(dataDir, 'support-kit.sqlite'));
  return { store, where: `the database in DATA_DIR=${dataDir}`, end: () => Promise.resolve(store.close()) };
}
