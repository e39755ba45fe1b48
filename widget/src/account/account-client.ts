/**
 * The signed-in customer's tickets, asked of the server with their `customer-token` (the only proof
 * of who they are the backend trusts): their open tickets (`GET /api/customer/tickets`) and the open
 * ones a new ticket would repeat (`POST /api/customer/tickets/duplicates`). Checked on the server,
 * so a ticket opened on another device counts too. Failures are quiet: the form works without them.
 */
import {
  customerTicketsAnswerSchema,
  duplicateCheckAnswerSchema,
  type CustomerTicket,
  type DuplicateCheck,
} from '../../../core/contract/ticket-reply.ts';

export interface AccountAccess {
  /** Where tickets are POSTed (`{kb}/api/tickets`); the customer's routes sit beside it. */
  ticketEndpoint: string;
  customerToken: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** The server refused the token (401/403): asking again with it would only be refused again. */
  onRefused?: () => void;
}

/**
 * Whether the token's own `exp` (its payload is base64url JSON, readable without the secret) has
 * passed: such a token is refused by the server, so it is not sent. Unreadable: the server judges.
 */
export function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const payload = token.split('.')[0] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' && claims.exp * 1000 <= now;
  } catch {
    return false;
  }
}

/** `https://kb/api/tickets` -> `https://kb/api/customer/tickets`; another endpoint's origin gets the default path. */
export function customerTicketsUrl(ticketEndpoint: string): string {
  const url = new URL(ticketEndpoint);
  url.search = '';
  url.hash = '';
  url.pathname = /\/tickets\/?$/.test(url.pathname) ? url.pathname.replace(/\/tickets\/?$/, '/customer/tickets') : '/api/customer/tickets';
  return url.href;
}

async function ask<T>(access: AccountAccess, path: string, init: RequestInit, read: (json: unknown) => T | undefined): Promise<T | undefined> {
  if (!access.customerToken) return undefined;
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${access.customerToken}`);
  headers.set('Accept', 'application/json');
  try {
    const response = await (access.fetch ?? fetch)(`${customerTicketsUrl(access.ticketEndpoint)}${path}`, {
      ...init,
      headers,
      // Personal and changing: never from a cache; the token, not a cookie, says who asks.
      cache: 'no-store',
      credentials: 'omit',
      ...(access.signal ? { signal: access.signal } : {}),
    });
    if (response.status === 401 || response.status === 403) access.onRefused?.();
    if (!response.ok) return undefined;
    return read(await response.json());
  } catch (error) {
    if (access.signal?.aborted) throw error;
    return undefined;
  }
}

/** The customer's open tickets, newest first; undefined when the server cannot tell (no token, expired, offline). */
export function openTickets(access: AccountAccess): Promise<CustomerTicket[] | undefined> {
  return ask(access, '', { method: 'GET' }, (json) => {
    const parsed = customerTicketsAnswerSchema.safeParse(json);
    return parsed.success ? parsed.data.tickets.filter((t) => t.status !== 'closed') : undefined;
  });
}

/** The open tickets this new one would repeat; empty when none, or when the check could not be made. */
export async function duplicatesOf(access: AccountAccess, check: DuplicateCheck): Promise<CustomerTicket[]> {
  const found = await ask(
    access,
    '/duplicates',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(check) },
    (json) => {
      const parsed = duplicateCheckAnswerSchema.safeParse(json);
      return parsed.success ? parsed.data.duplicates : undefined;
    },
  );
  return found ?? [];
}
