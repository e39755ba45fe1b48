/** What the server keeps. Shapes shared by every store implementation (SQLite now, PostgreSQL later). */
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { DeliveryState, TicketEvent, TicketEventKind, TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { ReplyExpectation } from '../../../core/contract/reply-expectation.ts';
import type { FirstReply } from '../../../core/contract/support-config.ts';

export type { TicketEvent, TicketEventKind, TicketStatus };

/** Statuses in which the ticket waits on the customer: support answered or asked; auto-close counts from here. */
export const waitingOnCustomer: readonly TicketStatus[] = ['waiting-customer', 'answered'];

export interface StoredAttachment {
  id: string;
  ticketId: string;
  /** Sanitized file name, as shown to agents. */
  name: string;
  /** MIME type sniffed from the content, not the declared one. */
  type: string;
  size: number;
  /** Absolute path of the stored file, outside any served folder. */
  path: string;
}

export interface StoredTicket {
  id: string;
  /** Human-friendly and unique, e.g. BR-000123. */
  number: string;
  status: TicketStatus;
  createdAt: string;
  /**
   * What the customer was told about a first reply, as `storedReplyExpectation` writes it (the
   * column kept its old name): an instant (a queue's next opening), a "YYYY-MM-DD" date (a
   * commitment), or "" (no promise). Read it with `readReplyExpectation`.
   */
  expectedReplyBy: string;
  /** The ticket as received, after secrets were redacted. */
  ticket: Ticket;
  /** True when the server removed secrets the client sent. */
  redacted: boolean;
  /** The customer id from a verified customer-token; absent: name and e-mail are unverified. */
  verifiedCustomerId?: string;
  /** The ticket's own files (a reply's files belong to its history entry). */
  attachments: StoredAttachment[];
  /** The last status change or reply (the creation until then); absent only in hand-made fixtures. */
  updatedAt?: string;
  /** Since when the ticket waits on the customer (`waitingOnCustomer`), for auto-close. */
  waitingSince?: string;
  /** The helpdesk's own number for the ticket, once an update named it. */
  helpdeskNumber?: { helpdesk: string; number: string };
}

/** A history entry as stored: the public entry, with the id outbox rows and files point at. */
export interface StoredEvent {
  id: string;
  ticketId: string;
  event: TicketEvent;
  /** The files that came with a reply. */
  attachments: StoredAttachment[];
}

/** One delivery of one ticket to one forwarder (the outbox). */
export interface Delivery {
  id: string;
  ticketId: string;
  forwarder: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  /** The helpdesk's id for the ticket once delivered (WHMCS tid, Zendesk id...). */
  externalId?: string;
  deliveredAt?: string;
  /** The history entry this delivery carries (a reply to a helpdesk, an update e-mailed to the customer); absent: the ticket itself. */
  eventId?: string;
}

/** What a new ticket is made of, as a store receives it (store.ts `NewTicket`). */
interface TicketParts {
  id: string;
  createdAt: string;
  expectedReplyBy: string;
  ticket: Ticket;
  redacted: boolean;
  verifiedCustomerId?: string | undefined;
  attachments: Omit<StoredAttachment, 'ticketId'>[];
}

/** A ticket as every store answers it once created under `number`: open, with its files, updated when created. */
export function createdTicket(input: TicketParts, number: string): StoredTicket {
  return {
    id: input.id, number, status: 'open', createdAt: input.createdAt, expectedReplyBy: input.expectedReplyBy, ticket: input.ticket,
    redacted: input.redacted, ...(input.verifiedCustomerId ? { verifiedCustomerId: input.verifiedCustomerId } : {}),
    attachments: input.attachments.map((a) => ({ ...a, ticketId: input.id })), updatedAt: input.createdAt,
  };
}

/**
 * The reply expectation as one text column, so the store's schema need not change: each kind has its
 * own shape, and an instant stays a valid date for anything that still shows it as one.
 */
export function storedReplyExpectation(expectation: ReplyExpectation): string {
  return expectation.kind === 'queue' ? expectation.nextOpening : expectation.kind === 'by-date' ? expectation.date : '';
}

/**
 * Reads `expectedReplyBy` back under the ticket's market rule. Rows written before the policy model
 * hold an instant for every market: under a calendar-days rule that instant was the deadline, whose
 * date is the commitment (counted from `createdAt`, so the days stay right).
 */
export function readReplyExpectation(stored: string, rule: FirstReply, timeZone: string, createdAt: string): ReplyExpectation {
  if (!stored) return { kind: 'none' };
  if (rule.model === 'queue') return { kind: 'queue', nextOpening: new Date(stored).toISOString() };
  const date = /^\d{4}-\d{2}-\d{2}$/.test(stored) ? stored : marketDate(new Date(stored), timeZone);
  const days = Math.round((Date.parse(date) - Date.parse(marketDate(new Date(createdAt), timeZone))) / 86_400_000);
  return { kind: 'by-date', date, days: days > 0 ? days : rule.days };
}

/** The civil date of an instant in a zone, "YYYY-MM-DD" (en-CA writes dates that way). */
function marketDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * A `tickets` row (the same columns in SQLite and PostgreSQL) as a stored ticket with its token
 * hash; each store reads the row's values as text its own way and gathers the attachments.
 */
export function ticketFromRow(row: Record<string, unknown>, attachments: StoredAttachment[], text: (value: never) => string): StoredTicket & { tokenHash: string } {
  const t = text as (value: unknown) => string;
  return {
    id: t(row.id),
    number: t(row.number),
    tokenHash: t(row.token_hash),
    status: t(row.status) as TicketStatus,
    createdAt: t(row.created_at),
    expectedReplyBy: t(row.expected_reply_by),
    ticket: JSON.parse(t(row.data)) as Ticket,
    redacted: Boolean(row.redacted),
    ...(row.verified_customer_id ? { verifiedCustomerId: t(row.verified_customer_id) } : {}),
    attachments,
    ...(row.updated_at ? { updatedAt: t(row.updated_at) } : {}),
    ...(row.waiting_since ? { waitingSince: t(row.waiting_since) } : {}),
    ...(row.helpdesk_number ? { helpdeskNumber: { helpdesk: t(row.helpdesk), number: t(row.helpdesk_number) } } : {}),
  };
}
