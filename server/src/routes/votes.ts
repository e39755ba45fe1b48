/** `POST /api/votes` (one vote per voter, article and language; a new vote replaces the old) and the counts. */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { isContentLanguage, matchLanguage } from '../../../core/contract/locales.ts';
import { voteSchema, type VoteCounts } from '../../../core/contract/vote.ts';
import type { Store } from '../store/store.ts';
import { fieldProblem, problem } from '../http/problem.ts';
import { readJson } from '../http/json-body.ts';
import { redactText } from '../intake/redact.ts';

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
    const answerIn = matchLanguage(c.req.header('Accept-Language'));
    if (!lang || !isContentLanguage(lang)) return problem(400, 'bad-request', answerIn, { errors: [fieldProblem('lang', 'invalid', answerIn)] });
    c.header('Cache-Control', 'public, max-age=60');
    return c.json((await store.voteCounts(c.req.param('articleId'), lang)) satisfies VoteCounts);
  });
  return app;
}
