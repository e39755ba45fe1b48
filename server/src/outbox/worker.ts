/**
 * The outbox worker: hands committed tickets to the configured helpdesks, at least once. Each run
 * claims the due deliveries (a lease, so a second worker skips them), delivers them in parallel and
 * records the outcome. Failures are retried with exponential backoff and jitter, capped (30 s, 1 min,
 * 2 min… up to 1 h). Answers that will never succeed (bad credentials, a rejected request) give up
 * after `giveUpAfter` attempts; anything that may pass (timeouts, 429, 5xx, network) keeps being
 * retried at the cap, because a ticket must never be lost to an outage.
 */
import type { Delivery } from '../store/records.ts';
import type { DeliveryResult, Forwarder } from '../forwarders/forwarder.ts';
import type { OutboxStore } from './outbox-store.ts';

export interface BackoffOptions {
  /** Delay after the first failed attempt; doubles with each attempt. Default 30 s. */
  baseMs?: number;
  /** Longest delay between attempts. Default 1 h. */
  maxMs?: number;
  /** Fraction of the delay taken off at random, so many failed deliveries do not retry in step. Default 0.2. */
  jitter?: number;
  /** Random source in [0, 1); tests pin it. */
  random?: () => number;
}

export interface OutboxLogEntry {
  level: 'info' | 'warn' | 'error';
  event: 'delivered' | 'retry' | 'gave-up' | 'store-error' | 'run-error';
  deliveryId?: string;
  forwarder?: string;
  ticket?: string;
  attempt?: number;
  externalId?: string;
  error?: string;
  nextAttemptAt?: string;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  forwarders: readonly Forwarder[];
  /** Reads a stored attachment's bytes by its path. */
  readAttachment: (path: string) => Promise<Uint8Array>;
  /** HTTP client for the forwarders; the global fetch (looked up at call time) by default. */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where delivery outcomes go; one console line each by default. */
  log?: (entry: OutboxLogEntry) => void;
  /** Deliveries claimed per run. Default 10. */
  batch?: number;
  /** How long a claim keeps other runs away; longer than any delivery can take. Default 5 min. */
  leaseMs?: number;
  /** Time limit for one delivery (all its requests). Default 60 s. */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** Attempts before a non-retryable failure gives up (state 'failed'). Default 5. */
  giveUpAfter?: number;
}

export interface OutboxRunSummary {
  claimed: number;
  delivered: number;
  /** Failed this time, due again later. */
  retrying: number;
  /** Given up: state 'failed'. */
  failed: number;
}

export interface OutboxWorker {
  /** One pass over the due deliveries. */
  runOnce(): Promise<OutboxRunSummary>;
  /** Runs now and then every `intervalMs` (sooner while there is a backlog). */
  start(intervalMs?: number): void;
  /** Asks a started worker to run as soon as possible, e.g. right after a ticket is committed. */
  wake(): void;
  /** Stops the timer and waits for the run in flight. */
  stop(): Promise<void>;
}

/** Milliseconds to wait after the given (1-based) attempt failed: exponential, capped, jittered, at least any Retry-After. */
export function retryDelay(attempt: number, backoff: BackoffOptions = {}, retryAfterMs?: number): number {
  const { baseMs = 30_000, maxMs = 3_600_000, jitter = 0.2, random = Math.random } = backoff;
  const capped = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  const jittered = Math.round(capped * (1 - jitter * random()));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, maxMs));
}

function defaultLog(entry: OutboxLogEntry) {
  const { level, event, ...fields } = entry;
  const details = Object.entries(fields)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(' ');
  console[level](`[support-kit] outbox ${event} ${details}`);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, readAttachment } = options;
  const byName = new Map(options.forwarders.map((f) => [f.name, f]));
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? defaultLog;
  const batch = options.batch ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const giveUpAfter = options.giveUpAfter ?? 5;

  async function attempt(delivery: Delivery): Promise<'delivered' | 'retrying' | 'failed' | 'unsettled'> {
    const attemptNumber = Math.max(1, delivery.attempts);
    const base = { deliveryId: delivery.id, forwarder: delivery.forwarder, attempt: attemptNumber };
    const ticket = await store.ticketById(delivery.ticketId);
    if (!ticket) {
      // Purged by the retention policy (or never committed): nothing left to deliver.
      const error = `ticket ${delivery.ticketId} no longer exists`;
      await store.markFailed(delivery.id, error, null);
      log({ level: 'warn', event: 'gave-up', ...base, error });
      return 'failed';
    }

    let result: DeliveryResult;
    const forwarder = byName.get(delivery.forwarder);
    if (!forwarder) {
      // Configuration changed since the ticket was committed; keep it until the forwarder is back.
      result = { ok: false, retryable: true, error: `no forwarder named "${delivery.forwarder}" is configured` };
    } else {
      try {
        result = await forwarder.deliver(ticket, {
          deliveryId: delivery.id,
          readAttachment,
          fetch: fetchImpl,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        result = { ok: false, retryable: true, error: `${forwarder.name}: ${messageOf(error)}` };
      }
    }

    const entry = { ...base, ticket: ticket.number };
    try {
      if (result.ok) {
        await store.markDelivered(delivery.id, clock(), result.externalId);
        log({ level: 'info', event: 'delivered', ...entry, ...(result.externalId ? { externalId: result.externalId } : {}) });
        return 'delivered';
      }
      if (!result.retryable && attemptNumber >= giveUpAfter) {
        await store.markFailed(delivery.id, result.error, null);
        log({ level: 'error', event: 'gave-up', ...entry, error: result.error });
        return 'failed';
      }
      const next = new Date(clock().getTime() + retryDelay(attemptNumber, options.backoff, result.retryAfterMs));
      await store.markFailed(delivery.id, result.error, next);
      log({ level: 'warn', event: 'retry', ...entry, error: result.error, nextAttemptAt: next.toISOString() });
      return 'retrying';
    } catch (error) {
      // The outcome could not be recorded: the claim expires with its lease and the delivery runs
      // again with the same id, which receivers de-duplicate. At least once, never lost.
      log({ level: 'error', event: 'store-error', ...entry, error: messageOf(error) });
      return 'unsettled';
    }
  }

  const inFlight = new Set<Promise<unknown>>();

  function runOnce(): Promise<OutboxRunSummary> {
    const run = (async () => {
      const claimed = await store.claimDueDeliveries(clock(), batch, leaseMs);
      const outcomes = await Promise.all(
        claimed.map((delivery) =>
          attempt(delivery).catch((error: unknown) => {
            log({ level: 'error', event: 'store-error', deliveryId: delivery.id, forwarder: delivery.forwarder, error: messageOf(error) });
            return 'unsettled' as const;
          }),
        ),
      );
      const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
      return { claimed: claimed.length, delivered: count('delivered'), retrying: count('retrying'), failed: count('failed') };
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  let started = false;
  let interval = 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let wakeRequested = false;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
    // The timer alone must not keep the process alive (tests, a server shutting down).
    timer.unref();
  }

  async function tick() {
    timer = undefined;
    running = true;
    wakeRequested = false;
    let backlog = false;
    try {
      const summary = await runOnce();
      backlog = summary.claimed === batch;
    } catch (error) {
      log({ level: 'error', event: 'run-error', error: messageOf(error) });
    } finally {
      running = false;
    }
    if (started) schedule(backlog || wakeRequested ? 0 : interval);
  }

  return {
    runOnce,
    start(intervalMs = 5_000) {
      if (started) return;
      started = true;
      interval = intervalMs;
      schedule(0);
    },
    wake() {
      if (!started) return;
      if (running) wakeRequested = true;
      else schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
