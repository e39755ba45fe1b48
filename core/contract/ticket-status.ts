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

/**
 * What a history entry records: a status change (by support, the helpdesk or the customer's close),
 * a reply of the customer's, or a reply from support. Entries written before kinds existed are
 * status changes.
 */
export const ticketEventKinds = ['status', 'customer-reply', 'agent-reply'] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

/** A public history entry. `status` is the ticket's status after the entry. */
export const ticketEventSchema = z.object({
  at: dateTime,
  kind: z._default(z.enum(ticketEventKinds), 'status'),
  status: z.enum(ticketStatuses),
  /** Who made it: the customer (a reply, a close), or support (in the console or the helpdesk). */
  by: z.optional(z.enum(['customer', 'support'])),
  note: z.optional(z.string()),
  /**
   * A reply's text: the customer's own always; support's only where the helpdesk allows it shown
   * (else the page says "support replied at <time>" and the text stays in the e-mail or helpdesk).
   */
  message: z.optional(z.string()),
  /** Files that came with a reply (never their content). */
  attachments: z.optional(z.int().check(z.gte(0))),
});
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
  /** The ticket's number in the company's helpdesk ("#482913" in WHMCS), shown next to ours once it is known. */
  helpdeskNumber: z.optional(z.object({ helpdesk: z.string(), number: z.string() })),
  /**
   * What the customer may do now: `reply` (a closed ticket too, when `reopenable`), `close`. A closed
   * ticket the helpdesk cannot reopen says so (`reopenable: false`): the customer opens a new one.
   */
  actions: z.object({ reply: z.boolean(), close: z.boolean(), reopenable: z.boolean() }),
  /** While waiting on the customer: the day the ticket closes by itself without their reply (support.yaml ticketClosing). */
  closesOn: z.optional(z.iso.date()),
  /** Whether the ticket reached the company's helpdesk. */
  delivery: z.object({
    state: z.enum(deliveryStates),
    forwarders: z.array(z.object({ name: z.string(), state: z.enum(deliveryStates), attempts: z.int().check(z.gte(0)) })),
  }),
});
export type TicketStatusAnswer = z.infer<typeof ticketStatusAnswerSchema>;
