/**
 * WHMCS `OpenTicket` through the external API: `POST {WHMCS}/includes/api.php`, form-encoded, with
 * API credentials (`identifier` + `secret`, and `accesskey` where the install uses one instead of an
 * IP allow-list). WHMCS answers 200 with `{ result: 'success', id, tid, c }` or
 * `{ result: 'error', message }`. WHMCS has no idempotency key: a crash between its answer and our
 * commit can open the ticket twice (the subject carries our number, so agents can merge).
 */
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryResult, Forwarder } from './forwarder.ts';
import { failureFromResponse, isRetryableStatus, networkFailure, retryAfterMs } from './helpdesk-http.ts';
import { composeMessage, composeSubject, oneLine } from './ticket-message.ts';

export interface WhmcsForwarderOptions {
  /** The WHMCS install (https://billing.example.com) or its API endpoint (…/includes/api.php). */
  url: string;
  /** API credential identifier (Setup > Staff Management > Manage API Credentials). */
  identifier: string;
  /** API credential secret. */
  secret: string;
  /** WHMCS support department id for each of our departments. */
  departments: Record<DepartmentKey, number>;
  /** `$api_access_key` from WHMCS's configuration.php, when the API is not IP-restricted. */
  accessKey?: string;
  /** WHMCS e-mails the customer on OpenTicket (unless its template is off); true by default. */
  sendsOwnConfirmation?: boolean;
}

const whmcsPriority = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** The API endpoint for a configured URL. */
export function whmcsApiUrl(url: string): string {
  return /\/api\.php$/.test(url) ? url : `${url.replace(/\/+$/, '')}/includes/api.php`;
}

const isWhmcsId = (value: string | undefined): value is string => value !== undefined && /^[1-9]\d{0,9}$/.test(value.trim());

/** WHMCS's attachment format: base64 of a JSON array of `{ name, data: base64(bytes) }`. */
export async function encodeWhmcsAttachments(stored: StoredTicket, context: DeliveryContext): Promise<string | undefined> {
  if (!stored.attachments.length) return undefined;
  const files = [];
  for (const attachment of stored.attachments) {
    const bytes = await context.readAttachment(attachment.path);
    files.push({ name: attachment.name, data: Buffer.from(bytes).toString('base64') });
  }
  return Buffer.from(JSON.stringify(files), 'utf8').toString('base64');
}

interface Identity {
  /** Send `clientid` (a verified, numeric WHMCS client id) instead of name and e-mail. */
  asClient: boolean;
  /** Send `serviceid`: only for a verified client, whose numeric service WHMCS can relate. */
  withService: boolean;
  notes: string[];
}

export function createWhmcsForwarder(options: WhmcsForwarderOptions): Forwarder {
  const endpoint = whmcsApiUrl(options.url);

  function form(stored: StoredTicket, identity: Identity, attachments: string | undefined): URLSearchParams {
    const { ticket } = stored;
    const params = new URLSearchParams({
      identifier: options.identifier,
      secret: options.secret,
      action: 'OpenTicket',
      responsetype: 'json',
      deptid: String(options.departments[ticket.department]),
      subject: composeSubject(stored),
      message: composeMessage(stored, 'markdown', { notes: identity.notes }),
      priority: whmcsPriority[ticket.priority],
      markdown: 'true',
    });
    if (options.accessKey) params.set('accesskey', options.accessKey);
    if (identity.asClient && stored.verifiedCustomerId) {
      params.set('clientid', stored.verifiedCustomerId.trim());
    } else {
      params.set('name', oneLine(ticket.customer.name));
      params.set('email', ticket.customer.email);
    }
    if (identity.withService && ticket.service) params.set('serviceid', ticket.service.trim());
    if (attachments) params.set('attachments', attachments);
    return params;
  }

  async function open(stored: StoredTicket, identity: Identity, attachments: string | undefined, context: DeliveryContext) {
    let response: Response;
    try {
      response = await context.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form(stored, identity, attachments),
        signal: context.signal,
      });
    } catch (error) {
      return { done: networkFailure(error, 'WHMCS OpenTicket') };
    }
    if (response.status >= 500 || response.status === 429) return { done: await failureFromResponse(response, 'WHMCS OpenTicket') };
    const text = await response.text();
    let answer: { result?: unknown; message?: unknown; tid?: unknown; id?: unknown };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // An HTML error page or PHP notice instead of JSON: a broken or overloaded install, worth another try.
      const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      const done: DeliveryResult = { ok: false, retryable: true, error: `WHMCS OpenTicket: HTTP ${response.status}, not JSON: ${excerpt}` };
      return { done };
    }
    if (answer.result === 'success' && response.ok) {
      // WHMCS answers the ticket id as `tid` (newer) or `id`, as a number or a string.
      const externalId = [answer.tid, answer.id].find((v): v is string | number => typeof v === 'string' || typeof v === 'number')?.toString();
      const done: DeliveryResult = externalId === undefined ? { ok: true } : { ok: true, externalId };
      return { done };
    }
    const message = typeof answer.message === 'string' ? answer.message : `result ${String(answer.result)}`;
    const failure: DeliveryResult = {
      ok: false,
      retryable: isRetryableStatus(response.status),
      error: `WHMCS OpenTicket: HTTP ${response.status} ${message}`,
    };
    const wait = retryAfterMs(response.headers.get('retry-after'));
    if (wait !== undefined) failure.retryAfterMs = wait;
    return { done: failure, message };
  }

  return {
    name: 'whmcs',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? true,
    async deliver(stored, context) {
      const verified = isWhmcsId(stored.verifiedCustomerId);
      const numericService = isWhmcsId(stored.ticket.service);
      const notes: string[] = [];
      if (stored.verifiedCustomerId && !verified) {
        notes.push(`The verified customer id "${stored.verifiedCustomerId}" is not a WHMCS client id; the ticket is opened with the customer's name and e-mail.`);
      }
      const identity: Identity = { asClient: verified, withService: verified && numericService, notes };
      const attachments = await encodeWhmcsAttachments(stored, context);

      const first = await open(stored, identity, attachments, context);
      if (first.done.ok || !first.message) return first.done;
      // A stale client or service id must not keep the ticket from the helpdesk: open it without
      // the relation WHMCS rejected, and tell the agent why.
      if (/client id not found/i.test(first.message) && identity.asClient) {
        const fallback: Identity = {
          asClient: false,
          withService: false,
          notes: [...notes, `WHMCS did not find client ${stored.verifiedCustomerId}; the ticket is opened with the customer's name and e-mail.`],
        };
        return (await open(stored, fallback, attachments, context)).done;
      }
      if (/service id not found/i.test(first.message) && identity.withService) {
        const fallback: Identity = { ...identity, withService: false, notes: [...notes, `WHMCS did not find service ${stored.ticket.service}.`] };
        return (await open(stored, fallback, attachments, context)).done;
      }
      return first.done;
    },
  };
}
