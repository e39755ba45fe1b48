/** `POST /api/events`: what customers searched and what solved it. No personal data is kept. */
import { Hono } from 'hono';
import { searchEventSchema } from '../../../core/contract/search-event.ts';
import { scrubQuery } from '../../../core/search/query.ts';
import type { Store } from '../store/store.ts';
import { readJson } from '../http/json-body.ts';

export function eventRoutes(store: Store): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    // text/plain too: sendBeacon-style posts cannot set a JSON content type.
    const body = await readJson(c, searchEventSchema, { types: /^(application\/json|text\/plain)\b/i, maxBytes: 16 * 1024 });
    if (!body.ok) return body.response;
    const event = body.value;
    const query = scrubQuery(event.query);
    if (query) await store.addEvent({ ...event, query });
    return c.body(null, 204);
  });
  return app;
}
