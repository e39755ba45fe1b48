/** What the server keeps. Shapes shared by every store implementation (SQLite now, PostgreSQL later). */
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { DeliveryState, TicketEvent, TicketStatus } from '../../../core/contract/ticket-status.ts';

export type { TicketEvent, TicketStatus };

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
  expectedReplyBy: string;
  /** The ticket as received, after secrets were redacted. */
  ticket: Ticket;
  /** True when the server removed secrets the client sent. */
  redacted: boolean;
  /** The customer id from a verified customer-token; absent: name and e-mail are unverified. */
  verifiedCustomerId?: string;
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
}
