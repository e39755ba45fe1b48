/**
 * Storage behind one small interface: the embedded SQLite store (one process, the default) or the
 * PostgreSQL one (several instances share it). Methods are async for PostgreSQL even where SQLite is not.
 */
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import type { SearchEvent } from '../../../core/contract/search-event.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { Vote, VoteCounts } from '../../../core/contract/vote.ts';
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import type { Delivery, StoredAttachment, StoredEvent, StoredTicket, TicketEvent, TicketEventKind, TicketStatus } from './records.ts';
import type { ConsoleStore } from './console-store.ts';

/** A completed idempotent request: the answer to repeat for the same key and body. */
export interface IdempotentResponse {
  fingerprint: string;
  status: number;
  body: string;
}

export interface NewTicket {
  id: string;
  /** Prefix of the market's numbers ("BR"); the store assigns the next number atomically. */
  numberPrefix: string;
  tokenHash: string;
  /** As `Date.toISOString()` writes it: stores may compare and order these as text (due deliveries, retention). */
  createdAt: string;
  expectedReplyBy: string;
  ticket: Ticket;
  redacted: boolean;
  verifiedCustomerId?: string;
  /** Salted, daily-rotated hash of the client address (rate limits, abuse); never the address. */
  clientHash: string;
  attachments: Omit<StoredAttachment, 'ticketId'>[];
  /** One outbox delivery per configured forwarder. */
  forwarders: string[];
  /** Stored in the same transaction, so a crash never leaves a ticket without its idempotency record. */
  idempotency: { scope: string; key: string; fingerprint: string };
  /** Builds the response stored for replays, once the number is known. */
  respond(ticket: StoredTicket): { status: number; body: string };
}

/**
 * One entry of a ticket's history: a status change, or a reply (the customer's, or support's from
 * the console), written with the ticket's new status, its files and its outbox rows in one transaction.
 */
export interface NewTicketEvent {
  id: string;
  ticketId: string;
  /** As `Date.toISOString()` writes it. */
  at: string;
  kind: TicketEventKind;
  by?: 'customer' | 'support';
  /** The ticket's status after the entry. */
  status: TicketStatus;
  note?: string;
  message?: string;
  /** A secret was removed from the message or a file. */
  redacted?: boolean;
  attachments?: Omit<StoredAttachment, 'ticketId'>[];
  /**
   * Forwarders that get the entry (one outbox row each), each after the ticket and the entries
   * before it: a helpdesk gets a customer's reply, the customer's e-mail gets support's news.
   */
  deliverTo?: readonly string[];
  /** The answer to repeat for the same key, stored with the entry (a customer's reply). */
  idempotency?: { scope: string; key: string; fingerprint: string; status: number; body: string };
}

/** What became of a helpdesk's update (see core/contract/status-update.ts). */
export type UpdateOutcome = 'applied' | 'duplicate' | 'stale' | 'no-ticket';

export interface InboundUpdate {
  ticketId: string;
  /** The forwarder it came through ('webhook', 'zendesk'...): names the helpdesk's number. */
  source: string;
  update: StatusUpdate;
  /** Whether the agent's reply text may be shown to the customer; else the entry says only that support replied. */
  showReplyText: boolean;
  /** As for NewTicketEvent (the customer's e-mail, when we send it). */
  deliverTo?: readonly string[];
}

/** A ticket of a polled helpdesk due for a poll, claimed under a lease. */
export interface PollClaim {
  /** The ticket's own delivery to that helpdesk, which holds the poll schedule. */
  deliveryId: string;
  ticketId: string;
  /** The helpdesk's id for the ticket (the latest one, see Delivery.externalId). */
  externalId: string;
}

/** A vote as stored: the browser's voter id only as a salted hash. */
export type VoteInput = Omit<Vote, 'voterId'> & { voterHash: string };

/** A search event as stored (the query already scrubbed); `session` only for the widget's funnel, never linked to a ticket. */
export type EventInput = SearchEvent;

/** The public API's storage, and the staff console's (console-store.ts) over the same data. */
export interface Store extends ConsoleStore {
  createTicket(input: NewTicket): Promise<{ ticket: StoredTicket; response: { status: number; body: string } }>;
  ticketByNumber(number: string): Promise<(StoredTicket & { tokenHash: string }) | undefined>;
  ticketById(id: string): Promise<StoredTicket | undefined>;
  history(ticketId: string): Promise<TicketEvent[]>;
  deliveriesFor(ticketId: string): Promise<Delivery[]>;
  idempotent(scope: string, key: string): Promise<IdempotentResponse | undefined>;
  /**
   * Claims an idempotency key while one request with it is processed, so the same key arriving
   * meanwhile, at this instance or another, is told to wait instead of racing it. Answers the token
   * that releases it, or undefined while another request holds it. A claim never outlives its
   * process (one left by a process that died is taken over at once) nor `leaseMs`.
   */
  claimIdempotencyKey(scope: string, key: string, now: Date, leaseMs: number): Promise<string | undefined>;
  /** Ends a claim once its request is answered; nothing happens when `token` no longer holds it. */
  releaseIdempotencyKey(scope: string, key: string, token: string): Promise<void>;

