/**
 * The checkpoint thread: it starts only under load, copies the WAL into the database while the
 * writer never checkpoints itself, ends after a quiet spell, and is gone before the store's file
 * closes, so that the close still removes the WAL.
 */
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { walCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { newTicket } from './store-conformance.ts';

const dirs: string[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database whose own connection never checkpoints: any page in the main file came from the thread. */
function walDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const db = new DatabaseSync(file);
  // No sync per commit: twenty commits stay well within the second that counts them, even on a slow disk.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT);');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  stops.push(() => db.isOpen && db.close());
  return {
    file,
    db,
    write: (checkpointer: WalCheckpointer) => (insert.run('x'.repeat(2000)), checkpointer.committed()),
  };
}

const until = (condition: () => boolean) => vi.waitUntil(condition, { timeout: 5000, interval: 10 });

describe('walCheckpointer', () => {
  it('does not start for a trickle of writes, and starts once they come in quickly', () => {
    const { file, write } = walDatabase();
    const checkpointer = walCheckpointer(file, { busyAt: 20 });
    stops.push(() => checkpointer.stop());
    for (let i = 0; i < 19; i++) write(checkpointer);
    expect(checkpointer.running).toBe(false);
    write(checkpointer);
    expect(checkpointer.running).toBe(true);
  });

  it('copies the WAL into the database file while the writer never checkpoints', async () => {
    const { file, db } = walDatabase();
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000));
    expect(statSync(file).size).toBe(before); // all of it still in the WAL
    const checkpointer = walCheckpointer(file, { busyAt: 1, everyMs: 5 });
    stops.push(() => checkpointer.stop());
    checkpointer.committed();
    await until(() => statSync(file).size > 200 * 2000);
  });

  it('ends after a quiet spell, and starts again with the next burst', async () => {
    const { file, write } = walDatabase();
    const checkpointer = walCheckpointer(file, {
      busyAt: 1,
      everyMs: 5,
      idleMs: 100,
    });
    stops.push(() => checkpointer.stop());
    write(checkpointer);
    expect(checkpointer.running).toBe(true);
    await until(() => !checkpointer.running);
    write(checkpointer);
    expect(checkpointer.running).toBe(true);
  });

  it('keeps running while commits go on for longer than its quiet spell', async () => {
    const { file, write } = walDatabase();
    const checkpointer = walCheckpointer(file, { busyAt: 1, everyMs: 5, idleMs: 100 });
    stops.push(() => checkpointer.stop());
    write(checkpointer);
    for (let i = 0; i < 40; i++) {
      await sleep(10);
      write(checkpointer); // the same size each time: the WAL's frame count alone would look idle
      expect(checkpointer.running).toBe(true);
    }
  });

  it('has closed its connection when stop returns, so the last close removes the WAL', async () => {
    const { file, db, write } = walDatabase();
    const checkpointer = walCheckpointer(file, { busyAt: 1, everyMs: 5 });
    for (let i = 0; i < 50; i++) write(checkpointer);
    await until(() => statSync(file).size > 50 * 2000); // running, its connection open
    expect(checkpointer.stop()).toBe(true);
    expect(checkpointer.running).toBe(false);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('the SQLite store under load', () => {
  // Linux: counts the file's descriptors in /proc.
  it.skipIf(!existsSync('/proc/self/fd'))('writes a burst of tickets with the thread running, and its close still removes the WAL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'support-kit.sqlite');
    const store = openSqliteStore(file);
    // Connections to the file in this process: the store's, then the thread's too.
    const connections = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    expect(connections()).toBe(1);
    // One at a time, each its own transaction, until the thread has its connection open (100 within
    // a second start it; a slow machine just takes more).
    let written = 0;
    for (const end = Date.now() + 10_000; connections() < 2; written++) {
      if (Date.now() > end) throw new Error('the thread never opened its connection');
      await store.createTicket(newTicket());
    }
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openSqliteStore(file);
    expect((await reopened.stats()).tickets).toBe(written);
    reopened.close();
  });
});
