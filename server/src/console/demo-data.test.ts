/**
 * `npm run demo:data` as a newcomer runs it, on both stores: the SQLite file in DATA_DIR, and the
 * PostgreSQL database in DATABASE_URL (a real server the test starts), never into one that holds tickets.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../store/pg-store.ts';
import { createDatabase, startPostgres } from '../store/pg-test-cluster.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';

const node = path.resolve('node_modules/.bin/node');
const cli = path.resolve('server/src/console/demo-data.ts');
const run = (env: Record<string, string>) => spawnSync(node, [cli, '--weeks', '1', '--per-day', '6'], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('npm run demo:data', () => {
  it('fills an empty SQLite data folder, and refuses one that holds tickets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-demo-'));
    try {
      const first = run({ DATA_DIR: dir });
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/widget sessions, .* events, .* tickets/);
      const store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
      const stats = await store.stats();
      store.close();
      expect(stats.tickets).toBeGreaterThan(0);
      const again = run({ DATA_DIR: dir });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already holds');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fills the PostgreSQL database in DATABASE_URL, which every instance reads, and not a SQLite file', async () => {
    const server = await startPostgres();
    const database = await createDatabase(server.url);
    const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-demo-'));
    try {
      const done = run({ DATABASE_URL: database.url, DATA_DIR: dir });
      expect(done.status, done.stderr).toBe(0);
      expect(done.stdout).toContain('the database in DATABASE_URL');
      const store = await openPostgresStore(database.url, { poolSize: 1, log: () => {} });
      try {
        const stats = await store.stats();
        expect(stats.tickets).toBeGreaterThan(0);
      } finally {
        await store.end();
      }
      expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).not.toContain('support-kit.sqlite');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
      await server.stop();
    }
  }, 120_000);
});
