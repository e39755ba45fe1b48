/**
 * A per-client request limit for the small public endpoints (votes, search events): at most
 * `perMinute` requests per client in a minute, then 429 with Retry-After. Clients are the salted
 * hashes the ticket routes use, counted by the same limiter (intake/client.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { matchLanguage } from '../../../core/contract/locales.ts';
import { drain, problem } from '../http/problem.ts';
import { createRateLimiter } from '../intake/client.ts';

/** The salted hash of the client a request comes from (see app.ts). */
export type ClientHash = (request: Request, env: unknown) => string;

export function perClientLimit(perMinute: number, clientHash: ClientHash): MiddlewareHandler {
  const limiter = createRateLimiter(perMinute);
  return async (c, next) => {
    const answer = await limiter.check(clientHash(c.req.raw, c.env));
    if (!answer.ok) {
      // Read the (small) body first: an answer sent over an unread upload reaches the client as a reset.
      await drain(c.req.raw.body, 64 * 1024);
      return problem(429, 'rate-limited', matchLanguage(c.req.header('Accept-Language')), { headers: { 'Retry-After': String(answer.retryAfterSeconds) } });
    }
    await next();
  };
}
