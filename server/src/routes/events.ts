/** `POST /api/events`: what customers searched and what solved it. No personal data is kept. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { fieldProblem, pickLang, problem } from '../http/problem.ts';

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
    const lang = pickLang(c.req.header('Accept-Language'));
    if (!/^(application\/json|text\/plain)\b/i.test(c.req.header('Content-Type') ?? '')) return problem(415, 'unsupported-type', lang);
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return problem(400, 'invalid-json', lang);
    }
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) return problem(422, 'invalid', lang, { errors: parsed.error.issues.map((i) => fieldProblem(i.path.join('.'), 'invalid', lang)) });
    const query = scrubQuery(parsed.data.query);
    if (query) await store.addEvent({ type: parsed.data.type, query, lang: pickLang(parsed.data.lang), ...(parsed.data.article ? { article: parsed.data.article } : {}) });
    return c.body(null, 204);
  });
  return app;
}
