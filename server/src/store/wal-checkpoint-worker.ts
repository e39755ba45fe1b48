/**
 * The thread behind `walCheckpointer` (wal-checkpointer.ts): its own connection to the store's file
 * copies the WAL's frames into the database every few milliseconds (PASSIVE: it never blocks the
 * writer), so the writing thread's own checkpoints, which it keeps, find almost nothing left to
 * copy and sync. It ends when told to, or after a spell with nothing committed.
 */
import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { RUN, type CheckpointWorkerData } from './wal-checkpointer.ts';

const { file, state, everyMs, idleMs } = workerData as CheckpointWorkerData;
let db: DatabaseSync | undefined;
try {
  db = new DatabaseSync(file);
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  // Changes whenever another connection has committed (the WAL's frame count does not: it starts
  // again from zero once all of it was copied).
  const dataVersion = db.prepare('PRAGMA data_version');
  let lastVersion = -1;
  let lastChange = Date.now();
  // Atomics.wait sleeps between checkpoints and wakes at once when the store closes.
  while (Atomics.wait(state, 0, RUN, everyMs) === 'timed-out') {
    checkpoint.get();
    const { data_version: version } = dataVersion.get() as { data_version: number };
    const now = Date.now();
    if (version !== lastVersion) [lastVersion, lastChange] = [version, now];
    else if (now - lastChange > idleMs) break;
  }
} finally {
  db?.close();
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 1);
}
