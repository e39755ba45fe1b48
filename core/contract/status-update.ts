/**
 * A status change or a reply coming back from a helpdesk, as every inbound adapter turns what its
 * helpdesk sends (the generic signed webhook, Zendesk, Freshdesk, WHMCS polling or hook) into one
 * shape the server applies. The generic endpoint `POST /api/tickets/:number/status` takes exactly
 * this body, signed like the outgoing webhook (Standard Webhooks: `webhook-id`,
 * `webhook-timestamp`, `webhook-signature` with `WEBHOOK_SECRET`).
 *
 * Updates are idempotent by `id`, and ordered by `at`, the helpdesk's own time: an update older
 * than the ticket's latest applied one is recorded nowhere and changes nothing, so a late "open"
 * never undoes "closed".
 */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { ticketStatuses } from './ticket-status.ts';

export const statusUpdateSchema = z.object({
  /** The helpdesk's id for this event (or the webhook-id): the same id twice is applied once. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When it happened in the helpdesk. */
  at: z.iso.datetime({ offset: true }),
  /** The ticket's status in support-kit's words (adapters map the helpdesk's own). */
  status: z.optional(z.enum(ticketStatuses)),
  /** A note to the customer with the change. */
  note: z.optional(z.string().check(z.maxLength(limits.helpdeskText.max))),
  /** Support replied; `message` only where the helpdesk allows its text shown to the customer. */
  reply: z.optional(z.object({ message: z.optional(z.string().check(z.maxLength(limits.helpdeskText.max))) })),
  /** The helpdesk's own ticket number, once known (WHMCS's tid). */
  helpdeskNumber: z.optional(z.string().check(z.maxLength(100))),
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

