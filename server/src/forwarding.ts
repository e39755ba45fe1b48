/**
 * Who receives each committed ticket: the helpdesk forwarders configured in the environment, plus a
 * confirmation e-mail to the customer when SMTP is set and no forwarder e-mails the customer itself.
 * All of them go through the outbox, so each is retried until delivered, across restarts.
 */
import { readFile } from 'node:fs/promises';
import { serverOrigin, type ServerConfig } from './config.ts';
import type { Store } from './store/store.ts';
import { afterSendCapabilities, type DeliveryResult, type Forwarder } from './forwarders/forwarder.ts';
import { forwardersFromEnv } from './forwarders/registry.ts';
import { createOutboxWorker, type NewsForwarder, type OutboxWorker } from './outbox/worker.ts';
import { createAfterSendJobs } from './outbox/after-send-jobs.ts';
import { composeConfirmation, StatusLinkError, type ComposedMail } from './mail/confirmation.ts';
import { composeUpdate } from './mail/ticket-update.ts';
import { smtpFromEnv, type Mailer } from './mail/smtp.ts';
import type { StoredTicket } from './store/records.ts';
import { closesOn, type AfterSend } from './routes/ticket-answer.ts';
import { marketFor } from '../../core/contract/markets.ts';
import { contentLanguageFor, type UiLanguage } from '../../core/contract/locales.ts';
import { statusPageUrl } from '../../core/contract/status-link.ts';
import { ticketToken } from './intake/ticket-token.ts';

/** The customer-facing address of the ticket status page, with the read token in the fragment. */
export function statusUrl(config: ServerConfig, number: string, token: string, lang: UiLanguage): string {
  // serverOrigin writes an IPv6 or wildcard HOST as a valid URL ("http://:::4321" was not one).
  return statusPageUrl(serverOrigin(config), contentLanguageFor(lang, config.support.defaultLanguage), number, token);
}

/** The name of the customer's e-mail among the forwarders: the confirmation, then support's news. */
export const customerMailName = 'confirmation-email';

/**
 * The customer's e-mail as a forwarder: the confirmation of each ticket, then an e-mail for each
 * status change and reply of support's (`deliverUpdate`), each through the outbox, in order.
 */
export function confirmationForwarder(mailer: Mailer, config: ServerConfig, secret: Buffer, options: { reopenable: boolean } = { reopenable: true }): NewsForwarder {
  const linkOf = (stored: StoredTicket) => statusUrl(config, stored.number, ticketToken(secret, stored.id), stored.ticket.lang);
  /** Composes and sends one mail; a wrong setting gives up, an SMTP refusal of the mailbox too, anything else is retried. */
  async function send(stored: StoredTicket, messageKey: string, compose: () => ComposedMail): Promise<DeliveryResult> {
    let mail: ComposedMail;
    try {
      mail = compose();
    } catch (error) {
      // A wrong setting fails every retry the same way: give up (after the worker's attempts for a fix) instead of retrying forever.
      if (error instanceof StatusLinkError) return { ok: false, retryable: false, error: `confirmation-email: ${error.message}` };
      throw error;
    }
    try {
      await mailer.send({ to: { name: stored.ticket.customer.name, address: stored.ticket.customer.email }, ...mail, messageKey });
      return { ok: true };
    } catch (error) {
      // SMTP 5xx is a permanent refusal (no such mailbox); anything else may pass later.
      const code = Number((error as { responseCode?: number }).responseCode);
      return { ok: false, retryable: !(code >= 500 && code < 600), error: (error as Error).message };
    }
  }
  return {
    name: customerMailName,
    sendsOwnConfirmation: false,
    // SMTP gives up after 10 s per step (smtp.ts); a mail that takes longer is retried rather than waited for.
    timeoutMs: 30_000,
    async deliver(stored) {
      const t = stored.ticket;
      const lang = contentLanguageFor(t.lang, config.support.defaultLanguage);
      const department = config.support.departments.find((d) => d.key === t.department)?.name[lang];
      const priority = config.support.priorities.find((p) => p.key === t.priority)?.name[lang];
      return send(stored, `confirmation.${stored.id}`, () =>
        composeConfirmation(stored, {
          statusUrl: linkOf(stored),
          company: config.support.company,
          market: marketFor(config.support, lang),
          names: { ...(department ? { department } : {}), ...(priority ? { priority } : {}) },
        }),
      );
    },
    async deliverUpdate(stored, entry) {
      return send(stored, `update.${entry.id}`, () =>
        composeUpdate(stored, entry.event, { statusUrl: linkOf(stored), company: config.support.company, reopenable: options.reopenable, closesOn: closesOn(stored, config) }),
      );
    },
  };
}

export interface Forwarding {
  forwarders: Forwarder[];
  /** A confirmation e-mail reaches the customer: ours (SMTP set), or a helpdesk's own. The 201 answer says so, and the widget promises no more. */
  confirmationEmail: boolean;
  /** What the forwarders allow after Send, and where replies and support's news go. */
  afterSend: AfterSend;
  worker(store: Store): OutboxWorker;
}

/** Reads forwarder and SMTP settings; throws an error naming the variable when one is wrong. */
export function buildForwarders(env: Record<string, string | undefined>, config: ServerConfig, secret: Buffer): Forwarding {
  const helpdesks = forwardersFromEnv(env);
  const mailer = smtpFromEnv(env);
  const forwarders: NewsForwarder[] = [...helpdesks];
  const helpdeskMails = helpdesks.some((f) => f.sendsOwnConfirmation);
  const { canReopen } = afterSendCapabilities(helpdesks);
  const mailsNews = Boolean(mailer) && !helpdeskMails;
  const afterSend: AfterSend = {
    canReopen,
    replyForwarders: helpdesks.filter((f) => f.deliverReply).map((f) => f.name),
    closeForwarders: helpdesks.filter((f) => f.deliverClose).map((f) => f.name),
    customerMail: mailsNews ? [customerMailName] : [],
  };
  if (mailer && mailsNews) forwarders.push(confirmationForwarder(mailer, config, secret, { reopenable: canReopen }));
  return {
    forwarders,
    confirmationEmail: helpdeskMails || Boolean(mailer),
    afterSend,
    // The outbox, and beside it what nobody calls in for: polling helpdesks that cannot call us, auto-close.
    worker: (store) => {
      const outbox = createOutboxWorker({
        store,
        forwarders,
        readAttachment: (file) => readFile(file),
        log: (entry) => (entry.level === 'info' ? console.log : console.warn)('[support-kit outbox]', JSON.stringify(entry)),
      });
      const jobs = createAfterSendJobs({ store, forwarders: helpdesks, support: config.support, afterSend });
      return {
        ...outbox,
        start(intervalMs) {
          outbox.start(intervalMs);
          // An applied update or a close may have queued an e-mail to the customer.
          jobs.start(60_000, () => outbox.wake());
        },
        async stop() {
          await jobs.stop();
          await outbox.stop();
        },
      };
    },
  };
}
