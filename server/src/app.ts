/**
 * The HTTP application: the API under /api/ and the knowledge base, widget and demo pages around it.
 * Built from its dependencies so tests run it with `app.request()`, no network.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { ServerConfig } from './config.ts';
import type { Store } from './store/store.ts';
import { apiOrigins } from './http/origin.ts';
import { apiHeaders, apiPolicy, hasAllHeaders, securityHeaders, strictTransportSecurity } from './http/answer-headers.ts';
import { problem } from './http/problem.ts';
import { BodyAbortedError } from './http/json-body.ts';
import { cameOverHttps, clientAddress, clientKey, trustFunction, trustSetting } from './http/client-address.ts';
import { createClientHasher, type DailySalts, type HitCounter } from './intake/client.ts';
import type { DiskAccess } from './intake/disk-space.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { ticketReplyRoutes } from './routes/ticket-replies.ts';
import { ticketUpdateRoutes } from './routes/ticket-updates.ts';
import { customerTicketRoutes } from './routes/customer-tickets.ts';
import { standaloneAfterSend, type AfterSend } from './routes/ticket-answer.ts';
import type { Forwarder } from './forwarders/forwarder.ts';
import { statusUrl } from './forwarding.ts';
import { voteRoutes } from './routes/votes.ts';
import type { ClientHash } from './routes/per-client-limit.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { staticSite } from './routes/static.ts';
import { demoMount } from './routes/demo.ts';
import { matchLanguage } from '../../core/contract/locales.ts';
import { consoleRoutes } from './console/console-routes.ts';
import type { PasswordCost } from './console/auth/password.ts';
import { loadArticleCatalog, type CatalogArticle } from './published-articles.ts';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  forwarders: string[];
  /** Whether customers get a confirmation e-mail (forwarding.ts decides); default: no, so nothing is promised. */
  confirmationEmail?: boolean;
  /** Derives tickets' read tokens; see intake/ticket-token.ts. */
  ticketSecret: Buffer;
  now?: () => Date;
  /** Called after each committed ticket. */
  onTicketCreated?: () => void;
  /** The socket's peer address; by default node-server's `env.incoming.socket` (tests pass the same shape to `app.request`). */
  remoteAddress?: (env: unknown) => string | undefined;
  demoDir?: string;
  /** Where uploads are written and how much room is left (tests fill the disk). */
  disk?: DiskAccess;
  /** The KB's published articles for the staff console; default: SITE_DIR/articles.json, read once. */
  articles?: CatalogArticle[] | undefined;
  /** Wakes the outbox (a delivery retried from the console). */
  wakeOutbox?: () => void;
  /** scrypt's cost for console passwords; tests lower it. */
  passwordCost?: PasswordCost;
  /**
   * After Send (forwarding.ts builds it): every forwarder (the adapters' inbound webhooks), and where
   * customer replies and support's news go. Default: no helpdesk, replies answered in the console.
   * The generic status endpoint's secret is config.statusWebhookSecret.
   */
  helpdesks?: { forwarders: readonly Forwarder[]; afterSend: AfterSend };
  /** The daily salts of client hashes; default: random ones in this process (main.ts passes the store's, shared by every instance). */
  clientSalts?: DailySalts;
  /** Where rate limits count; default: this process's memory (main.ts passes the database's on PostgreSQL). */
  sharedCounter?: HitCounter;
}

