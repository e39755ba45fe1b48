/**
 * Zendesk Support (Ticketing API) with an API token: Basic auth `{email}/token:{apiToken}`.
 *
 * 1. `GET /api/v2/tickets?external_id={number}`: a ticket an earlier attempt created (our answer lost
 *    to a crash or timeout) is found and reused, without uploading the files again.
 * 2. `POST /api/v2/uploads?filename=…` with the file's bytes and its type: one upload token per file
 *    (tokens expire after an hour, so they are not kept between attempts).
 * 3. `POST /api/v2/tickets` with `Idempotency-Key: {deliveryId}`: Zendesk returns the first ticket
 *    instead of creating a second one for a retry of the same request.
 *
 * After Send: the customer's replies become the requester's public comments; ticket events come
 * back through a signed webhook (see docs/helpdesks/zendesk.md).
 */
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryResult, Forwarder, InboundOutcome, InboundWebhook, OutgoingReply, ReplyAttachment } from './forwarder.ts';
import { basicAuth, bytesBlob, failureFromResponse, joinUrl, networkFailure } from './helpdesk-http.ts';
import { constantTimeEqual, hmacBase64, idString, isoInstant, isRecord, parseJson, refused, staleness, statusUpdate } from './inbound.ts';
import { closeNote, composeMessage, composeSubject, oneLine } from './ticket-message.ts';

export type ZendeskForwarderOptions = (
  | { /** The account's subdomain: `acme` for https://acme.zendesk.com. */ subdomain: string; baseUrl?: never }
  | { /** The account's URL, e.g. https://acme.zendesk.com or a host-mapped https://support.acme.com. */ baseUrl: string; subdomain?: never }
) & {
  /** The agent or admin e-mail the API token belongs to. */
  email: string;
  /** Admin Center > Apps and integrations > Zendesk API > API token. */
  apiToken: string;
  /** Zendesk's default triggers e-mail requesters; false by default, so the server's own confirmation is sent. */
  sendsOwnConfirmation?: boolean;
  /** The signing secret of the webhook that tells us about ticket events; absent: nothing comes back from Zendesk. */
  webhookSecret?: string;
  /** Public agent comments are shown on the status page; true by default. */
  showsAgentReplyText?: boolean;
};

export const zendeskPriority = { low: 'low', medium: 'normal', high: 'high' } as const;

/** The request body of `POST /api/v2/tickets`. */
export function zendeskTicketBody(stored: StoredTicket, uploads: string[]) {
  const { ticket } = stored;
  return {
    ticket: {
      subject: composeSubject(stored),
      comment: { body: composeMessage(stored, 'text'), ...(uploads.length ? { uploads } : {}) },
      priority: zendeskPriority[ticket.priority],
      requester: { name: oneLine(ticket.customer.name), email: ticket.customer.email },
      external_id: stored.number,
      tags: ['support-kit', ticket.department],
    },
  };
}

/** `status`: the HTTP status of a refusal, for the callers that react to one (422: Zendesk's own rules). */
type Step<T> = { value: T } | { failure: Extract<DeliveryResult, { ok: false }>; status?: number };

/** Zendesk's statuses in ours: `pending` waits on the requester; `solved` is closed for the customer (a reply reopens it). */
export const zendeskStatuses: Readonly<Record<string, TicketStatus>> = {
  new: 'open',
  open: 'in-progress',
  pending: 'waiting-customer',
  hold: 'in-progress',
  solved: 'closed',
  closed: 'closed',
};

/** Reads a Zendesk status (event payloads write it in capitals); undefined for one we do not know. */
export function zendeskStatus(value: unknown): TicketStatus | undefined {
  return typeof value === 'string' ? zendeskStatuses[value.trim().toLowerCase()] : undefined;
}

/** The comment a customer's reply becomes: public, written by the requester, with its files. */
export function zendeskReplyComment(reply: OutgoingReply, requesterId: number, uploads: string[]) {
  return { body: reply.message, public: true, author_id: requesterId, ...(uploads.length ? { uploads } : {}) };
}

/**
 * Zendesk's ticket events webhook (`zen:event-type:ticket.status_changed` and
 * `ticket.comment_added`), signed with the webhook's signing secret: base64 HMAC-SHA256 of the
 * `X-Zendesk-Webhook-Signature-Timestamp` value followed by the raw body.
 */
export function zendeskInbound(signingSecret: string, showText: boolean): InboundWebhook {
  return {
    receive(request, rawBody, { now }) {
      return Promise.resolve(receiveZendesk(request, rawBody, now, signingSecret, showText));
    },
  };
}

