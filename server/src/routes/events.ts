/** `POST /api/events`: what customers searched, what solved it, and how far a widget session got. No personal data is kept. */
import { Hono } from 'hono';
import { searchEventSchema, type SearchEvent } from '../../../core/contract/search-event.ts';
import { scrubQuery } from '../../../core/search/query.ts';
import type { ServerConfig } from '../config.ts';
import type { EventInput, Store } from '../store/store.ts';
import { readJson } from '../http/json-body.ts';
import { redactSearchQuery } from '../intake/redact.ts';
import { perClientLimit, type ClientHash } from './per-client-limit.ts';

export interface EventRouteDeps {
  store: Store;
  config: Pick<ServerConfig, 'eventLimit'>;
  /** Events are limited per client by this hash (EVENT_LIMIT a minute). */
  clientHash: ClientHash;
  now?: (() => Date) | undefined;
}

/** Events that say something only through their query: without one left after scrubbing, nothing is worth keeping. */
const queryEvents: ReadonlySet<SearchEvent['type']> = new Set(['search', 'search-miss']);

/**
 * What is stored of an event: the query scrubbed of secrets, addresses, links and long numbers, of
 * the article only its origin and path when nothing in them needed scrubbing (a query string or a
 * path can carry an address as easily as a query can), and the widget's random session id for the
 * funnel. A search whose query scrubs to nothing is dropped; the funnel's steps (`widget-opened`,
 * `suggestion-opened`, `ticket-sent`) and an article's events carry no query and are kept.
 * Undefined: nothing worth keeping is left.
 */
export function storedEvent(event: SearchEvent): EventInput | undefined {
  const query = scrubQuery(event.query);
  if (!query && queryEvents.has(event.type)) return undefined;
  const article = event.article === undefined ? undefined : articlePage(event.article);
  return { type: event.type, query, lang: event.lang, ...(article ? { article } : {}), ...(event.session ? { session: event.session } : {}) };
}

function articlePage(address: string): string | undefined {
  let url: URL;
  let path: string;
  try {
    url = new URL(address);
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || scrubQuery(path) !== path) return undefined;
  return url.origin + url.pathname;
}

export function eventRoutes(deps: EventRouteDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  app.post('/', perClientLimit(deps.config.eventLimit, deps.clientHash));
  app.post('/', async (c) => {
    // text/plain too: sendBeacon-style posts cannot set a JSON content type.
    const body = await readJson(c, searchEventSchema, { types: /^(application\/json|text\/plain)\b/i, maxBytes: 16 * 1024 });
    if (!body.ok) return body.response;
    // Core's patterns scrub the query; secretlint's second pass catches token formats they do not know.
    const event = storedEvent({ ...body.value, query: await redactSearchQuery(body.value.query) });
    if (event) await deps.store.addEvent(event, now());
    return c.body(null, 204);
  });
  return app;
}
