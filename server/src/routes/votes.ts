/** `POST /api/votes` (one vote per voter, article and language; a new vote replaces the old) and the counts. */
import { Hono } from 'hono';
import { createHmac } from 'node:crypto';
import { isContentLanguage, matchLanguage } from '../../../core/contract/locales.ts';
import { voteSchema, type VoteCounts } from '../../../core/contract/vote.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { fieldProblem, problem } from '../http/problem.ts';
import { readJson } from '../http/json-body.ts';
import { redactText } from '../intake/redact.ts';
import { loadPublishedArticles, type PublishedArticles } from '../published-articles.ts';
import { perClientLimit, type ClientHash } from './per-client-limit.ts';

export interface VoteRouteDeps {
  store: Store;
  config: Pick<ServerConfig, 'voteLimit' | 'siteDir'>;
  /** The server secret (intake/ticket-token.ts): voter ids are hashed with it, so a voter stays one voter across restarts and instances. */
  secret: Buffer;
  /** Votes are limited per client by this hash (VOTE_LIMIT a minute). */
  clientHash: ClientHash;
  /** The published articles; default: SITE_DIR/articles.json, read here once. Undefined: refuse none. */
  articles?: PublishedArticles | undefined;
  now?: (() => Date) | undefined;
}

/** The voter's browser id as stored: a keyed hash, unlinkable to anything else we hold, stable while the server secret is. */
export function voterHash(secret: Buffer, voterId: string): string {
  return createHmac('sha256', secret).update(`voter:${voterId}`).digest('hex').slice(0, 32);
}

export function voteRoutes(deps: VoteRouteDeps): Hono {
  const articles = 'articles' in deps ? deps.articles : loadPublishedArticles(deps.config.siteDir);
  return routes({ ...deps, articles }, perClientLimit(deps.config.voteLimit, deps.clientHash));
}

function routes(deps: Pick<VoteRouteDeps, 'store' | 'secret' | 'articles' | 'now'>, limit: ReturnType<typeof perClientLimit>): Hono {
  const { store, secret, articles } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  app.post('/', limit);
  app.post('/', async (c) => {
    const body = await readJson(c, voteSchema, { types: /^application\/json\b/i, maxBytes: 16 * 1024 });
    if (!body.ok) return body.response;
    const vote = body.value;
    const langs = articles?.get(vote.articleId);
    if (articles && !langs?.has(vote.lang)) {
      // A vote nobody can read back is a client's mistake (an id typed by hand, a page the build removed).
      const answerIn = matchLanguage(c.req.header('Accept-Language'));
      return problem(422, 'invalid', answerIn, { errors: [fieldProblem(langs ? 'lang' : 'articleId', 'invalid', answerIn)] });
    }
    const comment = vote.comment?.trim() ? redactText(vote.comment.trim(), vote.lang).text : undefined;
    const voter = voterHash(secret, vote.voterId);
    await store.upsertVote({ articleId: vote.articleId, lang: vote.lang, helpful: vote.helpful, voterHash: voter, ...(comment ? { comment } : {}) }, now());
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
