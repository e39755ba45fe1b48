import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../store/pg-store.ts';
import { createDatabase, startPostgres } from '../store/pg-test-cluster.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { verifyPassword } from './auth/password.ts';
import { runStaffCommand } from './staff-cli.ts';

let dir = '';
let store: Store;
afterEach(() => {
  // Only a test that made a folder opened a SQLite store in it.
  if (!dir) return;
  store?.close();
  rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function open() {
  dir = mkdtempSync(path.join(tmpdir(), 'support-kit-staff-'));
  store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
  const out: string[] = [];
  const err: string[] = [];
  const run = (args: string[], password = 'a long enough password') =>
    runStaffCommand(args, { store, readPassword: async () => password, out: (l) => out.push(l), err: (l) => err.push(l), cost: { logN: 4, r: 1, p: 1 }, now: () => new Date('2026-11-25T12:00:00.000Z') });
  return { run, out, err };
}

describe('npm run staff', () => {
  it('adds an account with a scrypt hash of the password, lists it, resets its password and removes it, each in the audit log', async () => {
    const { run, out } = open();
    expect(await run(['add', 'Ana@Nuvolo.example', '--role', 'agent'])).toBe(0);
    const account = await store.staffByEmail('ana@nuvolo.example');
    expect(account).toMatchObject({ email: 'ana@nuvolo.example', role: 'agent' });
    expect(account?.passwordHash).toMatch(/^scrypt\$4\$1\$1\$/);
    expect(await verifyPassword('a long enough password', account?.passwordHash ?? '')).toBe(true);

    expect(await run(['list'])).toBe(0);
    expect(out.at(-1)).toBe('ana@nuvolo.example\tagent\tlast sign-in never\t0 open sessions');

    await store.createSession({ id: 's1', staffId: account?.id ?? '', createdAt: '2026-11-25T12:00:00.000Z', lastSeenAt: '2026-11-25T12:00:00.000Z' });
    expect(await run(['reset', 'ana@nuvolo.example'], 'another long password')).toBe(0);
    expect(await verifyPassword('another long password', (await store.staffByEmail('ana@nuvolo.example'))?.passwordHash ?? '')).toBe(true);
    expect(await store.session('s1')).toBeUndefined();

    expect(await run(['remove', 'ana@nuvolo.example'])).toBe(0);
    expect(await store.countStaff()).toBe(0);
    expect((await store.auditEntries(10)).map((e) => [e.actor, e.action, e.target])).toEqual([
      ['cli', 'staff-removed', 'ana@nuvolo.example'],
      ['cli', 'password-reset', 'ana@nuvolo.example'],
      ['cli', 'staff-added', 'ana@nuvolo.example'],
    ]);
  });

  it('refuses a short password, an unknown role, a second account for one e-mail and an account that does not exist, saying why', async () => {
    const { run, err } = open();
    expect(await run(['add', 'ana@nuvolo.example', '--role', 'agent'], 'short')).toBe(1);
    expect(err.at(-1)).toMatch(/at least 12 characters \(found 5\)/);
    expect(await run(['add', 'ana@nuvolo.example', '--role', 'admin'])).toBe(2);
    expect(err.at(-1)).toMatch(/--role must be editor .* or agent .*found "admin"/);
    expect(await run(['add', 'not-an-email', '--role', 'agent'])).toBe(2);
    expect(await run(['add', 'ana@nuvolo.example', '--role', 'editor'])).toBe(0);
    expect(await run(['add', 'ana@nuvolo.example', '--role', 'agent'])).toBe(1);
    expect(err.at(-1)).toMatch(/already has an account \(editor\)/);
    expect(await run(['reset', 'bia@nuvolo.example'])).toBe(1);
    expect(await run(['remove', 'bia@nuvolo.example'])).toBe(1);
    expect(await run(['frobnicate'])).toBe(2);
    expect(await store.countStaff()).toBe(1);
  });

  it('reads the password piped on standard input, as a script would give it', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'support-kit-staff-'));
    const node = path.resolve('node_modules/.bin/node');
    const cli = path.resolve('server/src/console/staff-cli.ts');
    const env = { ...process.env, DATA_DIR: dir };
    const added = spawnSync(node, [cli, 'add', 'ana@nuvolo.example', '--role', 'editor'], { env, input: 'piped password 123\n', encoding: 'utf8' });
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('Added ana@nuvolo.example (editor). Sign in at /console/.\n');
    expect(execFileSync(node, [cli, 'list'], { env, encoding: 'utf8' })).toMatch(/^ana@nuvolo\.example\teditor\t/);
    store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
    return store.staffByEmail('ana@nuvolo.example').then(async (account) => {
      // The real cost: N = 2^17.
      expect(account?.passwordHash).toMatch(/^scrypt\$17\$8\$1\$/);
      expect(await verifyPassword('piped password 123', account?.passwordHash ?? '')).toBe(true);
    });
  });

  it('manages the accounts of a PostgreSQL deployment when DATABASE_URL is set, as every instance reads them', async () => {
    const server = await startPostgres();
    const database = await createDatabase(server.url);
    try {
      const node = path.resolve('node_modules/.bin/node');
      const cli = path.resolve('server/src/console/staff-cli.ts');
      // DATA_DIR points nowhere useful: the accounts must land in PostgreSQL, not in a SQLite file.
      const env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: path.join(tmpdir(), 'support-kit-no-such-dir') };
      const added = spawnSync(node, [cli, 'add', 'bia@nuvolo.example', '--role', 'agent'], { env, input: 'piped password 456\n', encoding: 'utf8' });
      expect(added.stderr).toBe('');
      expect(added.stdout).toBe('Added bia@nuvolo.example (agent). Sign in at /console/.\n');
      expect(execFileSync(node, [cli, 'list'], { env, encoding: 'utf8' })).toMatch(/^bia@nuvolo\.example\tagent\t/);
      const pgStore = await openPostgresStore(database.url, { poolSize: 1, log: () => {} });
      try {
        expect(await verifyPassword('piped password 456', (await pgStore.staffByEmail('bia@nuvolo.example'))?.passwordHash ?? '')).toBe(true);
      } finally {
        await pgStore.end();
      }
      // A database that cannot be reached: one line naming DATABASE_URL, never its password.
      const refused = spawnSync(node, [cli, 'list'], { env: { ...env, DATABASE_URL: 'postgres://staff:s3cret-pw@127.0.0.1:1/none' }, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('DATABASE_URL');
      expect(refused.stderr).not.toContain('s3cret-pw');
    } finally {
      await database.drop();
      await server.stop();
    }
  }, 60_000);
});