/** A comment this close to the ticket's creation came with it. */
const firstCommentWindowMs = 10_000;

function receiveZendesk(request: Request, rawBody: string, now: Date, secret: string, showText: boolean): InboundOutcome {
  const signature = request.headers.get('x-zendesk-webhook-signature');
  const timestamp = request.headers.get('x-zendesk-webhook-signature-timestamp');
  if (!signature || !timestamp) return refused(401, 'no X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp');
  if (!constantTimeEqual(signature.trim(), hmacBase64(secret, `${timestamp}${rawBody}`))) return refused(401, 'the Zendesk signature does not match');
  const stale = staleness(new Date(timestamp), now);
  if (stale) return refused(401, stale);

  const event = parseJson(rawBody);
  if (!isRecord(event) || !isRecord(event.detail)) return refused(400, 'not a Zendesk event');
  const { detail } = event;
  const eventId = idString(event.id);
  const at = isoInstant(event.time);
  const ticketId = idString(detail.id);
  if (!eventId || !at || !ticketId) return refused(400, 'a Zendesk event needs id, time and detail.id');
  const ticketRef = { externalId: ticketId, ...(idString(detail.external_id) ? { number: idString(detail.external_id) } : {}) };
  const id = `zendesk:${eventId}`;

  if (event.type === 'zen:event-type:ticket.status_changed') {
    const current = isRecord(event.event) ? event.event.current : undefined;
    const status = zendeskStatus(isRecord(current) ? current.status : current) ?? zendeskStatus(detail.status);
    if (!status) return { kind: 'ignored', reason: `Zendesk status ${JSON.stringify(detail.status)} has no match` };
    const update = statusUpdate({ id, at, status }, showText);
    return update ? { kind: 'updates', ticketRef, updates: [update] } : refused(400, 'unreadable status change');
  }
  if (event.type === 'zen:event-type:ticket.comment_added') {
    const comment = isRecord(event.event) && isRecord(event.event.comment) ? event.event.comment : undefined;
    const author = comment && isRecord(comment.author) ? comment.author : undefined;
    // Internal notes never reach the customer; the requester's own comments (ours among them) are not support's replies.
    if (!comment || comment.is_public !== true) return { kind: 'ignored', reason: 'a private comment' };
    if (author?.is_staff !== true || (detail.requester_id !== undefined && idString(author.id) === idString(detail.requester_id))) {
      return { kind: 'ignored', reason: "the requester's own comment" };
    }
    // The ticket's first comment is the customer's own message, which Zendesk may attribute to the
    // API user (an agent) when support-kit creates the ticket: it comes with the creation.
    const created = isoInstant(detail.created_at);
    if (created && Date.parse(at) - Date.parse(created) < firstCommentWindowMs) return { kind: 'ignored', reason: "the ticket's first comment" };
    const message = typeof comment.body === 'string' ? comment.body : undefined;
    const update = statusUpdate({ id, at, reply: { message } }, showText);
    return update ? { kind: 'updates', ticketRef, updates: [update] } : refused(400, 'unreadable comment');
  }
  return { kind: 'ignored', reason: `Zendesk event ${String(event.type)} is not one support-kit follows` };
}

