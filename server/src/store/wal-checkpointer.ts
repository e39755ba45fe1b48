/**
 * Checkpoints off the request thread while the store is busy.
 *
 * In WAL mode the connection that commits past 1,000 WAL pages copies them into the database and
 * syncs both files before its commit returns: under sustained load that stalled the event loop
 * several times a second (about a tenth of the server's time per ticket at saturation, and most
 * of its p99). A thread with its own connection now does that copying while write transactions
 * come in quickly; the writing connection keeps its automatic checkpoints, which then find almost
 * nothing left, and which remain the whole mechanism when the thread is not running.
 *
 * The thread costs about 19 MB of resident memory (a V8 isolate and node:sqlite), so it starts
 * only under load (`busyAt` write transactions within a second) and ends itself after `idleMs`
 * without a commit. An idle server never pays for it.
 */
import { Worker } from 'node:worker_threads';

/** What the thread is given; `state` is shared: [0] the command, [1] set to 1 once its connection is closed. */
export interface CheckpointWorkerData {
  file: string;
  state: Int32Array;
  everyMs: number;
  idleMs: number;
}
export const RUN = 0;
export const STOP = 1;

export interface WalCheckpointerOptions {
  /** Write transactions within one second that start the thread. */
  busyAt?: number;
  /** Pause between two checkpoints. */
  everyMs?: number;
  /** The thread ends after this long with no commit by another connection. */
  idleMs?: number;
}

export interface WalCheckpointer {
  /** Call after each committed write transaction: counts them, and starts the thread under load. Never throws. */
  committed(): void;
  /** Whether the thread is running (for tests and diagnostics). */
  readonly running: boolean;
  /**
   * Stops the thread and waits until its connection is closed, so that the store's own close is the
   * file's last and removes the WAL: the end of a checkpoint under way, or, for a thread still
   * starting, its module loading and its connection opening and closing (at most 5 s). Answers
   * false when the thread did not confirm in time (the WAL may then outlive the close).
   */
  stop(): boolean;
}

// server/build.ts compiles a module named this way and points the URL at its .js.
const workerUrl = new URL('./wal-checkpoint-worker.ts', import.meta.url);

export function walCheckpointer(file: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const { busyAt = 100, everyMs = 25, idleMs = 30_000 } = options;
  let worker: { thread: Worker; state: Int32Array } | undefined;
  let windowStart = 0;
  let inWindow = 0;
  /** No new attempt before this time: a thread that cannot be created (a process limit) is not retried per commit. */
  let notBefore = 0;

  function start(): void {
    const state = new Int32Array(new SharedArrayBuffer(8));
    const data: CheckpointWorkerData = { file, state, everyMs, idleMs };
    let thread: Worker;
    try {
      thread = new Worker(workerUrl, { workerData: data });
    } catch {
      notBefore = Date.now() + 60_000;
      return;
    }
    const current = { thread, state };
    worker = current;
    // A thread that failed to start or died leaves the connection's own checkpoints doing the work.
    const gone = () => {
      if (worker === current) worker = undefined;
    };
    thread.once('exit', gone);
    thread.once('error', gone);
    thread.unref();
  }

  return {
    committed() {
      if (worker) return;
      const now = Date.now();
      if (now - windowStart >= 1000) [windowStart, inWindow] = [now, 0];
      if (++inWindow >= busyAt && now >= notBefore) start();
    },
    get running() {
      return worker !== undefined;
    },
    stop() {
      if (!worker) return true;
      const { state } = worker;
      worker = undefined;
      Atomics.store(state, 0, STOP);
      Atomics.notify(state, 0);
      // The thread sets [1] once its connection is closed, also when it ended on its own; a thread
      // that failed to load never sets it, hence the bound.
      return Atomics.wait(state, 1, 0, 5000) !== 'timed-out';
    },
  };
}
