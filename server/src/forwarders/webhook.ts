/**
 * A signed webhook following Standard Webhooks: `webhook-id` (the delivery id, stable across retries,
 * so receivers de-duplicate), `webhook-timestamp` (seconds, at sending) and `webhook-signature`
 * (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`), signed with the official `standardwebhooks`
 * package so any Standard Webhooks library verifies it.
 *
 * After Send: a customer's reply is a `ticket.reply` event, a close on our side (the customer's, or
 * the automatic one) a `ticket.closed` event, signed the same way; the receiver's
 * helpdesk answers through `POST /api/tickets/:number/status`, a StatusUpdate signed with the same
 * scheme (routes/ticket-updates.ts checks it).
 */
import { Webhook } from 'standardwebhooks';
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryResult, Forwarder, OutgoingClose, OutgoingReply } from './forwarder.ts';
import { failureFromResponse, networkFailure } from './helpdesk-http.ts';

export interface WebhookForwarderOptions {
  /** Where to POST, e.g. https://hooks.example.com/support-kit. */
  url: string;
  /** A Standard Webhooks secret: `whsec_` followed by base64 of 24 to 64 random bytes. */
  secret: string;
  /** Whether the receiver e-mails the customer itself; false by default. */
  sendsOwnConfirmation?: boolean;
  /** Clock for `webhook-timestamp`; tests pin it. */
  now?: () => Date;
}

/** The event type the receiver switches on. */
export const ticketCreatedEvent = 'ticket.created';
export const ticketReplyEvent = 'ticket.reply';
export const ticketClosedEvent = 'ticket.closed';

/** The webhook body: a Standard Webhooks event envelope around the ticket summary. */
export interface TicketCreatedEvent {
  type: typeof ticketCreatedEvent;
  /** When the ticket was created (the event time, the same on every retry). */
  timestamp: string;
  data: ReturnType<typeof ticketSummary>;
}

/**
 * What the receiver gets: the stored ticket without anything it must not see (the opaque
 * customer-token, file paths on this server) and with the server's view of the attachments
 * (sanitized names, sniffed types) instead of the client's claims.
 */
export function ticketSummary(stored: StoredTicket) {
  const { attachments: _claimed, customer, ...ticket } = stored.ticket;
  const { token: _token, ...publicCustomer } = customer;
  return {
    id: stored.id,
    number: stored.number,
    status: stored.status,
    createdAt: stored.createdAt,
    expectedReplyBy: stored.expectedReplyBy,
    verifiedCustomerId: stored.verifiedCustomerId ?? null,
    redacted: stored.redacted,
    ticket: { ...ticket, customer: publicCustomer },
    attachments: stored.attachments.map(({ name, type, size }) => ({ name, type, size })),
  };
}

/** Which ticket an event after Send is about: ours, and the receiver's id for it where it gave one. */
export interface TicketRefData {
  id: string;
  number: string;
  externalId?: string;
}

/** The webhook's own deliveries return no id, so the receiver knows the ticket by our number. */
function ticketRef(stored: StoredTicket, externalId: string): TicketRefData {
  return { id: stored.id, number: stored.number, ...(externalId !== stored.number ? { externalId } : {}) };
}

/** A customer's reply event: which ticket, and the reply without file paths. */
export interface TicketReplyEvent {
  type: typeof ticketReplyEvent;
  /** When the customer sent the reply. */
  timestamp: string;
  data: {
    ticket: TicketRefData;
    reply: { id: string; at: string; author: 'customer'; message: string; attachments: Array<{ name: string; type: string; size: number }> };
  };
}

export function ticketReplyBody(stored: StoredTicket, reply: OutgoingReply, externalId: string): TicketReplyEvent {
  return {
    type: ticketReplyEvent,
    timestamp: reply.at,
    data: {
      ticket: ticketRef(stored, externalId),
      reply: { id: reply.id, at: reply.at, author: reply.author, message: reply.message, attachments: reply.attachments.map(({ name, type, size }) => ({ name, type, size })) },
    },
  };
}

/**
 * The ticket was closed here: by its customer (`reason: customer`, with their words if any), by an
 * agent in the console, or automatically (`no-reply`). The receiver closes its own ticket.
 */
export interface TicketClosedEvent {
  type: typeof ticketClosedEvent;
  /** When it was closed. */
  timestamp: string;
  data: { ticket: TicketRefData; close: OutgoingClose };
}

export function ticketClosedBody(stored: StoredTicket, close: OutgoingClose, externalId: string): TicketClosedEvent {
  return { type: ticketClosedEvent, timestamp: close.at, data: { ticket: ticketRef(stored, externalId), close } };
}

export function createWebhookForwarder(options: WebhookForwarderOptions): Forwarder {
  // Fails here, at configuration time, for a secret that is not base64.
  const signer = new Webhook(options.secret);
  const now = options.now ?? (() => new Date());

  async function post(event: TicketCreatedEvent | TicketReplyEvent | TicketClosedEvent, context: DeliveryContext): Promise<DeliveryResult> {
    const body = JSON.stringify(event);
    const sentAt = now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'support-kit-webhooks',
      'webhook-id': context.deliveryId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signer.sign(context.deliveryId, sentAt, body),
    };
    let response: Response;
    try {
      response = await context.fetch(options.url, { method: 'POST', headers, body, signal: context.signal, redirect: 'manual' });
    } catch (error) {
      return networkFailure(error, 'webhook');
    }
    if (response.ok) {
      await response.body?.cancel();
      return { ok: true };
    }
    return failureFromResponse(response, 'webhook');
  }

  return {
    name: 'webhook',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? false,
    // The receiver decides what a reply to a closed ticket does; its answer comes back as a status.
    canReopen: true,
    // The receiver sends reply text only where its helpdesk allows it (the status endpoint's contract).
    showsAgentReplyText: true,
    async deliver(stored: StoredTicket, context: DeliveryContext): Promise<DeliveryResult> {
      const result = await post({ type: ticketCreatedEvent, timestamp: stored.createdAt, data: ticketSummary(stored) }, context);
      // The receiver knows the ticket by our number: replies go to it by that.
      return result.ok ? { ok: true, externalId: stored.number } : result;
    },
    deliverReply(stored, reply, context) {
      return post(ticketReplyBody(stored, reply, context.externalId), context);
    },
    deliverClose(stored, close, context) {
      return post(ticketClosedBody(stored, close, context.externalId), context);
    },
  };
}
