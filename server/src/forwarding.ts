/**
 * Who receives each committed ticket: the helpdesk forwarders configured in the environment, plus a
 * confirmation e-mail to the customer when SMTP is set and no forwarder e-mails the customer itself.
 * All of them go through the outbox, so each is retried until delivered, across restarts.
 */
import { readFile } from 'node:fs/promises';
import { serverOrigin, type ServerConfig } from './config.ts';
import type { Store } from './store/store.ts';
import type { Forwarder } from './forwarders/forwarder.ts';
import { forwardersFromEnv } from './forwarders/registry.ts';
import { createOutboxWorker, type OutboxWorker } from './outbox/worker.ts';
import { composeConfirmation, StatusLinkError } from './mail/confirmation.ts';
import { smtpFromEnv, type Mailer } from './mail/smtp.ts';
import { marketFor } from '../../core/contract/markets.ts';
import { contentLanguageFor, type UiLanguage } from '../../core/contract/locales.ts';
import { statusPageUrl } from '../../core/contract/status-link.ts';
import { ticketToken } from './intake/ticket-token.ts';

/** The customer-facing address of the ticket status page, with the read token in the fragment. */
export function statusUrl(config: ServerConfig, number: string, token: string, lang: UiLanguage): string {
  // serverOrigin writes an IPv6 or wildcard HOST as a valid URL ("http://:::4321" was not one).
  return statusPageUrl(serverOrigin(config), contentLanguageFor(lang, config.support.defaultLanguage), number, token);
}

export function confirmationForwarder(mailer: Mailer, config: ServerConfig, secret: Buffer): Forwarder {
  return {
    name: 'confirmation-email',
    sendsOwnConfirmation: false,
    // SMTP gives up after 10 s per step (smtp.ts); a mail that takes longer is retried rather than waited for.
    timeoutMs: 30_000,
    async deliver(stored) {
      const t = stored.ticket;
      const lang = contentLanguageFor(t.lang, config.support.defaultLanguage);
      const department = config.support.departments.find((d) => d.key === t.department)?.name[lang];
      const priority = config.support.priorities.find((p) => p.key === t.priority)?.name[lang];
      let mail: ReturnType<typeof composeConfirmation>;
      try {
        mail = composeConfirmation(stored, {
          statusUrl: statusUrl(config, stored.number, ticketToken(secret, stored.id), t.lang),
          company: config.support.company,
          market: marketFor(config.support, lang),
          names: { ...(department ? { department } : {}), ...(priority ? { priority } : {}) },
        });
      } catch (error) {
        // A wrong setting fails every retry the same way: give up (after the worker's attempts for a fix) instead of retrying forever.
        if (error instanceof StatusLinkError) return { ok: false, retryable: false, error: `confirmation-email: ${error.message}` };
        throw error;
      }
      try {
        await mailer.send({ to: { name: t.customer.name, address: t.customer.email }, ...mail, messageKey: `confirmation.${stored.id}` });
        return { ok: true };
      } catch (error) {
        // SMTP 5xx is a permanent refusal (no such mailbox); anything else may pass later.
        const code = Number((error as { responseCode?: number }).responseCode);
        return { ok: false, retryable: !(code >= 500 && code < 600), error: (error as Error).message };
      }
    },
  };
}

export interface Forwarding {
  forwarders: Forwarder[];
  /** A confirmation e-mail reaches the customer: ours (SMTP set), or a helpdesk's own. The 201 answer says so, and the widget promises no more. */
  confirmationEmail: boolean;
  worker(store: Store): OutboxWorker;
}

/** Reads forwarder and SMTP settings; throws an error naming the variable when one is wrong. */
export function buildForwarders(env: Record<string, string | undefined>, config: ServerConfig, secret: Buffer): Forwarding {
  const helpdesks = forwardersFromEnv(env);
  const mailer = smtpFromEnv(env);
  const forwarders = [...helpdesks];
  const helpdeskMails = helpdesks.some((f) => f.sendsOwnConfirmation);
  if (mailer && !helpdeskMails) forwarders.push(confirmationForwarder(mailer, config, secret));
  return {
    forwarders,
    confirmationEmail: helpdeskMails || Boolean(mailer),
    worker: (store) =>
      createOutboxWorker({
        store,
        forwarders,
        readAttachment: (file) => readFile(file),
        log: (entry) => (entry.level === 'info' ? console.log : console.warn)('[support-kit outbox]', JSON.stringify(entry)),
      }),
  };
}
