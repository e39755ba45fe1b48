/**
 * WHMCS `OpenTicket` through the external API: `POST {WHMCS}/includes/api.php`, form-encoded, with
 * API credentials (`identifier` + `secret`, and `accesskey` where the install uses one instead of an
 * IP allow-list). WHMCS answers 200 with `{ result: 'success', id, tid, c }` or
 * `{ result: 'error', message }`. After Send: `GetTicket` polled for status and staff replies,
 * customer replies with `AddTicketReply`, a close on our side with `AddTicketNote` and `UpdateTicket`; a WHMCS hook can make updates instant (docs/helpdesks/whmcs.md). WHMCS has no idempotency key: a crash between its answer and our
 * commit can open the ticket twice (the subject carries our number, so agents can merge).
 */
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { StoredTicket } from '../store/records.ts';
import type { DeliveryContext, DeliveryFailure, DeliveryResult, Forwarder, ReplyAttachment } from './forwarder.ts';
import { failureFromResponse, isRetryableStatus, networkFailure, retryAfterMs } from './helpdesk-http.ts';
import { byTime, statusUpdate } from './inbound.ts';
import { closeNote, composeMessage, composeSubject, escapeMarkdown, oneLine } from './ticket-message.ts';

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
  /** The IANA zone WHMCS writes its dates in (PHP's date.timezone on its server); UTC by default. */
  timeZone?: string;
  /** How often an open ticket is asked about with GetTicket; 5 minutes by default. */
  pollIntervalMs?: number;
  /** Agents' replies are shown on the status page (the client area shows them too); true by default. */
  showsAgentReplyText?: boolean;
}

/** WHMCS's default statuses in ours; a custom status changes nothing until mapped. */
export const whmcsStatuses: Readonly<Record<string, TicketStatus>> = {
  Open: 'open',
  Answered: 'answered',
  'Customer-Reply': 'in-review',
  'On Hold': 'in-progress',
  'In Progress': 'in-progress',
  Closed: 'closed',
};

/** A reply in GetTicket's answer (the ticket's first message is the first of them). */
export interface WhmcsReply {
  replyid?: string | number;
  userid?: string | number;
  contactid?: string | number;
  name?: string;
  email?: string;
  date?: string;
  message?: string;
  /** The admin's name for a staff reply, empty for the client's. */
  admin?: string;
}

/** GetTicket's answer, as much of it as we read. */
export interface WhmcsTicket {
  ticketid?: string | number;
  tid?: string;
  userid?: string | number;
  contactid?: string | number;
  date?: string;
  status?: string;
  lastreply?: string;
  replies?: { reply?: WhmcsReply[] | WhmcsReply } | WhmcsReply[];
}

type ApiAnswer = { answer: Record<string, unknown> } | { failure: DeliveryFailure; message?: string };

/** The replies of a GetTicket answer, whichever way the install shapes them. */
export function whmcsReplies(ticket: WhmcsTicket): WhmcsReply[] {
  const { replies } = ticket;
  if (Array.isArray(replies)) return replies;
  const reply = replies?.reply;
  return Array.isArray(reply) ? reply : reply ? [reply] : [];
}