  /** Adds a history entry with its status, files and outbox rows; false when the ticket is gone. */
  addTicketEvent(input: NewTicketEvent): Promise<boolean>;
  /**
   * Applies a helpdesk's update once per id, in the helpdesk's time order: an update older than the
   * latest applied one changes nothing and is kept nowhere, so a late "open" never undoes "closed".
   */
  applyStatusUpdate(input: InboundUpdate): Promise<UpdateOutcome>;
  /** The files that came with the ticket's replies, oldest reply first, each with its reply's time (the console offers them). */
  replyFiles(ticketId: string): Promise<{ at: string; file: StoredAttachment }[]>;
  /** A history entry with its files (the outbox delivers it). */
  ticketEvent(eventId: string): Promise<StoredEvent | undefined>;
  /** The ticket a helpdesk knows by `externalId` (any of that forwarder's deliveries named it). */
  ticketByExternalId(forwarder: string, externalId: string): Promise<StoredTicket | undefined>;
  /** The helpdesk's id for the ticket: the latest a delivery to that forwarder returned (a follow-up ticket replaces the first). */
  externalIdFor(ticketId: string, forwarder: string): Promise<string | undefined>;
  /** A verified customer's tickets that are not closed, newest first; of one department when given. */
  customerTickets(customerId: string, options: { department?: string; limit: number }): Promise<StoredTicket[]>;
  /**
   * Closes the tickets in `langs` waiting on the customer since before `waitingBefore` (support.yaml
   * ticketClosing), each with a status entry at `at`; answers their ids.
   */
  closeWaitingTickets(input: { langs: readonly string[]; waitingBefore: Date; at: Date; note?: string; deliverTo?: readonly string[] }): Promise<string[]>;
  /**
   * Claims up to `limit` open tickets delivered to `forwarder` whose poll is due (never polled, or
   * scheduled at or before `now`), so with several instances each is polled by one of them; the lease
   * ends with `schedulePoll` or after `leaseMs` (at once when its instance is gone).
   */
  claimTicketsToPoll(forwarder: string, now: Date, limit: number, leaseMs: number): Promise<PollClaim[]>;
  /** Ends a poll's lease and sets when to poll that ticket next. */
  schedulePoll(deliveryId: string, next: Date): Promise<void>;

  /** Stores the vote as cast `at`; a voter's vote on the same article and language replaces the earlier one. */
  upsertVote(vote: VoteInput, at: Date): Promise<void>;
  voteCounts(articleId: string, lang: ContentLanguage): Promise<VoteCounts>;
  /** Stores the event under its UTC day only: the time of day would help link it to a person. */
  addEvent(event: EventInput, at: Date): Promise<void>;

  claimDueDeliveries(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  markDelivered(deliveryId: string, at: Date, externalId?: string): Promise<void>;
  markFailed(deliveryId: string, error: string, nextAttemptAt: Date | null): Promise<void>;
  /** Frees every claimed delivery (a single instance, before its worker starts: whoever claimed them died). */
  releaseLeases(): Promise<number>;
  /**
   * Frees the deliveries claimed by processes that are no longer running and leaves a running
   * one's alone, so any instance may call it at any time; says how many.
   */
  releaseDeadLeases(): Promise<number>;

  /**
   * The salt of client hashes for a UTC day (`YYYY-MM-DD`), the same for every process using this
   * store: the one kept, else `candidate`, kept from now on. Salts of days before the eve of `day`
   * are forgotten, so no copy of the data links an address to an older hash.
   */
  clientSalt(day: string, candidate: string): Promise<string>;

  /** Deletes tickets (with their records) created before `before`; returns the attachment paths to delete. */
  purgeTicketsBefore(before: Date): Promise<string[]>;
  /** Deletes votes (with their comments) last cast before `before`; returns how many. */
  purgeVotesBefore(before: Date): Promise<number>;
  /** Deletes search events (and with them their session ids) of UTC days before the day of `before` (events keep only their day); returns how many. */
  purgeEventsBefore(before: Date): Promise<number>;
  /** Every attachment path the store references (to clean up uploads that never became a ticket). */
  attachmentPaths(): Promise<Set<string>>;
  /** Counts for tests and health: tickets, attachments, deliveries by state. */
  stats(): Promise<{ tickets: number; attachments: number; pending: number; delivered: number; failed: number }>;
  close(): void;
}
