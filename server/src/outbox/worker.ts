/**
 * The outbox worker: hands committed tickets to the configured helpdesks, at least once. It claims
 * the due deliveries (a lease, so a second worker skips them), delivers them in parallel and records
 * each outcome as it comes. Deliveries are independent: each has its forwarder's own time limit, and
 * a started worker claims more as soon as one settles, so a helpdesk that hangs delays only its own
 * deliveries, never another's (confirmation e-mails included). Failures are retried with exponential
 * backoff and jitter, capped (30 s, 1 min, 2 min… up to 1 h). Answers that will never succeed (bad
 * credentials, a rejected request, a wrong setting) give up after `giveUpAfter` attempts; anything
 * that may pass (timeouts, 429, 5xx, network) keeps being retried at the cap, because a ticket must
 * never be lost to an outage. Errors are logged and stored without the secrets they quote.
 */
import type { Delivery, StoredEvent, StoredTicket } from '../store/records.ts';
import { deliverEntryThrough, type DeliveryContext, type DeliveryResult, type Forwarder } from '../forwarders/forwarder.ts';
import type { OutboxStore } from './outbox-store.ts';
import { errorTextWithoutSecrets } from './error-text.ts';

/**
 * A forwarder that also tells the customer support's news (a status change, an agent's reply): the
 * customer's e-mail (forwarding.ts). Helpdesks send their own.
 */
export interface NewsForwarder extends Forwarder {
  deliverUpdate?(ticket: StoredTicket, entry: StoredEvent, context: DeliveryContext): Promise<DeliveryResult>;
}

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
  forwarders: readonly NewsForwarder[];
  /** Reads a stored attachment's bytes by its path. */
  readAttachment: (path: string) => Promise<Uint8Array>;
  /** HTTP client for the forwarders; the global fetch (looked up at call time) by default. */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where delivery outcomes go; one console line each by default. */
  log?: (entry: OutboxLogEntry) => void;
  /** Deliveries claimed per run. Default 10. */
  batch?: number;
  /** Deliveries a started worker keeps in flight at most; it claims more whenever one settles. Default 50. */
  maxInFlight?: number;
  /** How long a claim keeps other runs away; longer than any delivery can take. Default 5 min. */
  leaseMs?: number;
  /** Time limit for one delivery (all its requests) when its forwarder sets none. Default 60 s. */
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

const messageOf = (error: unknown) => errorTextWithoutSecrets(error instanceof Error ? error.message : String(error));

type Outcome = 'delivered' | 'retrying' | 'failed' | 'unsettled';

/**
 * Runs `deliver` for at most `limitMs`: the signal asks it to stop, and if it does not, the worker
 * stops waiting anyway (its claim is settled as a timeout and retried later with the same id).
 */
