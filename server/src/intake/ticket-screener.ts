/**
 * Screens tickets (ticket-screening.ts: the contract, then redaction) on a thread of its own while
 * tickets pour in, on the request's thread otherwise.
 *
 * At saturation the screening was about a fifth of the request thread's time, and it ran slower
 * there than in a loop: each request walks zod's schemas, core's validators and some forty regular
 * expressions after HTTP, Hono and SQLite have evicted them from the CPU's caches. On a thread of
 * its own it stays warm, and the request thread is free for the rest: +19 to +37% tickets a second
 * on 2 cores, same run. The thread costs 20-28 MB while it runs, so it starts only under load
 * (`busyAt` tickets within a second) and ends after `idleMs` without one. Any failure of the thread
 * sends its tickets back to the request's thread: the answer never depends on where it ran.
 */
import { Worker } from 'node:worker_threads';
import { screenTicket, type Screened, type ScreeningInput } from './ticket-screening.ts';

export interface TicketScreenerOptions {
  /** Tickets within one second that start the thread. */
  busyAt?: number;
  /** The thread ends after this long without a ticket. */
  idleMs?: number;
}

export interface TicketScreener {
  screen(input: ScreeningInput): Promise<Screened>;
  /** Whether tickets go to the thread now (it runs and has loaded what it runs). */
  readonly threaded: boolean;
  /** Tickets the thread answered, and those it handed back (it failed or stopped): for tests and diagnostics. */
  readonly counts: { readonly onThread: number; readonly handedBack: number };
  /** Ends the thread; tickets it had are screened here. */
  stop(): Promise<void>;
}

// server/build.ts compiles a module named this way and points the URL at its .js.
const workerUrl = new URL('./ticket-screening-worker.ts', import.meta.url);

type Pending = { input: ScreeningInput; resolve: (result: Screened) => void; reject: (error: unknown) => void };

export function ticketScreener(options: TicketScreenerOptions = {}): TicketScreener {
  const { busyAt = 100, idleMs = 30_000 } = options;
  /** `ready` once the thread has loaded what it runs: until then tickets are screened here, not queued. */
  let thread: { worker: Worker; pending: Map<number, Pending>; ready: boolean } | undefined;
  let nextId = 0;
  let windowStart = 0;
  let inWindow = 0;
  let lastUse = 0;
  /** No new thread before this time: one that cannot be created (a process limit) is not retried per ticket. */
  let notBefore = 0;
  const counts = { onThread: 0, handedBack: 0 };

  /** Screens here what the thread had, once it is gone (stopped, crashed or failed to start). */
  function takeBack(pending: Map<number, Pending>): void {
    for (const { input, resolve, reject } of pending.values()) {
      counts.handedBack++;
      screenTicket(input).then(resolve, reject);
    }
    pending.clear();
  }

  function start(): void {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl);
    } catch {
      notBefore = Date.now() + 60_000;
      return;
    }
    const current = { worker, pending: new Map<number, Pending>(), ready: false };
    thread = current;
    worker.on('message', ({ id, result, failed, ready }: { id: number; result?: Screened; failed?: true; ready?: true }) => {
      if (ready) return void (current.ready = true);
      const job = current.pending.get(id);
      if (!job) return;
      current.pending.delete(id);
      if (current.pending.size === 0) worker.unref();
      if (failed) {
        counts.handedBack++;
        screenTicket(job.input).then(job.resolve, job.reject);
      } else {
        counts.onThread++;
        job.resolve(result!);
      }
    });
    const gone = () => {
      if (thread === current) thread = undefined;
      takeBack(current.pending);
    };
    worker.once('error', gone);
    worker.once('exit', gone);
    // Idle, the thread keeps no process alive; with a ticket on it, it does (as a socket would), or a
    // process whose only work is that ticket (a script, a test calling the app in memory) would end.
    worker.unref();
    // Ends the thread once it has had nothing to do for idleMs; checked at that pace, not per ticket.
    const idleCheck = () => {
      if (thread !== current) return;
      const quiet = Date.now() - lastUse;
      if (quiet < idleMs) setTimeout(idleCheck, idleMs - quiet).unref();
      else if (current.pending.size > 0) setTimeout(idleCheck, idleMs).unref(); // a ticket still on it: look again later
      else void stopThread(current);
    };
    setTimeout(idleCheck, idleMs).unref();
  }

  /** Its 'exit' (before terminate's promise settles) hands back what it held. */
  async function stopThread(current: NonNullable<typeof thread>): Promise<void> {
    if (thread === current) thread = undefined;
    await current.worker.terminate();
  }

  return {
    screen(input) {
      const now = Date.now();
      lastUse = now;
      if (!thread?.ready) {
        if (!thread) {
          if (now - windowStart >= 1000) [windowStart, inWindow] = [now, 0];
          if (++inWindow >= busyAt && now >= notBefore) start();
        }
        return screenTicket(input);
      }
      const { worker, pending } = thread;
      return new Promise((resolve, reject) => {
        const id = nextId++;
        try {
          worker.postMessage({ id, input });
        } catch {
          screenTicket(input).then(resolve, reject);
          return;
        }
        if (pending.size === 0) worker.ref();
        pending.set(id, { input, resolve, reject });
      });
    },
    get threaded() {
      return thread?.ready ?? false;
    },
    counts,
    async stop() {
      if (thread) await stopThread(thread);
    },
  };
}