const socketAddress = (env: unknown) => (env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;

/**
 * Sent with every KB page besides the strict policy in its <meta> (written at build, with the
 * hashes of its scripts and styles): frame-ancestors works only as a header, and X-Frame-Options
 * alone is the legacy half of it. Browsers enforce both policies.
 */
export const pageHeaderPolicy = "frame-ancestors 'self'; base-uri 'self'; object-src 'none'";

export function createApp(deps: AppDeps): Hono {
  const { config, store } = deps;
  const app = new Hono();
  const hashClient = createClientHasher(deps.now, deps.clientSalts);
  const trust = trustFunction(trustSetting(config.trustProxy));
  const remoteAddress = deps.remoteAddress ?? socketAddress;
  const clientHash: ClientHash = Object.assign(
    (request: Request, env: unknown): string => {
      const address = clientAddress(remoteAddress(env), request.headers.get('X-Forwarded-For') ?? undefined, trust);
      return hashClient(clientKey(address ?? 'unknown'));
    },
    { sharedCounter: deps.sharedCounter },
  );

  // Registered before the security headers so it runs after them: the console is nobody else's resource to embed or load.
  app.use('/console/*', async (c, next) => {
    await next();
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
    // Under no-referrer a browser sends "Origin: null" with a form's POST, and the console refuses
    // every POST whose Origin is not its own; same-origin still gives other sites nothing.
    c.res.headers.set('Referrer-Policy', 'same-origin');
  });
  // Every answer's security headers (see http/answer-headers.ts); an API answer built with
  // apiAnswer carries them already, from the object set here.
  app.use('*', async (c, next) => {
    const api = c.req.path.startsWith('/api/');
    // HSTS over plain http is ignored at best, and pins nothing; only a TLS answer may set it.
    const tls = cameOverHttps(c.req.url, remoteAddress(c.env), c.req.header('X-Forwarded-Proto'), trust);
    if (api) c.set('apiHeaders', tls ? apiHeaders.tls : apiHeaders.plain);
    await next();
    if (hasAllHeaders(c.res)) return;
    const headers = c.res.headers;
    for (const name in securityHeaders) headers.set(name, securityHeaders[name]!);
    headers.delete('X-Powered-By');
    if (tls) headers.set('Strict-Transport-Security', strictTransportSecurity);
    if (headers.has('Content-Security-Policy')) return; // the strict-CSP demo pages bring their own
    if (api) headers.set('Content-Security-Policy', apiPolicy);
    else if (headers.get('Content-Type')?.startsWith('text/html')) headers.set('Content-Security-Policy', pageHeaderPolicy);
  });
  app.use('/api/*', apiOrigins(config.allowedOrigins));
  const afterSend = deps.helpdesks?.afterSend ?? standaloneAfterSend;
  app.route('/api/tickets', ticketRoutes({
    config, store, forwarders: deps.forwarders, clientHash, ticketSecret: deps.ticketSecret, afterSend,
    ...(deps.confirmationEmail ? { confirmationEmail: true } : {}),
    ...(deps.onTicketCreated ? { onCreated: deps.onTicketCreated } : {}), ...(deps.now ? { now: deps.now } : {}), ...(deps.disk ? { disk: deps.disk } : {}),
  }));
  app.route('/api/tickets', ticketReplyRoutes({ config, store, clientHash, afterSend, now: deps.now, disk: deps.disk, onReply: deps.wakeOutbox }));
  const updates = ticketUpdateRoutes({
    store, afterSend, forwarders: deps.helpdesks?.forwarders ?? [], webhookSecret: config.statusWebhookSecret, now: deps.now, onUpdate: deps.wakeOutbox,
  });
  app.route('/api/tickets', updates.tickets);
  app.route('/api/helpdesks', updates.helpdesks);
  app.route('/api/customer/tickets', customerTicketRoutes({
    config, store, clientHash, ticketSecret: deps.ticketSecret, now: deps.now, statusUrl: (number, token, lang) => statusUrl(config, number, token, lang),
  }));
  app.route('/api/votes', voteRoutes({ store, config, secret: deps.ticketSecret, clientHash, now: deps.now }));
  app.route('/api/events', eventRoutes({ store, config, clientHash, now: deps.now }));
  app.route('/api/health', healthRoutes(store));
  app.all('/api/*', (c) => problem(404, 'bad-request', matchLanguage(c.req.header('Accept-Language'))));

  const staffConsole = consoleRoutes({
    config, store, secret: deps.ticketSecret, clientHash, forwarders: deps.forwarders, customerMail: afterSend.customerMail,
    overHttps: (c) => cameOverHttps(c.req.url, remoteAddress(c.env), c.req.header('X-Forwarded-Proto'), trust),
    // The vote route already says in one line when the list is missing.
    catalog: 'articles' in deps ? deps.articles : loadArticleCatalog(config.siteDir, () => {}),
    ...(deps.now ? { now: deps.now } : {}), ...(deps.wakeOutbox ? { wakeOutbox: deps.wakeOutbox } : {}), ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}),
  });
  app.all('/console', (c) => staffConsole.fetch(c.req.raw, c.env));
  app.all('/console/*', (c) => staffConsole.fetch(c.req.raw, c.env));

  app.on(['GET', 'HEAD'], '*', staticSite([
    demoMount(config, deps.demoDir),
    { prefix: '/', dir: config.siteDir },
  ]));

  app.onError((error, c) => {
    const lang = matchLanguage(c.req.header('Accept-Language'));
    // The client hung up mid-body: an expected event, not a server fault; nobody reads the answer.
    if (error instanceof BodyAbortedError) return problem(400, 'bad-request', lang);
    console.error('[support-kit server]', c.req.method, new URL(c.req.url).pathname, error);
    return problem(500, 'bad-request', 'en', { detail: 'Internal error: the request was not processed. It is safe to retry.' });
  });
  return app;
}
