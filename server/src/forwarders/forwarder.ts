/**
 * A forwarder hands a stored ticket to a helpdesk the company already runs, and carries the
 * ticket's life after Send both ways: the customer's replies out (`deliverReply`), the helpdesk's
 * status changes and agent replies in (`inbound` for helpdesks that call us, `poll` for those we
 * ask). Called by the outbox worker, at least once per ticket and per reply: implementations make
 * delivery idempotent on the receiving side where the helpdesk's API allows it (the delivery id is
 * stable across retries).
 *
 * Everything coming in is turned into one shape, `StatusUpdate` (core/contract/status-update.ts),
 * so the routes, the store and the outbox never know which helpdesk they talk to.
 */
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import type { StoredAttachment, StoredTicket } from '../store/records.ts';

export interface DeliveryContext {
  /** Stable across retries of the same delivery: use it as the idempotency key / webhook-id. */
  deliveryId: string;
  /** Reads a stored attachment's bytes. */
  readAttachment(path: string): Promise<Uint8Array>;
  /** HTTP client; tests pass MSW-intercepted fetch (the global one by default). */
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/**
 * What a delivery of the ticket itself, or of a reply, came to.
 * `externalId`: the helpdesk's id for the ticket. A reply's delivery returns one only when the
 * conversation moved to another helpdesk ticket (Zendesk opens a follow-up for a reply to a closed
 * ticket): store it with that delivery (`markDelivered(id, at, externalId)`), and the latest one is
 * the ticket's external id from then on.
 */
export type DeliveryResult =
  | { ok: true; externalId?: string }
  /**
   * `retryable: false` for answers that will never succeed (bad credentials, 4xx other than 408/409/429).
   * `retryAfterMs`: the helpdesk asked to wait at least this long (a `Retry-After` header).
   */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export type DeliveryFailure = Extract<DeliveryResult, { ok: false }>;

/** A file that came with a customer's reply, as the server stored it (sniffed type, sanitized name). */
export type ReplyAttachment = Pick<StoredAttachment, 'name' | 'type' | 'size' | 'path'>;

/** A customer's reply to a ticket, to be added to the helpdesk's ticket in order. */
export interface OutgoingReply {
  /** The reply's id on our side; stable across retries. */
  id: string;
  /** When the customer sent it (ISO 8601). */
  at: string;
  /** After redaction, as stored. */
  message: string;
  attachments: ReplyAttachment[];
  /** Only customers reply through support-kit; agents answer in the helpdesk (or the console without one). */
  author: 'customer';
}

/**
 * The ticket was closed on our side: by its customer on the status page, or by the market's
 * automatic closing after days without the customer's answer. The helpdesk closes its ticket too,
 * so that it neither waits for an answer nor reopens ours with a later update.
 */
export interface OutgoingClose {
  /** The history entry's id; stable across retries. */
  id: string;
  /** When it was closed (ISO 8601). */
  at: string;
  /** `customer`: the customer said it is solved; `support`: an agent closed it in the console; `no-reply`: it waited on the customer past the market's days. */
  reason: 'customer' | 'support' | 'no-reply';
  /** The customer's closing words (after redaction) or the automatic closing's note. */
  note?: string;
}

/** A reply's delivery knows which helpdesk ticket it belongs to. */
export interface ReplyContext extends DeliveryContext {
  /** The helpdesk's id for the ticket, stored by the ticket's own delivery (`Delivery.externalId`). */
  externalId: string;
}

/** Asking a polled helpdesk about one ticket. */
export interface PollContext {
  /** The helpdesk's id for the ticket (`Delivery.externalId`). */
  externalId: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** The time the answer is read at: a status found by polling happened at the latest then. */
  now: Date;
}

/**
 * A poll's answer: the updates in the order to apply them (oldest `at` first; ids are stable, so
 * the same reply read twice is applied once), or a failure the scheduler backs off on.
 */
export type PollResult = { ok: true; updates: StatusUpdate[] } | DeliveryFailure;

/** Which of our tickets an inbound update is about: our number, or the helpdesk's id for it. */
export interface TicketRef {
  /** support-kit's number (BR-000123), where the helpdesk echoes it back (Zendesk's external_id). */
  number?: string;
  /** The helpdesk's ticket id, matched against `Delivery.externalId` of this forwarder's deliveries. */
  externalId?: string;
}

/** What receiving a helpdesk's call may use besides the request. */
export interface InboundContext {
  /** The receiving time: signatures older than the adapter's tolerance are refused against it. */
  now: Date;
  /** For adapters that read the helpdesk's API after an authenticated call (Freshdesk). */
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/**
 * What a helpdesk's call came to, and what the route answers:
 * - `updates`: apply them in order (each idempotent by id), then 200; 404 when no ticket matches
 *   `ticketRef` (the helpdesk ticket was not opened by support-kit);
 * - `ignored`: authentic, but nothing for us (an event we do not map, a comment of the customer's
 *   own that we posted): 200, so the helpdesk does not retry it;
 * - `refused`: 401 (not authentic, or signed too long ago: a replay) or 400 (unreadable body);
 * - `unavailable`: the helpdesk's API failed while we read the change: 503, so it retries.
 */
export type InboundOutcome =
  | { kind: 'updates'; ticketRef: TicketRef; updates: StatusUpdate[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; status: 400 | 401; reason: string }
  | { kind: 'unavailable'; error: string };

/**
 * The receiving half for a helpdesk that calls us: `POST /api/helpdesks/:name/webhook`, `:name`
 * being the forwarder's name. Checks authenticity and age before anything else; never throws for a
 * bad request.
 */
export interface InboundWebhook {
  /**
   * `request` gives the headers; `rawBody` is the body exactly as received (signatures cover its
   * bytes, so the route reads it once as text, with the JSON body cap, and passes it here unparsed).
   */
  receive(request: Request, rawBody: string, context: InboundContext): Promise<InboundOutcome>;
}

export interface Forwarder {
  /** Stable name stored with each delivery: 'webhook', 'whmcs', 'zendesk', 'freshdesk'. */
  readonly name: string;
  /** Whether this forwarder e-mails the customer itself (then the server sends no confirmation). */
  readonly sendsOwnConfirmation: boolean;
  /** How long one delivery (all its requests) may take before the worker gives up on it and retries later; the worker's default otherwise. */
  readonly timeoutMs?: number;
  deliver(ticket: StoredTicket, context: DeliveryContext): Promise<DeliveryResult>;

  /**
   * Adds a customer's reply (and its files) to the helpdesk ticket `context.externalId`. Absent: the
   * helpdesk takes no replies from us (the confirmation e-mail).
   */
  readonly deliverReply?: (ticket: StoredTicket, reply: OutgoingReply, context: ReplyContext) => Promise<DeliveryResult>;
  /**
   * Closes the helpdesk ticket `context.externalId` (a no-op where it is closed already). Absent:
   * the helpdesk is not told, and its next update may reopen the ticket here.
   */
  readonly deliverClose?: (ticket: StoredTicket, close: OutgoingClose, context: ReplyContext) => Promise<DeliveryResult>;
  /** For helpdesks that call us on a change (Zendesk, Freshdesk). */
  readonly inbound?: InboundWebhook;
  /** For helpdesks we ask (WHMCS): the ticket's updates as of now. Scheduled with backoff under a lease. */
  readonly poll?: (ticket: StoredTicket, context: PollContext) => Promise<PollResult>;
  /** How often to poll an open ticket when all is well; the scheduler backs off on failures. */
  readonly pollIntervalMs?: number;
  /**
   * Whether a customer's reply to a closed ticket reopens it in the helpdesk. False (or absent): the
   * status page says a new ticket is needed instead of offering the reply form.
   */
  readonly canReopen?: boolean;
  /**
   * Whether the agent's reply text may be shown on the status page. Adapters honour it themselves:
   * their updates carry `reply.message` only when true. False: the page says "support replied at
   * <time>" and the text stays in the helpdesk and its e-mail. Internal notes never come through.
   */
  readonly showsAgentReplyText?: boolean;
}

/**
 * Delivers a reply or a close through a forwarder, for the outbox: a failure to retry while the
 * ticket itself has no external id yet (its delivery still pending), a permanent one where the
 * forwarder takes no such delivery.
 */
export async function deliverEntryThrough(
  forwarder: Forwarder,
  ticket: StoredTicket,
  entry: { reply: OutgoingReply } | { close: OutgoingClose },
  context: DeliveryContext & { externalId: string | undefined },
): Promise<DeliveryResult> {
  const { deliverReply, deliverClose } = forwarder;
  const [send, what, taken] =
    'reply' in entry
      ? [deliverReply && ((c: ReplyContext) => deliverReply(ticket, entry.reply, c)), 'reply', 'replies']
      : [deliverClose && ((c: ReplyContext) => deliverClose(ticket, entry.close, c)), 'closing', 'closing'];
  if (!send) return { ok: false, retryable: false, error: `${forwarder.name} takes no ${taken}` };
  const { externalId } = context;
  if (!externalId) return { ok: false, retryable: true, error: `${forwarder.name}: ticket ${ticket.number} is not delivered yet; the ${what} waits for it` };
  return send({ ...context, externalId });
}

/** What the configured helpdesks allow after Send, for the ticket's status answer and the reply route. */
export interface AfterSendCapabilities {
  /** Some forwarder takes customer replies (else, without a helpdesk, agents answer in the console). */
  takesReplies: boolean;
  /** A reply to a closed ticket reopens it everywhere it goes; with no helpdesk, the server reopens it itself. */
  canReopen: boolean;
  /** Every helpdesk that sends updates allows its agents' reply text on the status page. */
  showsAgentReplyText: boolean;
}

/** The capabilities of a set of forwarders: a ticket goes to all of them, so the strictest one decides. */
export function afterSendCapabilities(forwarders: readonly Forwarder[]): AfterSendCapabilities {
  const replying = forwarders.filter((f) => f.deliverReply);
  const informing = forwarders.filter((f) => f.inbound || f.poll);
  return {
    takesReplies: replying.length > 0,
    canReopen: replying.every((f) => f.canReopen === true),
    showsAgentReplyText: informing.every((f) => f.showsAgentReplyText === true),
  };
}

/** The forwarder whose inbound webhook answers `POST /api/helpdesks/:name/webhook`. */
export function inboundForwarder(forwarders: readonly Forwarder[], name: string): (Forwarder & { inbound: InboundWebhook }) | undefined {
  return forwarders.find((f): f is Forwarder & { inbound: InboundWebhook } => f.name === name && f.inbound !== undefined);
}
