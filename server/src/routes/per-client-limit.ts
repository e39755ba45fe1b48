/**
 * A per-client request limit for the small public endpoints (votes, search events): at most
 * `perMinute` requests per client in a minute, then 429 with Retry-After. Clients are the salted
 * hashes the ticket routes use. rate-limiter-flexible keeps the counts and drops expired ones on its
 * own; its PostgreSQL store can replace the memory one when several instances share the limits.
 */
import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { matchLanguage } from '../../../core/contract/locales.ts';
import { drain, problem } from '../http/problem.ts';

/** The salted hash of the client a request comes from (see app.ts). */
export type ClientHash = (request: Request, env: unknown) => string;

export function perClientLimit(perMinute: number, clientHash: ClientHash): MiddlewareHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (c, next) => {
    try {
      await limiter.consume(clientHash(c.req.raw, c.env));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // Read the (small) body first: an answer sent over an unread upload reaches the client as a reset.
      await drain(c.req.raw.body, 64 * 1024);
      const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      return problem(429, 'rate-limited', matchLanguage(c.req.header('Accept-Language')), { headers: { 'Retry-After': String(retryAfter) } });
    }
    await next();
  };
}
