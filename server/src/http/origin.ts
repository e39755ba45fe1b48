/**
 * Who may call the API from a browser. `cors()` only decorates answers and `hono/csrf` covers form
 * bodies only, so every unsafe request's `Origin` is checked here against the allowlist (403), and
 * CORS headers are sent to allowed origins only.
 */
import type { MiddlewareHandler } from 'hono';
import { drain, problem } from './problem.ts';
import { hasAllHeaders } from './answer-headers.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';

const allowHeaders = 'Content-Type, Idempotency-Key, Authorization';
const exposeHeaders = 'Idempotent-Replayed, Retry-After, Location';

export function apiOrigins(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const known = origin !== undefined && allowed.has(origin);
    const lang = matchLanguage(c.req.header('Accept-Language'));
    if (c.req.method === 'OPTIONS') {
      if (!known) return problem(403, 'forbidden-origin', lang);
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': allowHeaders,
          'Access-Control-Max-Age': '86400',
          Vary: 'Origin',
        },
      });
    }
    // Browsers always send Origin on cross-site POSTs; requests without one come from servers and tools.
    if (origin !== undefined && !known && !['GET', 'HEAD'].includes(c.req.method)) {
      await drain(c.req.raw.body);
      return problem(403, 'forbidden-origin', lang);
    }
    const shared = c.get('apiHeaders');
    // An answer built with apiAnswer carries these with the rest.
    if (known && shared) c.set('apiHeaders', { ...shared, 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': exposeHeaders, Vary: 'Origin' });
    await next();
    if (known && !hasAllHeaders(c.res)) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', exposeHeaders);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
