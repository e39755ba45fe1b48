/**
 * The ticket's life after Send that nobody calls in for: polling the helpdesks that cannot call us
 * (WHMCS `GetTicket`), and closing tickets left waiting on their customer longer than the market's
 * `ticketClosing.daysWithoutCustomerReply` (support.yaml: Italy 7, none in Brazil). Polls are
 * claimed under a lease in the store, so with several instances each open ticket is polled by one
 * of them; a failed poll backs off (the helpdesk's Retry-After, else doubling up to an hour).
 */
import { uiLanguages, type UiLanguage } from '../../../core/contract/locales.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import type { Forwarder } from '../forwarders/forwarder.ts';
import type { Store } from '../store/store.ts';
import { applyUpdates } from '../routes/ticket-updates.ts';
import type { AfterSend } from '../routes/ticket-answer.ts';
import { errorTextWithoutSecrets } from './error-text.ts';

/** The history note of an automatic close, in the ticket's language. */
export const autoCloseNotes: Record<UiLanguage, (days: number) => string> = {
  'pt-BR': (days) => `Fechado automaticamente após ${days} dias sem resposta do cliente.`,
  it: (days) => `Chiuso automaticamente dopo ${days} giorni senza risposta del cliente.`,
  en: (days) => `Closed automatically after ${days} days without a reply from the customer.`,
};

export interface AfterSendJobsOptions {
  store: Store;
  forwarders: readonly Forwarder[];
  support: SupportConfig;
  afterSend: AfterSend;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Tickets one poll run asks each helpdesk about. Default 20. */
  batch?: number;
  /** How long a claimed poll keeps other instances away; longer than a poll may take. Default 2 min. */
  leaseMs?: number;
  log?: (line: string) => void;
}

export interface AfterSendRun {
  polled: number;
  /** Updates applied from the polls. */
  applied: number;
  closed: number;
}

const hour = 3_600_000;
const day = 24 * hour;

/** The next poll after a failure: the helpdesk's wish, else twice the interval; never more than an hour. */
export function pollBackoff(intervalMs: number, retryAfterMs: number | undefined): number {
  return Math.min(Math.max(retryAfterMs ?? 0, intervalMs * 2), hour);
}

export function createAfterSendJobs(options: AfterSendJobsOptions) {
  const { store, support, afterSend } = options;
  const clock = options.now ?? (() => new Date());
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const log = options.log ?? ((line: string) => console.warn(`[support-kit after-send] ${line}`));
  const batch = options.batch ?? 20;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const polled = options.forwarders.filter((f) => f.poll);

  async function pollOnce(): Promise<{ polled: number; applied: number }> {
    let count = 0;
    let applied = 0;
    for (const forwarder of polled) {
      const interval = forwarder.pollIntervalMs ?? 5 * 60_000;
      for (const claim of await store.claimTicketsToPoll(forwarder.name, clock(), batch, leaseMs)) {
        count += 1;
        const ticket = await store.ticketById(claim.ticketId);
        if (!ticket) continue; // deleted meanwhile: its delivery went with it
        let next = interval;
        try {
          const result = await forwarder.poll!(ticket, { externalId: claim.externalId, fetch: fetchImpl, now: clock() });
          if (result.ok) {
            const outcomes = await applyUpdates(store, ticket, forwarder.name, result.updates, afterSend);
            applied += outcomes.filter((o) => o === 'applied').length;
          } else {
            next = pollBackoff(interval, result.retryAfterMs);
            log(`poll of ${ticket.number} at ${forwarder.name} failed: ${errorTextWithoutSecrets(result.error)}`);
          }
        } catch (error) {
          next = pollBackoff(interval, undefined);
          log(`poll of ${ticket.number} at ${forwarder.name} failed: ${errorTextWithoutSecrets(error instanceof Error ? error.message : String(error))}`);
        }
        await store.schedulePoll(claim.deliveryId, new Date(clock().getTime() + next));
      }
    }
    return { polled: count, applied };
  }

  /** Closes, per language, the tickets waiting on their customer past their market's days. */
  async function closeOnce(): Promise<number> {
    let closed = 0;
    const now = clock();
    for (const lang of uiLanguages) {
      const days = marketFor(support, lang).ticketClosing?.daysWithoutCustomerReply;
      if (!days) continue;
      const ids = await store.closeWaitingTickets({
        langs: [lang], waitingBefore: new Date(now.getTime() - days * day), at: now, note: autoCloseNotes[lang](days), deliverTo: [...afterSend.customerMail, ...afterSend.closeForwarders],
      });
      closed += ids.length;
    }
    return closed;
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();

  return {
    /** One pass of both jobs. */
    async runOnce(): Promise<AfterSendRun> {
      const polls = await pollOnce();
      return { ...polls, closed: await closeOnce() };
    },
    /** Runs both every `intervalMs` (polls are due by their own schedule; closing needs no more than a minute's precision). */
    start(intervalMs = 60_000, onChange?: () => void) {
      if (timer) return;
      let busy = false;
      const tick = () => {
        // A slow helpdesk must not stack runs: the next tick after it finishes picks up what is due.
        if (busy) return;
        busy = true;
        running = this.runOnce().then(
          (run) => (run.applied || run.closed) && onChange?.(),
          (error: unknown) => log(`run failed: ${errorTextWithoutSecrets(error instanceof Error ? error.message : String(error))}`),
        ).finally(() => (busy = false));
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type AfterSendJobs = ReturnType<typeof createAfterSendJobs>;
