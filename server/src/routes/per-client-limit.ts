/**
 * A per-client request limit for the small public endpoints (votes, search events): at most
 * `perMinute` requests per client in a minute, then 429 with Retry-After. Clients are the salted
 * hashes the ticket routes use, counted by the same limiter (intake/client.ts): in memory, or in
 * the database when several instances must share the counts.
 */
import type { MiddlewareHandler } from 'hono';
import { matchLanguage } from '../../../core/contract/locales.ts';
import { drain, problem } from '../http/problem.ts';
import { createRateLimiter, type HitCounter } from '../intake/client.ts';

/** The salted hash of the client a request comes from (see app.ts), and where its hits are counted. */
export interface ClientHash {
  (request: Request, env: unknown): string;
  /** Counts shared by every instance (PostgreSQL); absent, each limiter counts in this process's memory. */
  sharedCounter?: HitCounter | undefined;
}

export function perClientLimit(perMinute: number, clientHash: ClientHash): MiddlewareHandler {
  const limiter = createRateLimiter(perMinute, { name: 'per-client', counter: clientHash.sharedCounter });
  return async (c, next) => {
    // Keyed by the route too: in a shared table, votes and events are counted apart.
    const answer = await limiter.check(`${c.req.routePath} ${clientHash(c.req.raw, c.env)}`);
    if (!answer.ok) {
      // Read the (small) body first: an answer sent over an unread upload reaches the client as a reset.
      await drain(c.req.raw.body, 64 * 1024);
      return problem(429, 'rate-limited', matchLanguage(c.req.header('Accept-Language')), { headers: { 'Retry-After': String(answer.retryAfterSeconds) } });
    }
    await next();
  };
}