export function createZendeskForwarder(options: ZendeskForwarderOptions): Forwarder {
  const base = options.baseUrl ?? `https://${options.subdomain}.zendesk.com`;
  const authorization = basicAuth(`${options.email}/token`, options.apiToken);
  const showText = options.showsAgentReplyText ?? true;

  async function call<T>(what: string, path: string, init: RequestInit, context: DeliveryContext): Promise<Step<T>> {
    let response: Response;
    try {
      response = await context.fetch(joinUrl(base, path), {
        ...init,
        headers: { authorization, accept: 'application/json', ...init.headers },
        signal: context.signal,
      });
    } catch (error) {
      return { failure: networkFailure(error, `Zendesk ${what}`) };
    }
    if (!response.ok) return { failure: await failureFromResponse(response, `Zendesk ${what}`), status: response.status };
    try {
      return { value: (await response.json()) as T };
    } catch {
      return { failure: { ok: false, retryable: true, error: `Zendesk ${what}: HTTP ${response.status}, not JSON` } };
    }
  }

  /** One upload token per file (tokens expire after an hour, so they are not kept between attempts). */
  async function upload(files: readonly ReplyAttachment[], context: DeliveryContext): Promise<Step<string[]>> {
    const tokens: string[] = [];
    for (const file of files) {
      const bytes = await context.readAttachment(file.path);
      const uploaded = await call<{ upload?: { token?: string } }>(
        `upload of ${file.name}`,
        `/api/v2/uploads?${new URLSearchParams({ filename: file.name }).toString()}`,
        { method: 'POST', headers: { 'content-type': file.type }, body: bytesBlob(bytes, file.type) },
        context,
      );
      if ('failure' in uploaded) return uploaded;
      const token = uploaded.value.upload?.token;
      if (!token) return { failure: { ok: false, retryable: true, error: `Zendesk upload of ${file.name}: no upload token in the answer` } };
      tokens.push(token);
    }
    return { value: tokens };
  }

  async function createTicket(body: unknown, context: DeliveryContext): Promise<DeliveryResult> {
    const created = await call<{ ticket?: { id?: number } }>(
      'ticket creation',
      '/api/v2/tickets',
      { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': context.deliveryId }, body: JSON.stringify(body) },
      context,
    );
    if ('failure' in created) return created.failure;
    const id = created.value.ticket?.id;
    return id === undefined ? { ok: true } : { ok: true, externalId: String(id) };
  }

  return {
    name: 'zendesk',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? false,
    canReopen: true,
    showsAgentReplyText: showText,
    ...(options.webhookSecret ? { inbound: zendeskInbound(options.webhookSecret, showText) } : {}),
    async deliver(stored, context) {
      const existing = await call<{ tickets?: Array<{ id: number }> }>(
        'ticket lookup',
        `/api/v2/tickets?${new URLSearchParams({ external_id: stored.number }).toString()}`,
        { method: 'GET' },
        context,
      );
      if ('failure' in existing) return existing.failure;
      const found = existing.value.tickets?.[0];
      if (found) return { ok: true, externalId: String(found.id) };

      const uploads = await upload(stored.attachments, context);
      if ('failure' in uploads) return uploads.failure;
      return createTicket(zendeskTicketBody(stored, uploads.value), context);
    },

    /**
     * `GET /api/v2/tickets/{id}` for the requester and the status, then the reply as the requester's
     * public comment (`PUT`), which reopens a solved ticket. A closed ticket takes no comments: the
     * reply opens a follow-up (`via_followup_source_id`) whose id names the ticket from then on.
     */
    async deliverReply(stored, reply, context) {
      const path = `/api/v2/tickets/${encodeURIComponent(context.externalId)}`;
      const current = await call<{ ticket?: { id?: number; status?: string; requester_id?: number } }>('ticket read', path, { method: 'GET' }, context);
      if ('failure' in current) return current.failure;
      const requesterId = current.value.ticket?.requester_id;
      if (typeof requesterId !== 'number') return { ok: false, retryable: true, error: `Zendesk ticket read: no requester_id for ticket ${context.externalId}` };

      const uploads = await upload(reply.attachments, context);
      if ('failure' in uploads) return uploads.failure;
      const comment = zendeskReplyComment(reply, requesterId, uploads.value);

      if (current.value.ticket?.status === 'closed') {
        return createTicket(
          {
            ticket: {
              via_followup_source_id: Number(context.externalId),
              subject: composeSubject(stored),
              comment,
              requester_id: requesterId,
              external_id: stored.number,
              tags: ['support-kit', stored.ticket.department],
            },
          },
          context,
        );
      }
      const updated = await call<unknown>(
        'reply',
        path,
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket: { comment } }) },
        context,
      );
      return 'failure' in updated ? updated.failure : { ok: true };
    },

    /**
     * Nothing to do when Zendesk solved or closed it already. Else one `PUT`: status `solved` with an
     * internal note saying who closed it and why (a private comment does not reopen anything and the
     * requester gets no e-mail of it). Zendesk's own rules may refuse to solve it (a ticket without an
     * assignee, a field required on solving): then the note alone goes in, asking an agent to solve it.
     */
    async deliverClose(_stored, close, context) {
      const path = `/api/v2/tickets/${encodeURIComponent(context.externalId)}`;
      const current = await call<{ ticket?: { status?: string } }>('ticket read', path, { method: 'GET' }, context);
      if ('failure' in current) return current.failure;
      const status = current.value.ticket?.status;
      if (status === 'solved' || status === 'closed') return { ok: true };
      const put = (what: string, ticket: unknown) =>
        call<unknown>(what, path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket }) }, context);
      const solved = await put('closing', { status: 'solved', comment: { body: closeNote(close), public: false } });
      if (!('failure' in solved)) return { ok: true };
      if (solved.status !== 422) return solved.failure;
      const body = `${closeNote(close)}\n\nZendesk did not let support-kit solve the ticket (${solved.failure.error}); please solve it.`;
      const noted = await put('closing note', { comment: { body, public: false } });
      return 'failure' in noted ? noted.failure : { ok: true };
    },
  };
}