/** "2026-11-23 12:45:00" in `timeZone` (WHMCS writes local times without a zone) as an ISO instant. */
export function whmcsInstant(local: string | undefined, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(local?.trim() ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match.map(Number) as [number, number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, se);
  // The zone's offset at that moment, found twice so a time next to a DST change lands right.
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/** An instant as WHMCS writes it in `timeZone`: "2026-11-23 12:45:00". */
export function whmcsLocalTime(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  return new Date(Math.floor(at / 1000) * 1000 + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * What GetTicket says, as updates for a ticket whose status we know: support's replies (staff
 * replies, by their WHMCS date), then the status when it differs from ours. Every update carries
 * the WHMCS ticket number, and a first one (`whmcs:{id}:number`, at the ticket's WHMCS date) makes
 * it known even before anything changes. Ids are the ones the WHMCS hook sends too (see
 * docs/helpdesks/whmcs.md), so an update that arrives both ways is applied once.
 */
export function whmcsUpdates(ticket: WhmcsTicket, current: TicketStatus, timeZone: string, showText: boolean): StatusUpdate[] {
  const id = String(ticket.ticketid ?? ticket.tid ?? '');
  const helpdeskNumber = ticket.tid ? String(ticket.tid) : undefined;
  const opened = whmcsInstant(ticket.date, timeZone);
  const replies = whmcsReplies(ticket).filter((r) => typeof r.admin === 'string' && r.admin.trim() !== '');
  const updates = replies.map((r) => {
    const at = whmcsInstant(r.date, timeZone);
    return at && r.replyid !== undefined ? statusUpdate({ id: `whmcs:${id}:reply:${String(r.replyid)}`, at, reply: { message: r.message }, helpdeskNumber }, showText) : undefined;
  });
  const status = ticket.status ? whmcsStatuses[ticket.status] : undefined;
  // WHMCS keeps no time of a status change; its last reply is the latest time it gives, and the
  // status read now holds since then at least.
  const latest = [opened, whmcsInstant(ticket.lastreply, timeZone), ...updates.map((u) => u?.at)].filter((t): t is string => t !== undefined).sort().at(-1);
  if (status && status !== current && latest) {
    updates.push(statusUpdate({ id: `whmcs:${id}:status:${ticket.status ?? ''}:${latest}`, at: latest, status, helpdeskNumber }, showText));
  }
  const numbered = opened && helpdeskNumber ? statusUpdate({ id: `whmcs:${id}:number`, at: opened, helpdeskNumber }, showText) : undefined;
  return byTime([numbered, ...updates]);
}

const whmcsPriority = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** The API endpoint for a configured URL. */
export function whmcsApiUrl(url: string): string {
  return /\/api\.php$/.test(url) ? url : `${url.replace(/\/+$/, '')}/includes/api.php`;
}

const isWhmcsId = (value: string | undefined): value is string => value !== undefined && /^[1-9]\d{0,9}$/.test(value.trim());

/** WHMCS's attachment format: base64 of a JSON array of `{ name, data: base64(bytes) }`. */
export async function encodeWhmcsAttachments(attachments: readonly ReplyAttachment[], context: DeliveryContext): Promise<string | undefined> {
  if (!attachments.length) return undefined;
  const files = [];
  for (const attachment of attachments) {
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
      deptid: String(options.departments[ticket.department]),
      subject: composeSubject(stored),
      message: composeMessage(stored, 'markdown', { notes: identity.notes }),
      priority: whmcsPriority[ticket.priority],
      markdown: 'true',
    });
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

  /**
   * One API call: `{ answer }` for `result: success`, else a failure (with WHMCS's own message when
   * it gave one, for the callers that react to it).
   */
  async function call(action: string, params: URLSearchParams, context: { fetch: typeof fetch; signal?: AbortSignal | undefined }): Promise<ApiAnswer> {
    const what = `WHMCS ${action}`;
    params.set('identifier', options.identifier);
    params.set('secret', options.secret);
    params.set('action', action);
    params.set('responsetype', 'json');
    if (options.accessKey) params.set('accesskey', options.accessKey);
    let response: Response;
    try {
      response = await context.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: params,
        signal: context.signal ?? null,
      });
    } catch (error) {
      return { failure: networkFailure(error, what) };
    }
    if (response.status >= 500 || response.status === 429) return { failure: await failureFromResponse(response, what) };
    const text = await response.text();
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // An HTML error page or PHP notice instead of JSON: a broken or overloaded install, worth another try.
      const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      return { failure: { ok: false, retryable: true, error: `${what}: HTTP ${response.status}, not JSON: ${excerpt}` } };
    }
    if (answer.result === 'success' && response.ok) return { answer };
    const message = typeof answer.message === 'string' ? answer.message : `result ${String(answer.result)}`;
    const failure: DeliveryFailure = { ok: false, retryable: isRetryableStatus(response.status), error: `${what}: HTTP ${response.status} ${message}` };
    const wait = retryAfterMs(response.headers.get('retry-after'));
    if (wait !== undefined) failure.retryAfterMs = wait;
    return { failure, message };
  }

  async function open(stored: StoredTicket, identity: Identity, attachments: string | undefined, context: DeliveryContext) {
    const answered = await call('OpenTicket', form(stored, identity, attachments), context);
    if ('failure' in answered) return { done: answered.failure as DeliveryResult, message: answered.message };
    // The tid is the number customers and agents see, and what GetTicket finds by `ticketnum`.
    const { tid, id } = answered.answer;
    const externalId = [tid, id].find((v): v is string | number => typeof v === 'string' || typeof v === 'number')?.toString();
    const done: DeliveryResult = externalId === undefined ? { ok: true } : { ok: true, externalId };
    return { done };
  }

  /** GetTicket by the ticket number our delivery stored (the tid), replies oldest first. */
  async function getTicket(externalId: string, context: { fetch: typeof fetch; signal?: AbortSignal | undefined }) {
    const answered = await call('GetTicket', new URLSearchParams({ ticketnum: externalId, repliessort: 'ASC' }), context);
    if ('failure' in answered) return answered;
    return { ticket: answered.answer as WhmcsTicket };
  }

  /** GetTicket, and the ticket's database id that AddTicketReply, AddTicketNote and UpdateTicket take. */
  async function readWithId(externalId: string, context: { fetch: typeof fetch; signal?: AbortSignal | undefined }) {
    const read = await getTicket(externalId, context);
    if ('failure' in read) return read;
    const ticketId = read.ticket.ticketid === undefined ? '' : String(read.ticket.ticketid);
    if (!/^\d+$/.test(ticketId)) return { failure: { ok: false, retryable: true, error: `WHMCS GetTicket: no ticketid for ticket ${externalId}` } satisfies DeliveryFailure };
    return { ticket: read.ticket, ticketId };
  }

  const timeZone = options.timeZone ?? 'UTC';
  const showText = options.showsAgentReplyText ?? true;

  return {
    name: 'whmcs',
    sendsOwnConfirmation: options.sendsOwnConfirmation ?? true,
    // A client's reply reopens a closed WHMCS ticket (its status becomes Customer-Reply).
    canReopen: true,
    showsAgentReplyText: showText,
    pollIntervalMs: options.pollIntervalMs ?? 5 * 60 * 1000,

    async poll(stored, context) {
      const read = await getTicket(context.externalId, context);
      if ('failure' in read) return read.failure;
      return { ok: true, updates: whmcsUpdates(read.ticket, stored.status, timeZone, showText) };
    },

    /**
     * GetTicket for the ticket's id and client, then AddTicketReply as that client (or with the
     * customer's name and e-mail for a guest ticket), `created` at the customer's time. WHMCS has
     * no idempotency key: a reply already there with the same text and time was our earlier
     * attempt, whose answer was lost, and is not added again.
     */
    async deliverReply(stored, reply, context) {
      const read = await readWithId(context.externalId, context);
      if ('failure' in read) return read.failure;
      const { ticket, ticketId } = read;
      const message = escapeMarkdown(reply.message);
      const created = whmcsLocalTime(reply.at, timeZone);
      const sameText = (text: string | undefined) => text?.trim() === message.trim() || text?.trim() === reply.message.trim();
      if (whmcsReplies(ticket).some((r) => !r.admin && r.date === created && sameText(r.message))) return { ok: true };

      const params = new URLSearchParams({ ticketid: ticketId, message, markdown: 'true', created });
      const client = Number(ticket.userid);
      if (client > 0) {
        params.set('clientid', String(client));
        if (Number(ticket.contactid) > 0) params.set('contactid', String(ticket.contactid));
      } else {
        params.set('name', oneLine(stored.ticket.customer.name));
        params.set('email', stored.ticket.customer.email);
      }
      const attachments = await encodeWhmcsAttachments(reply.attachments, context);
      if (attachments) params.set('attachments', attachments);
      const added = await call('AddTicketReply', params, context);
      return 'failure' in added ? added.failure : { ok: true };
    },

    /**
     * GetTicket; nothing to do when WHMCS closed it already. Else the agents' note saying who closed
     * it and why (`AddTicketNote`, at the closing's time), then `UpdateTicket` to Closed. The note
     * comes first so that a failed closing is retried without losing it; a lost answer to the
     * closing itself can leave the note twice (WHMCS has no idempotency key).
     */
    async deliverClose(_stored, close, context) {
      const read = await readWithId(context.externalId, context);
      if ('failure' in read) return read.failure;
      if (read.ticket.status === 'Closed') return { ok: true };
      const note = new URLSearchParams({ ticketid: read.ticketId, message: escapeMarkdown(closeNote(close)), markdown: 'true', created: whmcsLocalTime(close.at, timeZone) });
      const noted = await call('AddTicketNote', note, context);
      if ('failure' in noted) return noted.failure;
      const closed = await call('UpdateTicket', new URLSearchParams({ ticketid: read.ticketId, status: 'Closed' }), context);
      return 'failure' in closed ? closed.failure : { ok: true };
    },

    async deliver(stored, context) {
      const verified = isWhmcsId(stored.verifiedCustomerId);
      const numericService = isWhmcsId(stored.ticket.service);
      const notes: string[] = [];
      if (stored.verifiedCustomerId && !verified) {
        notes.push(`The verified customer id "${stored.verifiedCustomerId}" is not a WHMCS client id; the ticket is opened with the customer's name and e-mail.`);
      }
      const identity: Identity = { asClient: verified, withService: verified && numericService, notes };
      const attachments = await encodeWhmcsAttachments(stored.attachments, context);

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
