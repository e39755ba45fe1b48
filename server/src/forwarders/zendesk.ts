/**
 * Zendesk Support (Ticketing API) with an API token: Basic auth `{email}/token:{apiToken}`.
 *
 * 1. `GET /api/v2/tickets?external_id={number}`: a ticket an earlier attempt created (our answer lost
 *    to a crash or timeout) is found and reused, without uploading the files again.
 * 2. `POST /api/v2/uploads?filename=…` with the file's bytes and its type: one upload token per file
 *    (tokens expire after an hour, so they are not kept between attempts).
 * 3. `POST /api/v2/tickets` with `Idempotency-Key: {deliveryId}`: Zendesk returns the first ticket
 *    instead of creating a second one for a retry of the same request.
 */
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryResult, Forwarder } from './forwarder.ts';
import { basicAuth, bytesBlob, failureFromResponse, joinUrl, networkFailure } from './helpdesk-http.ts';
import { composeMessage, composeSubject, oneLine } from './ticket-message.ts';

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

type Step<T> = { value: T } | { failure: Extract<DeliveryResult, { ok: false }> };

export function createZendeskForwarder(options: ZendeskForwarderOptions): Forwarder {
  const base = options.baseUrl ?? `https://${options.subdomain}.zendesk.com`;
  const authorization = basicAuth(`${options.email}/token`, options.apiToken);

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
    if (!response.ok) return { failure: await failureFromResponse(response, `Zendesk ${what}`) };
    try {
      return { value: (await response.json()) as T };
    } catch {
      return { failure: { ok: false, retryable: true, error: `Zendesk ${what}: HTTP ${response.status}, not JSON` } };
    }
  }

  return {
    name: 'zendesk',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? false,
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

      const uploads: string[] = [];
      for (const attachment of stored.attachments) {
        const bytes = await context.readAttachment(attachment.path);
        const uploaded = await call<{ upload?: { token?: string } }>(
          `upload of ${attachment.name}`,
          `/api/v2/uploads?${new URLSearchParams({ filename: attachment.name }).toString()}`,
          { method: 'POST', headers: { 'content-type': attachment.type }, body: bytesBlob(bytes, attachment.type) },
          context,
        );
        if ('failure' in uploaded) return uploaded.failure;
        const token = uploaded.value.upload?.token;
        if (!token) return { ok: false, retryable: true, error: `Zendesk upload of ${attachment.name}: no upload token in the answer` };
        uploads.push(token);
      }

      const created = await call<{ ticket?: { id?: number } }>(
        'ticket creation',
        '/api/v2/tickets',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': context.deliveryId },
          body: JSON.stringify(zendeskTicketBody(stored, uploads)),
        },
        context,
      );
      if ('failure' in created) return created.failure;
      const id = created.value.ticket?.id;
      return id === undefined ? { ok: true } : { ok: true, externalId: String(id) };
    },
  };
}
