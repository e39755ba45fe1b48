/**
 * The headers every answer of the server carries (app.ts adds them after the handler), and a fast
 * path for the API's busiest answer: a route that builds its answer with `apiAnswer` gets every one
 * of them in one plain object, which @hono/node-server writes as it is, and the middlewares leave it
 * alone. Adding them one by one goes through a web `Headers` object (validated, lower-cased,
 * sorted on every set), which cost about a tenth of a ticket's time on the server.
 */
import type { Context } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** What this request's API answer carries besides its own headers (set by the middlewares, read by `apiAnswer`). */
    apiHeaders: Readonly<Record<string, string>>;
  }
}

/** Browser features no KB page uses: a page injected into cannot ask for them either. */
const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * What hono's `secureHeaders` sent with the options the server used (CORP stays cross-origin: the
 * widget and the Pagefind bundle are loaded by other companies' pages; no COOP, HSTS or CSP from
 * it), written once: answer-headers.test.ts holds the two equal.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
  'Permissions-Policy': permissionsPolicy,
};

/** Only over TLS (see app.ts). */
export const strictTransportSecurity = 'max-age=31536000';

/** API answers are data, never documents: nothing may run in or frame them. */
export const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Every API answer's headers besides CORS, without and with HSTS. */
export const apiHeaders = {
  plain: { ...securityHeaders, 'Content-Security-Policy': apiPolicy },
  tls: { ...securityHeaders, 'Content-Security-Policy': apiPolicy, 'Strict-Transport-Security': strictTransportSecurity },
} as const;

const complete = new WeakSet<Response>();

/**
 * An API answer that already carries every header the middlewares would add. `headers` are the
 * answer's own (content type, location): they must not name one of the shared ones, which win.
 * Outside the app's middlewares (a route mounted alone in a test) it is a plain answer.
 */
export function apiAnswer(c: Context, body: string, status: number, headers: Record<string, string>): Response {
  const shared = c.get('apiHeaders');
  if (!shared) return new Response(body, { status, headers });
  const response = new Response(body, { status, headers: { ...headers, ...shared } });
  complete.add(response);
  return response;
}

/** Whether the answer was built by `apiAnswer` with every header already in it. */
export const hasAllHeaders = (response: Response): boolean => complete.has(response);
