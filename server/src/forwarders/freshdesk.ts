/**
 * Freshdesk tickets API v2: `POST /api/v2/tickets`, Basic auth with the API key as user and `X` as
 * password. JSON without attachments; `multipart/form-data` with `attachments[]` parts when there
 * are files (Freshdesk caps them at 20 MB in total). Freshdesk has no idempotency key: a crash
 * between its answer and our commit can create the ticket twice (the subject carries our number).
 */
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryResult, Forwarder } from './forwarder.ts';
import { basicAuth, bytesBlob, failureFromResponse, joinUrl, networkFailure } from './helpdesk-http.ts';
import { composeMessage, composeSubject, oneLine } from './ticket-message.ts';

export type FreshdeskForwarderOptions = (
  | { /** The helpdesk's domain: `acme` or `acme.freshdesk.com`. */ domain: string; baseUrl?: never }
  | { /** The helpdesk's URL, e.g. https://acme.freshdesk.com. */ baseUrl: string; domain?: never }
) & {
  /** Profile settings > View API key. */
  apiKey: string;
  /** Freshdesk e-mails requesters about new tickets by default; true by default. */
  sendsOwnConfirmation?: boolean;
};

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
  const endpoint = joinUrl(baseUrlFor(options), '/api/v2/tickets');
  const authorization = basicAuth(options.apiKey, 'X');

  return {
    name: 'freshdesk',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? true,
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
  };
}
