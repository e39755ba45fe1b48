/**
 * The HTTP application: the API under /api/ and the knowledge base, widget and demo pages around it.
 * Built from its dependencies so tests run it with `app.request()`, no network.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.ts';
import type { Store } from './store/store.ts';
import { apiOrigins } from './http/origin.ts';
import { problem } from './http/problem.ts';
import { createClientHasher } from './intake/client.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { voteRoutes } from './routes/votes.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { staticSite } from './routes/static.ts';
import { demoMount } from './routes/demo.ts';
import { matchLanguage } from '../../core/contract/locales.ts';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  forwarders: string[];
  /** Derives tickets' read tokens; see intake/ticket-token.ts. */
  ticketSecret: Buffer;
  now?: () => Date;
  /** Called after each committed ticket. */
  onTicketCreated?: () => void;
  /** Where the client's address comes from; node-server passes the socket in `env`, tests pass nothing. */
  remoteAddress?: (env: unknown) => string | undefined;
  demoDir?: string;
}

export function createApp(deps: AppDeps): Hono {
  const { config, store } = deps;
  const app = new Hono();
  const hashClient = createClientHasher(deps.now);
  const voterSalt = randomBytes(16).toString('hex');
  const clientHash = (request: Request, env: unknown): string => {
    const forwarded = config.trustProxy ? request.headers.get('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
    return hashClient(forwarded || deps.remoteAddress?.(env) || 'unknown');
  };

  // CORP stays cross-origin: the widget and the Pagefind bundle are loaded by other companies' pages.
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, contentSecurityPolicy: undefined }));
  app.use('/api/*', apiOrigins(config.allowedOrigins));
  app.route('/api/tickets', ticketRoutes({ config, store, forwarders: deps.forwarders, clientHash, ticketSecret: deps.ticketSecret, ...(deps.onTicketCreated ? { onCreated: deps.onTicketCreated } : {}), ...(deps.now ? { now: deps.now } : {}) }));
  app.route('/api/votes', voteRoutes(store, voterSalt));
  app.route('/api/events', eventRoutes(store));
  app.route('/api/health', healthRoutes(store));
  app.all('/api/*', (c) => problem(404, 'bad-request', matchLanguage(c.req.header('Accept-Language'))));

  app.on(['GET', 'HEAD'], '*', staticSite([
    demoMount(config, deps.demoDir),
    { prefix: '/', dir: config.siteDir },
  ]));

  app.onError((error, c) => {
    console.error('[support-kit server]', c.req.method, new URL(c.req.url).pathname, error);
    return problem(500, 'bad-request', 'en', { detail: 'Internal error: the request was not processed. It is safe to retry.' });
  });
  return app;
}
