/** `POST /api/votes` (one vote per voter, article and language; a new vote replaces the old) and the counts. */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { contentLanguages, matchLanguage } from '../../../core/contract/locales.ts';
import type { Store } from '../store/store.ts';
import { fieldProblem, problem } from '../http/problem.ts';
import { readJson } from '../http/json-body.ts';
import { redactText } from '../intake/redact.ts';

const voteSchema = z.object({
  articleId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100),
  lang: z.enum(contentLanguages),
  helpful: z.boolean(),
  voterId: z.string().min(8).max(100),
  comment: z.string().max(500).optional(),
});

export function voteRoutes(store: Store, salt: string): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const body = await readJson(c, voteSchema, { types: /^application\/json\b/i, maxBytes: 16 * 1024 });
    if (!body.ok) return body.response;
    const vote = body.value;
    const comment = vote.comment?.trim() ? redactText(vote.comment.trim(), vote.lang).text : undefined;
    // The voter id is random per browser; hashing it keeps votes unlinkable to anything else we hold.
    const voterHash = createHash('sha256').update(salt).update(vote.voterId).digest('hex').slice(0, 32);
    await store.upsertVote({ articleId: vote.articleId, lang: vote.lang, helpful: vote.helpful, voterHash, ...(comment ? { comment } : {}) });
    return c.body(null, 204);
  });
  app.get('/:articleId', async (c) => {
    const lang = c.req.query('lang');
    if (!lang || !(contentLanguages as readonly string[]).includes(lang)) {
      return problem(400, 'bad-request', matchLanguage(c.req.header('Accept-Language')), { errors: [fieldProblem('lang', 'invalid', 'en')] });
    }
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(await store.voteCounts(c.req.param('articleId'), lang));
  });
  return app;
}
