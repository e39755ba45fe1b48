/**
 * Deflection analytics: what customers searched, what found nothing, which article solved it.
 * Fire and forget: an event is worth less than the customer's time, so it is sent once, never
 * retried, and nothing that happens to it reaches the customer.
 */
import { limits } from '../../../core/contract/limits.ts';
import type { SearchEvent } from '../../../core/contract/search-event.ts';

/** `{origin of the ticket endpoint}/api/events`; a relative endpoint resolves against the page. */
export function eventsEndpointFor(ticketEndpoint: string): string {
  try {
    return new URL('/api/events', new URL(ticketEndpoint, globalThis.location?.href)).href;
  } catch {
    return '/api/events';
  }
}

/** Posts the event once, in the background, surviving the page being left; never throws, never retries. */
export function postEvent(endpoint: string, event: SearchEvent, send: typeof fetch = (input, init) => fetch(input, init)): void {
  // Cut here too: keepalive bodies have a 64 KB budget, and the server refuses longer queries.
  const body: SearchEvent = { type: event.type, query: event.query.trim().slice(0, limits.searchQuery.max), lang: event.lang };
  if (event.article !== undefined) body.article = event.article;
  if (event.session !== undefined) body.session = event.session;
  try {
    void send(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      keepalive: true, // "This solved it" is often the last click before the tab closes
    }).then(
      (response) => response.body?.cancel().catch(() => undefined),
      () => undefined,
    );
  } catch {
    // A fetch that throws synchronously (blocked by a CSP, a broken polyfill) loses one event, nothing more.
  }
}