async function withTimeLimit(name: string, limitMs: number, deliver: (signal: AbortSignal) => Promise<DeliveryResult>): Promise<DeliveryResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<DeliveryResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(`no answer within ${limitMs / 1000} s`, 'TimeoutError'));
      resolve({ ok: false, retryable: true, error: `${name}: no answer within ${limitMs / 1000} s` });
    }, limitMs);
  });
  const delivered = deliver(controller.signal).catch(
    (error: unknown): DeliveryResult => ({
      ok: false,
      // An invalid URL is a setting that fails the same way every time; other throws (a missing file, a crash) may pass.
      retryable: (error as { code?: unknown } | null)?.code !== 'ERR_INVALID_URL',
      error: `${name}: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  try {
    return await Promise.race([delivered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, readAttachment } = options;
  const byName = new Map(options.forwarders.map((f) => [f.name, f]));
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? defaultLog;
  const batch = options.batch ?? 10;
  const maxInFlight = options.maxInFlight ?? 50;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const giveUpAfter = options.giveUpAfter ?? 5;

  async function attempt(delivery: Delivery): Promise<Outcome> {
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
      result = await withTimeLimit(forwarder.name, forwarder.timeoutMs ?? timeoutMs, (signal) => {
        const context = { deliveryId: delivery.id, readAttachment, fetch: fetchImpl, signal };
        return delivery.eventId ? deliverEntry(forwarder, ticket, delivery.eventId, context) : forwarder.deliver(ticket, context);
      });
    }
    if (!result.ok) result = { ...result, error: errorTextWithoutSecrets(result.error) };

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

  /**
   * A history entry through a forwarder: a customer's reply, or a close on our side, to the
   * helpdesk ticket (the ticket's own delivery, earlier in the row order, named it); support's news
   * to the customer's e-mail.
   */
  async function deliverEntry(forwarder: NewsForwarder, ticket: StoredTicket, eventId: string, context: DeliveryContext): Promise<DeliveryResult> {
    const entry = await store.ticketEvent(eventId);
    // Deleted with its ticket meanwhile: nothing left to say.
    if (!entry) return { ok: false, retryable: false, error: `history entry ${eventId} no longer exists` };
    const { event } = entry;
    const toHelpdesk = async (what: Parameters<typeof deliverEntryThrough>[2]) =>
      deliverEntryThrough(forwarder, ticket, what, { ...context, externalId: await store.externalIdFor(ticket.id, forwarder.name) });
    if (event.kind === 'customer-reply') {
      return toHelpdesk({ reply: { id: entry.id, at: event.at, message: event.message ?? '', author: 'customer', attachments: entry.attachments } });
    }
    // A close is the helpdesk's to hear about; the customer's e-mail (below) tells the customer instead.
    if (forwarder.deliverClose && event.kind === 'status' && event.status === 'closed') {
      return toHelpdesk({ close: { id: entry.id, at: event.at, reason: event.by ?? 'no-reply', ...(event.note ? { note: event.note } : {}) } });
    }
    if (!forwarder.deliverUpdate) return { ok: false, retryable: false, error: `${forwarder.name} tells customers no news` };
    return forwarder.deliverUpdate(ticket, entry, context);
  }

  /** Everything stop() waits for: runs and the deliveries they started. */
  const inFlight = new Set<Promise<unknown>>();
  let deliveriesInFlight = 0;

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** Claims up to `limit` due deliveries and starts them; each promise settles with its own outcome. */
  async function claimAndStart(limit: number): Promise<Promise<Outcome>[]> {
    const claimed = await store.claimDueDeliveries(clock(), limit, leaseMs);
    return claimed.map((delivery) => {
      deliveriesInFlight += 1;
      const outcome = attempt(delivery)
        .catch((error: unknown) => {
          log({ level: 'error', event: 'store-error', deliveryId: delivery.id, forwarder: delivery.forwarder, error: messageOf(error) });
          return 'unsettled' as const;
        })
        .finally(() => {
          deliveriesInFlight -= 1;
          // A slot is free: a started worker at its limit claims the next due delivery now.
          if (started && deliveriesInFlight === maxInFlight - 1) wake();
        });
      return track(outcome);
    });
  }

  function runOnce(): Promise<OutboxRunSummary> {
    return track(
      (async () => {
        const deliveries = await claimAndStart(batch);
        const outcomes = await Promise.all(deliveries);
        const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
        return { claimed: deliveries.length, delivered: count('delivered'), retrying: count('retrying'), failed: count('failed') };
      })(),
    );
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

  /** Claims what is due and starts it without waiting for it: a slow delivery holds only its own slot. */
  async function tick() {
    timer = undefined;
    running = true;
    wakeRequested = false;
    let backlog = false;
    try {
      const free = Math.min(batch, maxInFlight - deliveriesInFlight);
      if (free > 0) backlog = (await track(claimAndStart(free))).length === free;
    } catch (error) {
      log({ level: 'error', event: 'run-error', error: messageOf(error) });
    } finally {
      running = false;
    }
    if (started) schedule(backlog || wakeRequested ? 0 : interval);
  }

  function wake() {
    if (!started) return;
    if (running) wakeRequested = true;
    else schedule(0);
  }

  return {
    runOnce,
    start(intervalMs = 5_000) {
      if (started) return;
      started = true;
      interval = intervalMs;
      schedule(0);
    },
    wake,
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      // Deliveries started by earlier runs too; each ends within its time limit.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
