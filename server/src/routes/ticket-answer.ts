/**
 * A ticket as its customer sees it: found by number with the ticket's Bearer token (the one in its
 * status link), and the status answer (core/contract/ticket-status.ts) with its full history, the
 * helpdesk's number, what the customer may do now and the day it closes by itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TicketStatusAnswer } from '../../../core/contract/ticket-status.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { readReplyExpectation, type StoredTicket, type TicketStatus } from '../store/records.ts';

/** What the configured forwarders allow after Send, and where each kind of news goes. */
export interface AfterSend {
  /** A reply to a closed ticket reopens it everywhere it goes (the server reopens it itself without a helpdesk). */
  canReopen: boolean;
  /** Forwarders that take the customer's replies (one outbox row each, after the ticket). */
  replyForwarders: readonly string[];
  /** Forwarders that close the helpdesk ticket when it is closed here (by its customer, or automatically). */
  closeForwarders: readonly string[];
  /** Forwarders that e-mail the customer support's news: a status change, an agent's reply (SMTP set, no helpdesk mails). */
  customerMail: readonly string[];
}

/** Nothing configured: replies stay here, the console answers them, and nothing reopens anywhere else. */
export const standaloneAfterSend: AfterSend = { canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: [] };

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** The ticket `number` if `authorization` carries its token; undefined for a wrong token and a missing ticket alike. */
export async function ticketForBearer(store: Store, number: string, authorization: string | undefined): Promise<(StoredTicket & { tokenHash: string }) | undefined> {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
  if (!token) return undefined;
  const ticket = await store.ticketByNumber(number);
  if (!ticket || !timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(ticket.tokenHash))) return undefined;
  return ticket;
}

/** What the customer may do with a ticket in `status`. */
export function ticketActions(status: TicketStatus, afterSend: AfterSend): TicketStatusAnswer['actions'] {
  const closed = status === 'closed';
  return { reply: !closed || afterSend.canReopen, close: !closed, reopenable: afterSend.canReopen };
}

/**
 * The day a ticket waiting on its customer closes by itself (support.yaml `ticketClosing` of its
 * market), in the market's zone; undefined when it does not wait or the market closes nothing.
 */
export function closesOn(ticket: StoredTicket, config: ServerConfig): string | undefined {
  const market = marketFor(config.support, ticket.ticket.lang);
  const days = market.ticketClosing?.daysWithoutCustomerReply;
  if (!days || !ticket.waitingSince || ticket.status === 'closed') return undefined;
  const closing = new Date(Date.parse(ticket.waitingSince) + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: market.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(closing);
}

export async function statusAnswer(ticket: StoredTicket, deps: { config: ServerConfig; store: Store; afterSend: AfterSend }): Promise<TicketStatusAnswer> {
  const { config, store } = deps;
  // The ticket's own deliveries: rows that carry a reply or an e-mail say nothing about where the ticket is.
  const deliveries = (await store.deliveriesFor(ticket.id)).filter((d) => !d.eventId);
  const state = deliveries.some((d) => d.state === 'failed') ? 'failed' : deliveries.every((d) => d.state === 'delivered') ? 'delivered' : 'pending';
  const market = marketFor(config.support, ticket.ticket.lang);
  const closing = closesOn(ticket, config);
  return {
    number: ticket.number,
    status: ticket.status,
    createdAt: ticket.createdAt,
    replyExpectation: readReplyExpectation(ticket.expectedReplyBy, market.firstReply, market.timeZone, ticket.createdAt),
    timeZone: market.timeZone,
    department: ticket.ticket.department,
    priority: ticket.ticket.priority,
    subject: ticket.ticket.subject,
    lang: ticket.ticket.lang,
    verified: Boolean(ticket.verifiedCustomerId),
    attachments: ticket.attachments.length,
    history: await store.history(ticket.id),
    ...(ticket.helpdeskNumber ? { helpdeskNumber: ticket.helpdeskNumber } : {}),
    actions: ticketActions(ticket.status, deps.afterSend),
    ...(closing ? { closesOn: closing } : {}),
    delivery: { state, forwarders: deliveries.map((d) => ({ name: d.forwarder, state: d.state, attempts: d.attempts })) },
  };
}
