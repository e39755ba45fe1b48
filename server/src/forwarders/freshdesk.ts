/**
 * Freshdesk tickets API v2: `POST /api/v2/tickets`, Basic auth with the API key as user and `X` as
 * password. JSON without attachments; `multipart/form-data` with `attachments[]` parts when there
 * are files (Freshdesk caps them at 20 MB in total). Freshdesk has no idempotency key: a crash
 * between its answer and our commit can create the ticket twice (the subject carries our number).
 *
 * After Send: a customer's reply becomes a public incoming note from the requester (an agent's
 * `/reply` would be support speaking). Freshdesk cannot sign its automation webhooks, so their call
 * is authenticated by a shared-secret header and only says which ticket changed: what changed is
 * read from Freshdesk's API, so a forged or replayed call can make us read the truth, nothing more.
 */
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryFailure, DeliveryResult, Forwarder, InboundOutcome, InboundWebhook, OutgoingReply } from './forwarder.ts';
import { basicAuth, bytesBlob, failureFromResponse, joinUrl, networkFailure } from './helpdesk-http.ts';
import { byTime, constantTimeEqual, idString, isoInstant, isRecord, parseJson, refused, statusUpdate } from './inbound.ts';
import { closeNote, composeMessage, composeSubject, oneLine, textToHtml } from './ticket-message.ts';

export type FreshdeskForwarderOptions = (
  | { /** The helpdesk's domain: `acme` or `acme.freshdesk.com`. */ domain: string; baseUrl?: never }
  | { /** The helpdesk's URL, e.g. https://acme.freshdesk.com. */ baseUrl: string; domain?: never }
) & {
  /** Profile settings > View API key. */
  apiKey: string;
  /** Freshdesk e-mails requesters about new tickets by default; true by default. */
  sendsOwnConfirmation?: boolean;
  /** The value the automation rule's webhook sends in the `X-Support-Kit-Secret` header; absent: nothing comes back from Freshdesk. */
  webhookSecret?: string;
  /** Public agent replies and notes are shown on the status page; true by default. */
  showsAgentReplyText?: boolean;
};

/** The header Freshdesk's automation webhook sends the shared secret in. */
export const freshdeskSecretHeader = 'x-support-kit-secret';

/** Freshdesk's statuses in ours (2 Open, 3 Pending, 4 Resolved, 5 Closed, and the two default custom ones). */
export const freshdeskStatuses: Readonly<Record<number, TicketStatus>> = {
  2: 'open',
  3: 'waiting-customer',
  4: 'closed',
  5: 'closed',
  6: 'waiting-customer',
  7: 'in-progress',
};
const statusResolved = 4;
const statusClosed = 5;

/** The note a customer's reply becomes: public, incoming (from the customer's side), written by the requester. */
export function freshdeskReplyNote(reply: OutgoingReply, requesterId: number) {
  return { body: textToHtml(reply.message), incoming: true, private: false, user_id: requesterId };
}

interface FreshdeskTicket {
  id?: number;
  status?: number;
  requester_id?: number;
  updated_at?: string;
}

interface FreshdeskConversation {
  id?: number;
  body_text?: string;
  incoming?: boolean;
  private?: boolean;
  user_id?: number;
  created_at?: string;
}

/** Conversation pages read at most per call (100 each): far more than a support ticket has. */
const maxConversationPages = 10;

/** Freshdesk's limit for all attachments of one ticket together. */
export const freshdeskAttachmentsLimit = 20 * 1024 * 1024;

export const freshdeskPriority = { low: 1, medium: 2, high: 3 } as const;
const statusOpen = 2;
const sourcePortal = 2;

/** The ticket fields Freshdesk documents, the same in JSON and (as form fields) in multipart. */
export function freshdeskTicketFields(stored: StoredTicket, notes: string[] = []) {
  const { ticket } = stored;
  return {
    name: oneLine(ticket.customer.name),
    email: ticket.customer.email,
    subject: composeSubject(stored),
    description: composeMessage(stored, 'html', { notes }),
    priority: freshdeskPriority[ticket.priority],
    status: statusOpen,
    source: sourcePortal,
    tags: ['support-kit', ticket.department],
  };
}

function baseUrlFor(options: FreshdeskForwarderOptions): string {
  if (options.baseUrl) return options.baseUrl;
  const domain = options.domain ?? '';
  return `https://${domain.includes('.') ? domain : `${domain}.freshdesk.com`}`;
}

async function multipartBody(fields: ReturnType<typeof freshdeskTicketFields>, stored: StoredTicket, context: DeliveryContext) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) form.append(`${key}[]`, item);
    else form.append(key, String(value));
  }
  for (const attachment of stored.attachments) {
    const bytes = await context.readAttachment(attachment.path);
    form.append('attachments[]', bytesBlob(bytes, attachment.type), attachment.name);
  }
  return form;
}

