/**
 * `GET /api/tickets/:number` (with the ticket's Bearer token): what the customer's status page
 * shows. The server builds it, the KB's status page reads it.
 */
import { z } from 'zod/mini';
import { uiLanguages } from './locales.ts';
import { departmentKeys, priorityKeys } from './support-keys.ts';

export const ticketStatuses = ['open', 'in-review', 'in-progress', 'waiting-customer', 'answered', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const deliveryStates = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

const dateTime = z.iso.datetime({ offset: true });

/** What the customer is told about a first reply (see reply-expectation.ts): the policy's words, never a made-up deadline. */
export const replyExpectationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), nextOpening: dateTime }),
  z.object({ kind: z.literal('by-date'), date: z.iso.date(), days: z.int().check(z.positive()) }),
  z.object({ kind: z.literal('none') }),
]);

/** A public history entry. */
export const ticketEventSchema = z.object({ at: dateTime, status: z.enum(ticketStatuses), note: z.optional(z.string()) });
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const ticketStatusAnswerSchema = z.object({
  /** Human-friendly number, e.g. BR-000123. */
  number: z.string(),
  status: z.enum(ticketStatuses),
  createdAt: dateTime,
  /** What the customer was told about a first reply when the ticket was sent. */
  replyExpectation: replyExpectationSchema,
  /** IANA zone of the ticket's market: the status page shows every time in it, and names it. */
  timeZone: z.string(),
  department: z.enum(departmentKeys),
  priority: z.enum(priorityKeys),
  subject: z.string(),
  lang: z.enum(uiLanguages),
  /** The customer's identity came from a verified customer token. */
  verified: z.boolean(),
  /** How many files the ticket carries (never their content). */
  attachments: z.int().check(z.gte(0)),
  /** Oldest first. */
  history: z.array(ticketEventSchema),
  /** Whether the ticket reached the company's helpdesk. */
  delivery: z.object({
    state: z.enum(deliveryStates),
    forwarders: z.array(z.object({ name: z.string(), state: z.enum(deliveryStates), attempts: z.int().check(z.gte(0)) })),
  }),
});
export type TicketStatusAnswer = z.infer<typeof ticketStatusAnswerSchema>;
