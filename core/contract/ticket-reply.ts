/**
 * What a customer does with a ticket after Send, with the ticket's Bearer token (the one in its
 * status link): reply (`POST /api/tickets/:number/replies`, JSON or multipart with `reply` as the
 * JSON part and `attachments` file parts as for a ticket, with an `Idempotency-Key`), close it
 * (`POST /api/tickets/:number/close`). And, for a customer signed in through a `customer-token`,
 * their open tickets and the check for a duplicate before sending a new one. The server checks
 * every request with these schemas; the status page and the widget build them.
 */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { uiLanguages } from './locales.ts';
import { departmentKeys } from './support-keys.ts';
import { ticketStatuses } from './ticket-status.ts';
import { contentLength } from '../validation/message.ts';

const dateTime = z.iso.datetime({ offset: true });

/** A reply of the customer's. Attachments travel as multipart files, with the ticket's caps. */
export const ticketReplySchema = z.object({
  message: z.string().check(
    z.trim(),
    z.refine((text) => contentLength(text) >= limits.reply.min, { message: 'reply.too-short' }),
    z.maxLength(limits.reply.max, { message: 'reply.too-long' }),
  ),
  /** The language the customer writes in: errors come back in it. */
  lang: z.optional(z.enum(uiLanguages)),
});
export type TicketReply = z.infer<typeof ticketReplySchema>;

/** `201` to a reply: the ticket's status after it, and whether the reply reopened a closed ticket. */
export const ticketReplyAnswerSchema = z.object({
  id: z.string(),
  at: dateTime,
  status: z.enum(ticketStatuses),
  reopened: z.boolean(),
  /** Files kept with the reply. */
  attachments: z.int().check(z.gte(0)),
  /** A secret was removed from the text or a file before it was kept. */
  redacted: z.boolean(),
});
export type TicketReplyAnswer = z.infer<typeof ticketReplyAnswerSchema>;

/** `POST /api/tickets/:number/close`: the customer says it is solved (an optional last word). */
export const ticketCloseSchema = z.object({
  note: z.optional(z.string().check(z.trim(), z.maxLength(limits.statusNote.max))),
  lang: z.optional(z.enum(uiLanguages)),
});
export type TicketClose = z.infer<typeof ticketCloseSchema>;

/** One of a signed-in customer's tickets, as the widget lists them above the form. */
export const customerTicketSchema = z.object({
  number: z.string(),
  subject: z.string(),
  department: z.enum(departmentKeys),
  status: z.enum(ticketStatuses),
  createdAt: dateTime,
  /** The last status change or reply. */
  updatedAt: dateTime,
  /** The ticket's status page, with its token: the customer proved who they are with the customer token. */
  statusUrl: z.string(),
});
export type CustomerTicket = z.infer<typeof customerTicketSchema>;

/** `GET /api/customer/tickets` with `Authorization: Bearer <customer-token>`: the open ones (not closed), newest first. */
export const customerTicketsAnswerSchema = z.object({ tickets: z.array(customerTicketSchema) });
export type CustomerTicketsAnswer = z.infer<typeof customerTicketsAnswerSchema>;

/**
 * `POST /api/customer/tickets/duplicates` with the customer token: the open tickets a new one with
 * this subject and department would repeat, so the widget can say so before Send (on any device).
 */
export const duplicateCheckSchema = z.object({
  subject: z.string().check(z.trim(), z.maxLength(limits.subject.max)),
  department: z.enum(departmentKeys),
  message: z.optional(z.string().check(z.maxLength(limits.message.max))),
});
export type DuplicateCheck = z.infer<typeof duplicateCheckSchema>;
export const duplicateCheckAnswerSchema = z.object({ duplicates: z.array(customerTicketSchema) });
export type DuplicateCheckAnswer = z.infer<typeof duplicateCheckAnswerSchema>;