export function createFreshdeskForwarder(options: FreshdeskForwarderOptions): Forwarder {
  const base = baseUrlFor(options);
  const endpoint = joinUrl(base, '/api/v2/tickets');
  const authorization = basicAuth(options.apiKey, 'X');
  const showText = options.showsAgentReplyText ?? true;

  /** `status`: the HTTP status of a refusal, for the callers that react to one. */
  type Answer<T> = { value: T; response: Response } | { failure: DeliveryFailure; status?: number };

  async function call<T>(what: string, url: string, init: RequestInit, context: { fetch: typeof fetch; signal?: AbortSignal | undefined }): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await context.fetch(url, { ...init, headers: { authorization, accept: 'application/json', ...init.headers }, signal: context.signal ?? null });
    } catch (error) {
      return { failure: networkFailure(error, `Freshdesk ${what}`) };
    }
    if (!response.ok) return { failure: await failureFromResponse(response, `Freshdesk ${what}`), status: response.status };
    try {
      return { value: (await response.json()) as T, response };
    } catch {
      return { failure: { ok: false, retryable: true, error: `Freshdesk ${what}: HTTP ${response.status}, not JSON` } };
    }
  }

  const ticketUrl = (id: string) => `${endpoint}/${encodeURIComponent(id)}`;

  /** The ticket's status and support's public replies, as updates: what a webhook call or a poll finds. */
  async function read(ticketId: string, context: { fetch: typeof fetch; signal?: AbortSignal | undefined }) {
    const ticket = await call<FreshdeskTicket>('ticket read', ticketUrl(ticketId), { method: 'GET' }, context);
    if ('failure' in ticket) return ticket;
    const conversations: FreshdeskConversation[] = [];
    let next: string | undefined = `${ticketUrl(ticketId)}/conversations?per_page=100`;
    for (let page = 0; next && page < maxConversationPages; page++) {
      const answer: Answer<FreshdeskConversation[]> = await call<FreshdeskConversation[]>('conversations read', next, { method: 'GET' }, context);
      if ('failure' in answer) return answer;
      conversations.push(...(Array.isArray(answer.value) ? answer.value : []));
      next = /<([^>]+)>;\s*rel="next"/.exec(answer.response.headers.get('link') ?? '')?.[1];
    }
    const { status, requester_id: requesterId, updated_at: updatedAt } = ticket.value;
    const replies = conversations
      // Support's public words: not private notes, not the customer's side (incoming), not the requester's.
      .filter((c) => c.private === false && c.incoming === false && c.user_id !== requesterId)
      .map((c) => {
        const at = isoInstant(c.created_at);
        return at && c.id !== undefined ? statusUpdate({ id: `freshdesk:conversation:${c.id}`, at, reply: { message: c.body_text } }, showText) : undefined;
      });
    const at = isoInstant(updatedAt);
    const ours = typeof status === 'number' ? freshdeskStatuses[status] : undefined;
    const change = at && ours ? statusUpdate({ id: `freshdesk:${ticketId}:status:${status}:${at}`, at, status: ours }, showText) : undefined;
    return { value: byTime([...replies, change]) };
  }

  const inbound: InboundWebhook | undefined = options.webhookSecret
    ? {
        async receive(request, rawBody, context): Promise<InboundOutcome> {
          const secret = request.headers.get(freshdeskSecretHeader);
          if (!secret || !constantTimeEqual(secret, options.webhookSecret ?? '')) return refused(401, `no or wrong ${freshdeskSecretHeader} header`);
          const body = parseJson(rawBody);
          const fields = isRecord(body) && isRecord(body.freshdesk_webhook) ? body.freshdesk_webhook : body;
          const ticketId = isRecord(fields) ? idString(fields.ticket_id) : undefined;
          if (!ticketId || !/^\d+$/.test(ticketId)) return refused(400, 'expected {"ticket_id": "{{ticket.id}}"}');
          const found = await read(ticketId, context);
          if ('failure' in found) return { kind: 'unavailable', error: found.failure.error };
          return { kind: 'updates', ticketRef: { externalId: ticketId }, updates: found.value };
        },
      }
    : undefined;

  return {
    name: 'freshdesk',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? true,
    canReopen: true,
    showsAgentReplyText: showText,
    ...(inbound ? { inbound } : {}),
    async deliver(stored, context): Promise<DeliveryResult> {
      const total = stored.attachments.reduce((sum, a) => sum + a.size, 0);
      const withFiles = stored.attachments.length > 0 && total <= freshdeskAttachmentsLimit;
      const notes =
        stored.attachments.length > 0 && !withFiles
          ? [`The attachments (${stored.attachments.length}, ${total} bytes) exceed Freshdesk's 20 MB limit and were not forwarded; they are kept on the support-kit server with ticket ${stored.number}.`]
          : [];
      const fields = freshdeskTicketFields(stored, notes);
      // Multipart: fetch sets the content type with its boundary. JSON otherwise.
      const init: RequestInit = withFiles
        ? { body: await multipartBody(fields, stored, context) }
        : { body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } };

      let response: Response;
      try {
        response = await context.fetch(endpoint, {
          ...init,
          method: 'POST',
          headers: { authorization, accept: 'application/json', ...init.headers },
          signal: context.signal,
        });
      } catch (error) {
        return networkFailure(error, 'Freshdesk ticket creation');
      }
      if (!response.ok) return failureFromResponse(response, 'Freshdesk ticket creation');
      const created = (await response.json().catch(() => ({}))) as { id?: number };
      return created.id === undefined ? { ok: true } : { ok: true, externalId: String(created.id) };
    },

    /**
     * Reads the ticket for its requester; reopens it (status Open) when resolved or closed, before
     * the note, so a retry never adds the note twice for a failed reopening; then
     * `POST /tickets/{id}/notes` as the requester's public incoming note, with the files as
     * multipart when they fit Freshdesk's 20 MB.
     */
    async deliverReply(_stored, reply, context) {
      const ticket = await call<FreshdeskTicket>('ticket read', ticketUrl(context.externalId), { method: 'GET' }, context);
      if ('failure' in ticket) return ticket.failure;
      const requesterId = ticket.value.requester_id;
      if (typeof requesterId !== 'number') return { ok: false, retryable: true, error: `Freshdesk ticket read: no requester_id for ticket ${context.externalId}` };
      if (ticket.value.status === statusResolved || ticket.value.status === statusClosed) {
        const reopened = await call<unknown>(
          'reopening',
          ticketUrl(context.externalId),
          { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: statusOpen }) },
          context,
        );
        if ('failure' in reopened) return reopened.failure;
      }
      const note = freshdeskReplyNote(reply, requesterId);
      const total = reply.attachments.reduce((sum, a) => sum + a.size, 0);
      let init: RequestInit;
      if (reply.attachments.length && total <= freshdeskAttachmentsLimit) {
        const form = new FormData();
        form.append('body', note.body);
        form.append('incoming', 'true');
        form.append('private', 'false');
        form.append('user_id', String(requesterId));
        for (const file of reply.attachments) form.append('attachments[]', bytesBlob(await context.readAttachment(file.path), file.type), file.name);
        init = { body: form };
      } else {
        const body = reply.attachments.length
          ? { ...note, body: `${note.body}<p>(${reply.attachments.length} attachments, ${total} bytes, exceed Freshdesk's 20 MB limit; they are kept on the support-kit server.)</p>` }
          : note;
        init = { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
      }
      const added = await call<unknown>('note', `${ticketUrl(context.externalId)}/notes`, { ...init, method: 'POST' }, context);
      return 'failure' in added ? added.failure : { ok: true };
    },

    /**
     * Nothing to do when the ticket is resolved or closed already. Else a private note saying who
     * closed it and why, then status Closed. The note comes first so that a failed closing is retried
     * without losing it (a lost answer to the closing can leave it twice: Freshdesk has no idempotency
     * key). A closing Freshdesk refuses as invalid (a field its admins require on closing) leaves the
     * note asking an agent to close it.
     */
    async deliverClose(_stored, close, context) {
      const url = ticketUrl(context.externalId);
      const ticket = await call<FreshdeskTicket>('ticket read', url, { method: 'GET' }, context);
      if ('failure' in ticket) return ticket.failure;
      if (ticket.value.status === statusResolved || ticket.value.status === statusClosed) return { ok: true };
      const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      const noted = await call<unknown>('closing note', `${url}/notes`, { ...json({ body: textToHtml(closeNote(close)), private: true }), method: 'POST' }, context);
      if ('failure' in noted) return noted.failure;
      const closed = await call<unknown>('closing', url, { ...json({ status: statusClosed }), method: 'PUT' }, context);
      if (!('failure' in closed)) return { ok: true };
      if (closed.status !== 400) return closed.failure;
      const asked = { body: textToHtml(`Freshdesk did not let support-kit close the ticket (${closed.failure.error}); please close it.`), private: true };
      const followUp = await call<unknown>('closing note', `${url}/notes`, { ...json(asked), method: 'POST' }, context);
      return 'failure' in followUp ? followUp.failure : { ok: true };
    },
  };
}

