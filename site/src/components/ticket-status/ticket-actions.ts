/**
 * What the status page asks of the API with the ticket's token: read it
 * (`GET {endpoint}/{number}`), add a reply (`POST …/replies`, JSON, or multipart with the `reply`
 * JSON part and `attachments` files, as a new ticket sends them, with an Idempotency-Key) and close
 * it (`POST …/close`). Every answer is
 * one outcome the page has words for; nothing here throws but an abort.
 */
import type { ProblemFieldError } from '../../../../core/contract/problem.ts';
import type { TicketClose, TicketReply, TicketReplyAnswer } from '../../../../core/contract/ticket-reply.ts';
import type { TicketStatusAnswer } from '../../../../core/contract/ticket-status.ts';

/**
 * The API's answer as the page reads it: the contract's fields, of which only number and status are
 * relied on (a statically hosted KB may talk to another backend); anything else is ignored.
 */
export type PublicTicket = Pick<TicketStatusAnswer, 'number' | 'status'> & Partial<Omit<TicketStatusAnswer, 'number' | 'status'>>;

export type LookUpOutcome = { kind: 'found'; ticket: PublicTicket } | { kind: 'not-found' } | { kind: 'unavailable' };

/** Why a reply or a close did not happen; the page keeps what was typed in every case. */
export type ActionFailure =
  | { kind: 'invalid'; errors: ProblemFieldError[]; title: string }
  | { kind: 'not-found' }
  | { kind: 'rate-limited' }
  | { kind: 'too-large' }
  /** Closed where the helpdesk cannot reopen it: a reply would land nowhere anyone reads. */
  | { kind: 'new-ticket-needed' }
  | { kind: 'unavailable' };

export type ReplyOutcome = { kind: 'sent'; answer: Partial<TicketReplyAnswer> } | ActionFailure;
export type CloseOutcome = { kind: 'closed' } | ActionFailure;

interface Access {
  endpoint: string;
  number: string;
  token: string;
  signal?: AbortSignal;
}

const ticketUrl = ({ endpoint, number }: Access, action = '') => `${endpoint}/${encodeURIComponent(number)}${action}`;

/** The answer is personal and changes: never from a cache, never with cookies. */
const privately = (token: string, signal?: AbortSignal): RequestInit => ({
  headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  cache: 'no-store',
  credentials: 'omit',
  ...(signal ? { signal } : {}),
});

export async function lookUp(access: Access): Promise<LookUpOutcome> {
  try {
    const response = await fetch(ticketUrl(access), privately(access.token, access.signal));
    // The API hides which tickets exist: a wrong number and a wrong token look the same.
    if ([400, 401, 403, 404].includes(response.status)) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unavailable' };
    const ticket = (await response.json()) as PublicTicket;
    if (typeof ticket?.number !== 'string' || typeof ticket.status !== 'string') return { kind: 'unavailable' };
    return { kind: 'found', ticket };
  } catch (error) {
    if (access.signal?.aborted) throw error;
    return { kind: 'unavailable' };
  }
}

/** Sends a reply; the same `idempotencyKey` again adds it once, whatever happened to the first answer. */
export async function sendReply(access: Access, reply: TicketReply, files: readonly File[], idempotencyKey: string): Promise<ReplyOutcome> {
  const init = privately(access.token, access.signal);
  let body: BodyInit;
  const headers = new Headers(init.headers);
  headers.set('Idempotency-Key', idempotencyKey);
  if (files.length) {
    const form = new FormData();
    form.set('reply', new Blob([JSON.stringify(reply)], { type: 'application/json' }), 'reply.json');
    for (const file of files) form.append('attachments', file, file.name);
    body = form; // the browser writes the multipart boundary
  } else {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(reply);
  }
  return post(ticketUrl(access, '/replies'), { ...init, method: 'POST', headers, body }, access.signal, async (response) => ({
    kind: 'sent',
    answer: (await response.json().catch(() => ({}))) as Partial<TicketReplyAnswer>,
  }));
}

export async function closeTicket(access: Access, close: TicketClose): Promise<CloseOutcome> {
  const init = privately(access.token, access.signal);
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  return post(ticketUrl(access, '/close'), { ...init, method: 'POST', headers, body: JSON.stringify(close) }, access.signal, () => ({ kind: 'closed' }));
}

async function post<T>(url: string, init: RequestInit, signal: AbortSignal | undefined, done: (response: Response) => Promise<T> | T): Promise<T | ActionFailure> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'unavailable' };
  }
  if (response.ok) return done(response);
  if ([401, 403, 404].includes(response.status)) return { kind: 'not-found' };
  if (response.status === 429) return { kind: 'rate-limited' };
  if (response.status === 413) return { kind: 'too-large' };
  if (response.status === 409) {
    const { type } = (await response.json().catch(() => ({}))) as { type?: unknown };
    if (typeof type === 'string' && type.endsWith('/new-ticket-needed')) return { kind: 'new-ticket-needed' };
  }
  if (response.status === 400 || response.status === 422) {
    const problem = (await response.json().catch(() => ({}))) as { title?: unknown; errors?: unknown };
    const errors = Array.isArray(problem.errors) ? (problem.errors as ProblemFieldError[]).filter((e) => typeof e?.path === 'string' && typeof e.message === 'string') : [];
    return { kind: 'invalid', errors, title: typeof problem.title === 'string' ? problem.title : '' };
  }
  // 409 (the same reply still in progress), 5xx, 507: nothing lost, the same key tries again.
  return { kind: 'unavailable' };
}
