/** `POST /api/events`: what customers searched and what solved it. No personal data is kept. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../store/store.ts';

import { readJson } from '../http/json-body.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';

const eventSchema = z.object({
  type: z.enum(['search', 'search-miss', 'deflected']),
  query: z.string().max(2000),
  lang: z.string().max(10),
  article: z.url().max(500).optional(),
});

/** Queries are what people type: drop anything that looks like an address, a long number or a secret. */
export function scrubQuery(query: string): string {
  return query
    .replace(/[^\s@]+@[^\s@]+/g, '[e-mail]')
    .replace(/\d[\d .-]{7,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

export function eventRoutes(store: Store): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    // text/plain too: sendBeacon-style posts cannot set a JSON content type.
    const body = await readJson(c, eventSchema, { types: /^(application\/json|text\/plain)\b/i, maxBytes: 16 * 1024 });
    if (!body.ok) return body.response;
    const event = body.value;
    const query = scrubQuery(event.query);
    if (query) await store.addEvent({ type: event.type, query, lang: matchLanguage(event.lang), ...(event.article ? { article: event.article } : {}) });
    return c.body(null, 204);
  });
  return app;
}
