/**
 * `/console/`: the staff console, on the reference server's own port. Pages are server-rendered
 * HTML under a strict CSP (no script at all: forms and links only, charts as SVG); its data API is
 * `/console/api/` (JSON, CSV, attachments). Who may do what:
 *
 * - nobody without a session: a page sends them to the sign-in form, the API answers 401;
 * - every request that changes something (POST) must come from the console's own origin (Origin
 *   and Sec-Fetch-Site) and carry a single-use form token bound to the session (auth/tokens.ts);
 * - an editor sees the insights (funnel, gaps, articles); an agent also tickets, deliveries,
 *   privacy requests and the audit log.
 */
import { readFile, rm } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { Hono, type Context, type Next } from 'hono';
import { BodyAbortedError } from '../http/json-body.ts';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { UiLanguage } from '../../../core/contract/locales.ts';
import { ticketStatuses, type TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { ServerConfig } from '../config.ts';
import type { CatalogArticle } from '../published-articles.ts';
import type { AuditEntry, StaffAccount, StaffSession } from '../store/console-store.ts';
import type { Store } from '../store/store.ts';
import { drain, problem } from '../http/problem.ts';
import { readCapped } from '../http/json-body.ts';
import { decoyHash, defaultPasswordCost, hashPassword, needsRehash, passwordLength, verifyPassword, type PasswordCost } from './auth/password.ts';
import { checkFormToken, derivedKey, issueFormToken } from './auth/tokens.ts';
import { cookieOptions, currentSession, endSession, languageCookie, preSessionCookie, startSession } from './auth/sessions.ts';
import { consoleLanguage, consoleMessages } from './i18n/messages.ts';
import { formatsFor } from './i18n/formats.ts';
import type { ConsoleMessages } from './i18n/en.ts';
import { html } from './render/html.ts';
import { mayOpen, page, pageKeys, type PageKey } from './render/layout.ts';
import { cellValue, tableCsv, type DataTable } from './render/table.ts';
import type { PageContext, PageView } from './pages/context.ts';
import { funnelPage } from './pages/funnel.ts';
import { gapsPage } from './pages/gaps.ts';
import { articlesPage } from './pages/articles.ts';
import { ticketsPage } from './pages/tickets.ts';
import { replyStatuses, ticketPage, ticketRecord } from './pages/ticket.ts';
import { randomUUID } from 'node:crypto';
import { limits } from '../../../core/contract/limits.ts';
import { redactTextFully } from '../intake/redact.ts';
import { privacyPage, requestedEmail } from './pages/privacy.ts';
import { auditPage } from './pages/audit.ts';
import { gapKey } from './insights/gaps.ts';

export interface ConsoleDeps {
  config: ServerConfig;
  store: Store;
  /** The server secret: form tokens and the sign-in throttle's account keys are derived from it. */
  secret: Buffer;
  /** The salted hash of the calling client (app.ts), for the per-client sign-in limit. */
  clientHash(request: Request, env: unknown): string;
  /** Whether the browser reached us over https (directly or through a trusted proxy): cookies are Secure then. */
  overHttps(c: Context): boolean;
  now?: () => Date;
  /** The KB's published articles (site/dist/articles.json); undefined when the site is not built here. */
  catalog: CatalogArticle[] | undefined;
  /** The configured forwarders' names (the privacy page names the helpdesks copies went to). */
  forwarders: readonly string[];
  /** Wakes the outbox after a retried delivery, so it goes out at once. */
  wakeOutbox?: () => void;
  /** Where support's news for the customer goes (their e-mail, when the server sends it): status changes and replies made here. */
  customerMail?: readonly string[];
  /** scrypt's cost; tests lower it. */
  passwordCost?: PasswordCost;
}

/** The page that shows the sign-in form names its own route here; everything else needs a session. */
const signInWindowMs = 15 * 60_000;
/** Form bodies are a few fields; anything bigger is not a console form. */
const maxFormBytes = 64 * 1024;

/** Pages (`/console/<key>`) and the builder of each; `tickets/:number` is the ticket page. */
const builders: Record<PageKey, ((ctx: PageContext) => Promise<PageView>) | undefined> = {
  funnel: funnelPage,
  gaps: gapsPage,
  articles: articlesPage,
  tickets: ticketsPage,
  privacy: undefined, // needs the e-mail lookup, which is audited: built in its routes
  audit: auditPage,
};

const pagePolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

type Env = {
  Variables: {
    lang: UiLanguage;
    t: ConsoleMessages;
    staff: StaffAccount;
    session: StaffSession;
    sessionEnded: boolean;
    /** The form fields of a POST, read once (and its token checked) by the guard. */
    form: URLSearchParams;
  };
};

const isApi = (c: Context) => c.req.path.startsWith('/console/api/');

/** The console's address(es): PUBLIC_URL, localhost on PORT, and the address this request came to. */
function ownOrigins(config: ServerConfig, requestUrl: string): Set<string> {
  const origins = new Set([`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`, `http://[::1]:${config.port}`, new URL(requestUrl).origin]);
  if (config.publicUrl) origins.add(config.publicUrl);
  return origins;
}

/** Where to go after signing in: a console path of this server only, never another site. */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 2000) return '/console/funnel';
  try {
    const url = new URL(next, 'http://console.invalid');
    if (url.origin !== 'http://console.invalid' || !/^\/console\/[a-z]/.test(url.pathname) || url.pathname.startsWith('/console/api/')) return '/console/funnel';
    return url.pathname + url.search;
  } catch {
    return '/console/funnel';
  }
}

/**
 * Every console route, with sample parameters: the tests walk this list (an anonymous caller, a
 * cross-origin POST, a replayed token on each), and a unit test holds it against the routes the app
 * really has, so a route added later is covered or the test fails.
 */
export const consoleEndpoints = [
  { method: 'GET', path: '/console/', kind: 'sign-in' },
  { method: 'POST', path: '/console/sign-in', kind: 'sign-in' },
  { method: 'GET', path: '/console/assets/console.css', kind: 'public' },
  { method: 'GET', path: '/console/assets/icon.svg', kind: 'public' },
  { method: 'POST', path: '/console/sign-out', kind: 'page' },
  { method: 'GET', path: '/console/funnel', kind: 'page' },
  { method: 'GET', path: '/console/gaps', kind: 'page' },
  { method: 'GET', path: '/console/articles', kind: 'page' },
  { method: 'GET', path: '/console/tickets', kind: 'page' },
  { method: 'GET', path: '/console/audit', kind: 'page' },
  { method: 'GET', path: '/console/tickets/BR-000001', kind: 'page' },
  { method: 'GET', path: '/console/privacy', kind: 'page' },
  { method: 'GET', path: '/console/api/funnel', kind: 'api' },
  { method: 'GET', path: '/console/api/gaps', kind: 'api' },
  { method: 'GET', path: '/console/api/articles', kind: 'api' },
  { method: 'GET', path: '/console/api/tickets', kind: 'api' },
  { method: 'GET', path: '/console/api/audit', kind: 'api' },
  { method: 'GET', path: '/console/api/me', kind: 'api' },
  { method: 'GET', path: '/console/api/tickets/BR-000001', kind: 'api' },
  { method: 'GET', path: '/console/api/tickets/BR-000001/attachments/x', kind: 'api' },
  { method: 'POST', path: '/console/api/tickets/BR-000001/status', kind: 'api' },
  { method: 'POST', path: '/console/api/tickets/BR-000001/reply', kind: 'api' },
  { method: 'POST', path: '/console/api/deliveries/x/retry', kind: 'api' },
  { method: 'POST', path: '/console/api/gaps/cover', kind: 'api' },
  { method: 'GET', path: '/console/api/privacy', kind: 'api' },
  { method: 'GET', path: '/console/api/privacy/export?email=ana%40example.com', kind: 'api' },
  { method: 'POST', path: '/console/api/privacy/delete', kind: 'api' },
  { method: 'GET', path: '/console/api/export/funnel/weekly.csv', kind: 'api' },
] as const;

export function consoleRoutes(deps: ConsoleDeps) {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const cost = deps.passwordCost ?? defaultPasswordCost;
  const formKey = derivedKey(deps.secret, 'form tokens');
  const accountKeyOf = (email: string) => `account:${createHmac('sha256', derivedKey(deps.secret, 'sign-in throttle')).update(email).digest('base64url')}`;
  // Made when the sign-in form is first shown (not at server start: scrypt takes 128 MiB while it
  // runs), so the first refusal of an unknown e-mail does not take two hashes' time.
  let decoy: Promise<string> | undefined;
  const tokenMaxAgeMs = config.console.sessionHours * 3_600_000;
  // Not strict: /console and /console/ are the same page, as /console/funnel/ is /console/funnel.
  const app = new Hono<Env>({ strict: false }).basePath('/console');

  app.onError((error, c) => {
    // The client hung up mid-body: nobody reads the answer, and it is no fault of ours.
    if (error instanceof BodyAbortedError) return problem(400, 'bad-request', 'en');
    console.error('[support-kit console]', c.req.method, c.req.path, error);
    return problem(500, 'bad-request', 'en', { detail: 'Internal error: the request was not processed.' });
  });

  const audit = (entry: Omit<AuditEntry, 'at'>) => store.addAudit({ at: now().toISOString(), ...entry });
  const formats = (c: Context<Env>) => formatsFor(c.get('lang'));

  // ---- headers, language, session ------------------------------------------------------------

  app.use('*', async (c: Context<Env>, next: Next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', isApi(c) ? apiPolicy : pagePolicy);
  });

  app.use('*', async (c: Context<Env>, next: Next) => {
    const asked = c.req.query('lang');
    const lang = consoleLanguage(asked, getCookie(c, languageCookie), c.req.header('Accept-Language'));
    if (asked === lang) setCookie(c, languageCookie, lang, cookieOptions(deps.overHttps(c), 365 * 24 * 3600));
    c.set('lang', lang);
    c.set('t', consoleMessages[lang]);
    await next();
  });

  // The stylesheet and the icon are public: the sign-in page needs them, and they hold nothing.
  const assets = path.join(import.meta.dirname, 'assets');
  app.get('/assets/:file{console\\.css|icon\\.svg}', async (c) => {
    const file = c.req.param('file');
    const body = await readFile(path.join(assets, file));
    return c.body(body, 200, { 'Content-Type': file.endsWith('.css') ? 'text/css; charset=utf-8' : 'image/svg+xml', 'Cache-Control': 'no-cache' });
  });

  app.use('*', async (c: Context<Env>, next: Next) => {
    const found = await currentSession(c, store, config.console, now());
    c.set('sessionEnded', found.state === 'ended');
    if (found.state === 'active') {
      c.set('staff', found.staff);
      c.set('session', found.session);
    } else if (found.state === 'ended') {
      deleteCookie(c, 'sk_console', cookieOptions(deps.overHttps(c)));
    }
    await next();
  });

  // ---- every change: the console's own origin, a form body, a single-use token ---------------

  app.use('*', async (c: Context<Env>, next: Next) => {
    if (['GET', 'HEAD'].includes(c.req.method)) return next();
    const lang = c.get('lang');
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    // Browsers send Origin with every POST; without it, or from elsewhere, it is not the console's own form.
    if (!origin || !ownOrigins(config, c.req.url).has(origin) || (site !== undefined && site !== 'same-origin')) {
      await drain(c.req.raw.body);
      return isApi(c) ? problem(403, 'forbidden-origin', lang) : errorPage(c, 403, c.get('t').errors.staleFormTitle, c.get('t').errors.staleForm);
    }
    if (c.req.method !== 'POST') return next(); // no other method has a route: the 404 below answers
    if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('Content-Type') ?? '')) {
      await drain(c.req.raw.body);
      return problem(415, 'unsupported-type', lang);
    }
    const text = await readCapped(c.req.raw.body, maxFormBytes);
    if (text === undefined) return problem(413, 'too-large', lang);
    const form = new URLSearchParams(text);
    c.set('form', form);
    if (c.req.path === '/console/sign-in') return next(); // its token is bound to the pre-session cookie: checked there
    const session = c.get('session') as StaffSession | undefined;
    if (!session) return isApi(c) ? problem(401, 'sign-in-required', lang) : c.redirect('/console/', 303);
    if (!(await spend(form.get('csrf'), session.id))) return isApi(c) ? problem(403, 'stale-form', lang) : errorPage(c, 403, c.get('t').errors.staleFormTitle, c.get('t').errors.staleForm);
    return next();
  });

  /** A form token for `binding` is valid and not spent yet; spending it now. */
  async function spend(token: string | null, binding: string): Promise<boolean> {
    const checked = checkFormToken(formKey, binding, token ?? undefined, now(), tokenMaxAgeMs);
    return checked.ok && (await store.spendFormToken(checked.nonce, now()));
  }

  // ---- signing in and out ----------------------------------------------------------------------

  async function signInPage(c: Context<Env>, status: number, message?: string, next?: string | null): Promise<Response> {
    decoy ??= decoyHash(cost);
    const t = c.get('t');
    const secure = deps.overHttps(c);
    let binding = getCookie(c, preSessionCookie);
    if (!binding || !/^[\w-]{22,64}$/.test(binding)) {
      binding = issueFormToken(formKey, 'pre-session', now()).split('.')[0] ?? '';
      setCookie(c, preSessionCookie, binding, cookieOptions(secure, 3600));
    }
    const noAccounts = (await store.countStaff()) === 0;
    const body = html`<p class="intro">${t.signIn.intro}</p>
${message ? html`<p class="notice error" role="alert">${message}</p>` : ''}
${noAccounts ? html`<div class="notice"><p>${t.signIn.noAccounts}</p><pre><code>npm run staff -- add you@example.com --role agent</code></pre></div>` : ''}
<form class="sign-in" method="post" action="/console/sign-in">
  <input type="hidden" name="csrf" value="${issueFormToken(formKey, binding, now())}">
  <input type="hidden" name="next" value="${safeNext(next)}">
  <div class="field"><label>${t.signIn.email}<input type="email" name="email" autocomplete="username" required maxlength="254"></label></div>
  <div class="field"><label>${t.signIn.password}<input type="password" name="password" autocomplete="current-password" required maxlength="${passwordLength.max}"></label></div>
  <button class="button" type="submit">${t.signIn.submit}</button>
</form>`;
    const response = page(frame(c), t.signIn.title, body, status);
    return withCookies(c, response);
  }

  app.get('/', async (c) => {
    if (c.get('staff')) return c.redirect(safeNext(c.req.query('next')), 303);
    return signInPage(c, 200, c.get('sessionEnded') ? c.get('t').signIn.sessionEnded : undefined, c.req.query('next'));
  });

  app.post('/sign-in', async (c) => {
    const t = c.get('t');
    const form = c.get('form');
    const next = form.get('next');
    const binding = getCookie(c, preSessionCookie);
    if (!binding || !(await spend(form.get('csrf'), binding))) return signInPage(c, 403, t.signIn.staleForm, next);

    const email = (form.get('email') ?? '').trim().toLowerCase().slice(0, 254);
    const password = form.get('password') ?? '';
    const at = now();
    // Failures of the last 15 minutes: one exactly 15 minutes old no longer counts.
    const since = new Date(at.getTime() - signInWindowMs + 1);
    const clientKey = `client:${deps.clientHash(c.req.raw, c.env)}`;
    const accountKey = accountKeyOf(email);
    for (const [key, limit] of [[clientKey, config.console.clientSignInLimit], [accountKey, config.console.accountSignInLimit]] as const) {
      const failures = await store.signInFailures(key, since);
      if (failures.count >= limit) {
        const retryMs = Date.parse(failures.oldest ?? at.toISOString()) + signInWindowMs - at.getTime();
        const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
        const response = await signInPage(c, 429, t.signIn.limited(minutes), next);
        response.headers.set('Retry-After', String(Math.max(1, Math.ceil(retryMs / 1000))));
        return response;
      }
    }
    const staff = email ? await store.staffByEmail(email) : undefined;
    // An unknown e-mail costs the same scrypt work as a wrong password: the answer time tells nothing.
    decoy ??= decoyHash(cost);
    const valid = password.length >= 1 && password.length <= passwordLength.max && (await verifyPassword(password, staff?.passwordHash ?? (await decoy)));
    if (!staff || !valid) {
      await store.recordSignInFailure([clientKey, accountKey], at);
      if (staff) await audit({ actor: staff.email, action: 'sign-in-refused' });
      return signInPage(c, 401, t.signIn.failed, next);
    }
    await store.clearSignInFailures(accountKey);
    await startSession(c, store, staff, at, deps.overHttps(c));
    await store.markSignedIn(staff.id, at);
    if (needsRehash(staff.passwordHash, cost)) await store.rehashPassword(staff.id, await hashPassword(password, cost));
    await audit({ actor: staff.email, action: 'sign-in' });
    return c.redirect(safeNext(next), 303);
  });

  app.post('/sign-out', async (c) => {
    const session = c.get('session');
    await endSession(c, store, session, deps.overHttps(c));
    await audit({ actor: c.get('staff').email, action: 'sign-out' });
    return c.redirect('/console/', 303);
  });

  // ---- who may go on ----------------------------------------------------------------------------

  app.use('*', async (c: Context<Env>, next: Next) => {
    if (c.get('staff')) return next();
    await drain(c.req.raw.body);
    if (isApi(c)) return problem(401, 'sign-in-required', c.get('lang'));
    return c.redirect(`/console/?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
  });

  /** Refuses what the role does not include: 403 page or problem. */
  function allowed(c: Context<Env>, key: PageKey): Response | undefined {
    if (mayOpen(c.get('staff'), key)) return undefined;
    return isApi(c) ? problem(403, 'forbidden-role', c.get('lang')) : errorPage(c, 403, c.get('t').errors.forbiddenTitle, c.get('t').errors.forbidden);
  }

  function frame(c: Context<Env>, current?: PageKey) {
    const staff = c.get('staff') as StaffAccount | undefined;
    const session = c.get('session') as StaffSession | undefined;
    return {
      t: c.get('t'),
      lang: c.get('lang'),
      company: config.support.company.name,
      url: new URL(c.req.url),
      ...(staff ? { staff } : {}),
      ...(current ? { current } : {}),
      ...(session ? { formToken: issueFormToken(formKey, session.id, now()) } : {}),
    };
  }

  /** Cookies Hono set on the context (language, session) onto a Response built outside it. */
  function withCookies(c: Context, response: Response): Response {
    for (const cookie of c.res.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
    return response;
  }

  function errorPage(c: Context<Env>, status: number, title: string, message: string): Response {
    const t = c.get('t');
    return withCookies(c, page(frame(c), title, html`<p>${message}</p><p><a href="/console/">${t.errors.back}</a></p>`, status));
  }

  function context(c: Context<Env>, exporting = false): PageContext {
    const session = c.get('session');
    return {
      t: c.get('t'),
      lang: c.get('lang'),
      formats: formats(c),
      staff: c.get('staff'),
      query: new URL(c.req.url).searchParams,
      now: now(),
      store,
      config,
      catalog: deps.catalog,
      forwarders: deps.forwarders,
      formToken: () => issueFormToken(formKey, session.id, now()),
      exporting,
    };
  }

  function render(c: Context<Env>, key: PageKey, view: PageView, status = 200): Response {
    return withCookies(c, page(frame(c, key), view.title, view.body, status));
  }

  /** A page's tables as JSON: the values, not their formatting; form columns left out. */
  function tablesJson(tables: readonly DataTable[]) {
    return tables.map((table) => {
      const columns = table.columns.filter((col) => !col.pageOnly);
      return { id: table.id, caption: table.caption, columns: columns.map(({ key, label, format }) => ({ key, label, format: format ?? 'text' })), rows: table.rows.map((row) => Object.fromEntries(columns.map((col) => [col.key, cellValue(row[col.key])]))) };
    });
  }

  // ---- insight pages and the ticket list --------------------------------------------------------

  for (const key of ['funnel', 'gaps', 'articles', 'tickets', 'audit'] as const) {
    const build = builders[key]!;
    app.get(`/${key}`, async (c) => allowed(c, key) ?? render(c, key, await build(context(c))));
    app.get(`/api/${key}`, async (c) => {
      const refused = allowed(c, key);
      if (refused) return refused;
      const view = await build(context(c));
      return c.json({ title: view.title, tables: tablesJson(view.tables), data: view.data ?? null });
    });
  }

  app.get('/api/me', (c) => {
    const staff = c.get('staff');
    return c.json({ email: staff.email, role: staff.role, pages: pageKeys.filter((key) => mayOpen(staff, key)) });
  });

  // ---- one ticket ----------------------------------------------------------------------------

  async function openTicket(c: Context<Env>): Promise<{ ctx: PageContext; view: PageView; number: string } | Response> {
    const refused = allowed(c, 'tickets');
    if (refused) return refused;
    const ctx = context(c);
    const number = c.req.param('number') ?? '';
    const record = await ticketRecord(ctx, number);
    if (!record) return isApi(c) ? problem(404, 'no-such-thing', c.get('lang')) : errorPage(c, 404, ctx.t.errors.notFoundTitle, ctx.t.errors.notFound);
    await audit({ actor: ctx.staff.email, action: 'ticket-view', target: record.ticket.number });
    return { ctx, view: ticketPage(ctx, record), number: record.ticket.number };
  }

  app.get('/tickets/:number', async (c) => {
    const opened = await openTicket(c);
    return opened instanceof Response ? opened : render(c, 'tickets', opened.view);
  });
  app.get('/api/tickets/:number', async (c) => {
    const opened = await openTicket(c);
    if (opened instanceof Response) return opened;
    const record = (await ticketRecord(opened.ctx, opened.number))!;
    // Where a file lies on the server's disk is nobody's business but the server's.
    const attachments = record.ticket.attachments.map(({ path: _path, ...a }) => a);
    return c.json({ ...record, ticket: { ...record.ticket, attachments } });
  });

  app.get('/api/tickets/:number/attachments/:id', async (c) => {
    const refused = allowed(c, 'tickets');
    if (refused) return refused;
    const stored = await store.ticketByNumber(c.req.param('number'));
    // The ticket's own files and those the customer sent with replies.
    const files = stored ? [...stored.attachments, ...(await store.replyFiles(stored.id)).map((r) => r.file)] : [];
    const attachment = files.find((a) => a.id === c.req.param('id'));
    if (!stored || !attachment) return problem(404, 'no-such-thing', c.get('lang'));
    let bytes: Buffer;
    try {
      bytes = await readFile(attachment.path);
    } catch {
      return problem(404, 'no-such-thing', c.get('lang'));
    }
    await audit({ actor: c.get('staff').email, action: 'attachment-download', target: stored.number, detail: attachment.id });
    // Downloaded, never shown on the console's origin: a file a customer sent runs nothing here.
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': attachment.type,
      'Content-Disposition': `attachment; filename="${attachment.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.post('/api/tickets/:number/status', async (c) => {
    const refused = allowed(c, 'tickets');
    if (refused) return refused;
    const form = c.get('form');
    const status = form.get('status') as TicketStatus | null;
    const note = (form.get('note') ?? '').trim().slice(0, 1000);
    const stored = await store.ticketByNumber(c.req.param('number'));
    if (!stored) return errorPage(c, 404, c.get('t').errors.notFoundTitle, c.get('t').errors.notFound);
    if (!status || !ticketStatuses.includes(status)) return errorPage(c, 400, c.get('t').errors.badRequestTitle, c.get('t').errors.badRequest);
    await store.setTicketStatus(stored.id, status, now(), note || undefined, deps.customerMail);
    await audit({ actor: c.get('staff').email, action: 'status-change', target: stored.number, detail: `${stored.status} → ${status}` });
    if (deps.customerMail?.length) deps.wakeOutbox?.();
    return c.redirect(`/console/tickets/${encodeURIComponent(stored.number)}`, 303);
  });

  // Without a helpdesk, agents answer here: the reply joins the history the customer's status page
  // shows, and their e-mail when the server sends it.
  app.post('/api/tickets/:number/reply', async (c) => {
    const refused = allowed(c, 'tickets');
    if (refused) return refused;
    const form = c.get('form');
    const status = (form.get('status') ?? 'answered') as TicketStatus;
    const message = (form.get('message') ?? '').trim();
    const stored = await store.ticketByNumber(c.req.param('number'));
    if (!stored) return errorPage(c, 404, c.get('t').errors.notFoundTitle, c.get('t').errors.notFound);
    if (!message || message.length > limits.reply.max || !replyStatuses.includes(status)) return errorPage(c, 400, c.get('t').errors.badRequestTitle, c.get('t').errors.badRequest);
    // An agent may paste a password too; the customer's e-mail and page must not carry it.
    const clean = await redactTextFully(message, stored.ticket.lang);
    await store.addTicketEvent({
      id: randomUUID(), ticketId: stored.id, at: now().toISOString(), kind: 'agent-reply', by: 'support', status, message: clean.text, redacted: clean.redacted,
      ...(deps.customerMail ? { deliverTo: deps.customerMail } : {}),
    });
    await audit({ actor: c.get('staff').email, action: 'agent-reply', target: stored.number, detail: `${stored.status} → ${status}` });
    if (deps.customerMail?.length) deps.wakeOutbox?.();
    return c.redirect(`/console/tickets/${encodeURIComponent(stored.number)}`, 303);
  });

  app.post('/api/deliveries/:id/retry', async (c) => {
    const refused = allowed(c, 'tickets');
    if (refused) return refused;
    const id = c.req.param('id');
    const delivery = await store.deliveryById(id);
    const ticket = delivery && (await store.ticketById(delivery.ticketId));
    if (!delivery || !ticket || !(await store.retryDelivery(id, now()))) return errorPage(c, 404, c.get('t').errors.notFoundTitle, c.get('t').errors.notFound);
    await audit({ actor: c.get('staff').email, action: 'delivery-retry', target: ticket.number, detail: delivery.forwarder });
    deps.wakeOutbox?.();
    return c.redirect(`/console/tickets/${encodeURIComponent(ticket.number)}`, 303);
  });

  // ---- gaps --------------------------------------------------------------------------------------

  app.post('/api/gaps/cover', async (c) => {
    const refused = allowed(c, 'gaps');
    if (refused) return refused;
    const form = c.get('form');
    const gap = gapKey(form.get('gap') ?? '');
    const article = form.get('article') ?? '';
    const days = /^\d{1,3}$/.test(form.get('days') ?? '') ? `?days=${form.get('days')}` : '';
    if (!gap || !deps.catalog?.some((a) => a.translationKey === article)) return errorPage(c, 400, c.get('t').errors.badRequestTitle, c.get('t').errors.badRequest);
    await store.coverGap({ gap, article, coveredAt: now().toISOString(), coveredBy: c.get('staff').email });
    await audit({ actor: c.get('staff').email, action: 'gap-covered', target: gap, detail: article });
    return c.redirect(`/console/gaps${days}`, 303);
  });

  // ---- privacy requests ----------------------------------------------------------------------

  async function lookUp(c: Context<Env>, email: string) {
    const records = await store.ticketsByCustomerEmail(email);
    // The audit keeps what was found, never the address asked about.
    await audit({ actor: c.get('staff').email, action: 'privacy-search', detail: records.map((r) => r.ticket.number).join(', ') || '—' });
    return { email, records };
  }

  app.get('/privacy', async (c) => {
    const refused = allowed(c, 'privacy');
    if (refused) return refused;
    const email = requestedEmail(c.req.query('email'));
    return render(c, 'privacy', await privacyPage(context(c), email ? await lookUp(c, email) : undefined));
  });
  app.get('/api/privacy', async (c) => {
    const refused = allowed(c, 'privacy');
    if (refused) return refused;
    const email = requestedEmail(c.req.query('email'));
    const view = await privacyPage(context(c), email ? await lookUp(c, email) : undefined);
    return c.json({ title: view.title, tables: tablesJson(view.tables), data: view.data ?? null });
  });

  const exportedFile = async (a: { name: string; type: string; size: number; path: string }) =>
    ({ name: a.name, type: a.type, size: a.size, base64: await readFile(a.path).then((bytes) => bytes.toString('base64'), () => null) });
  app.get('/api/privacy/export', async (c) => {
    const refused = allowed(c, 'privacy');
    if (refused) return refused;
    const email = requestedEmail(c.req.query('email'));
    if (!email) return problem(400, 'bad-request', c.get('lang'));
    const records = await store.ticketsByCustomerEmail(email);
    const tickets = await Promise.all(records.map(async ({ ticket, history, deliveries }) => ({
      number: ticket.number,
      status: ticket.status,
      createdAt: ticket.createdAt,
      expectedReplyBy: ticket.expectedReplyBy,
      verified: Boolean(ticket.verifiedCustomerId),
      redacted: ticket.redacted,
      ticket: ticket.ticket,
      history,
      deliveries: deliveries.map((d) => ({ forwarder: d.forwarder, state: d.state, attempts: d.attempts, ...(d.externalId ? { helpdeskId: d.externalId } : {}), ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}) })),
      // The files themselves: a data-portability export is everything the customer gave, the files of their replies too.
      attachments: await Promise.all(ticket.attachments.map(exportedFile)),
      replyAttachments: await Promise.all((await store.replyFiles(ticket.id)).map(async ({ at, file }) => ({ replyAt: at, ...(await exportedFile(file)) }))),
    })));
    await audit({ actor: c.get('staff').email, action: 'export', target: 'privacy.json', detail: tickets.map((t) => t.number).join(', ') || '—' });
    const body = JSON.stringify({ email, exportedAt: now().toISOString(), tickets }, null, 2);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="support-kit-privacy-export-${now().toISOString().slice(0, 10)}.json"` });
  });

  app.post('/api/privacy/delete', async (c) => {
    const refused = allowed(c, 'privacy');
    if (refused) return refused;
    const form = c.get('form');
    const email = requestedEmail(form.get('email'));
    if (!email || form.get('confirm') !== 'yes') return errorPage(c, 400, c.get('t').errors.badRequestTitle, c.get('t').errors.badRequest);
    const { numbers, paths } = await store.deleteTicketsByCustomerEmail(email);
    for (const file of paths) await rm(file, { force: true });
    await audit({ actor: c.get('staff').email, action: 'deletion', target: numbers.join(', ') || '—', detail: `${numbers.length} tickets, ${paths.length} files` });
    return c.redirect(`/console/privacy?deleted=${encodeURIComponent(numbers.join(','))}`, 303);
  });

  // ---- CSV of any table ------------------------------------------------------------------------

  app.get('/api/export/:page/:file', async (c) => {
    const key = c.req.param('page') as PageKey;
    const match = /^([a-z-]{1,40})\.csv$/.exec(c.req.param('file'));
    if (!pageKeys.includes(key) || !match) return problem(404, 'no-such-thing', c.get('lang'));
    const refused = allowed(c, key);
    if (refused) return refused;
    const ctx = context(c, true);
    let view: PageView | undefined;
    if (key === 'privacy') {
      const email = requestedEmail(ctx.query.get('email'));
      view = await privacyPage(ctx, email ? { email, records: await store.ticketsByCustomerEmail(email) } : undefined);
    } else if (key === 'tickets' && ctx.query.get('number')) {
      const record = await ticketRecord(ctx, ctx.query.get('number') ?? '');
      view = record ? ticketPage(ctx, record) : undefined;
    } else {
      view = await builders[key]?.(ctx);
    }
    const table = view?.tables.find((t) => t.id === match[1]);
    if (!table) return problem(404, 'no-such-thing', c.get('lang'));
    const filter = new URLSearchParams(ctx.query);
    filter.delete('email'); // the audit never keeps a customer's address
    await audit({ actor: ctx.staff.email, action: 'export', target: `${key}/${table.id}.csv`, ...(filter.size ? { detail: filter.toString() } : {}) });
    return c.body(tableCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="support-kit-${key}-${table.id}-${now().toISOString().slice(0, 10)}.csv"`,
    });
  });

  // ---- the rest ----------------------------------------------------------------------------------

  app.all('*', async (c) => {
    await drain(c.req.raw.body);
    return isApi(c) ? problem(404, 'no-such-thing', c.get('lang')) : errorPage(c, 404, c.get('t').errors.notFoundTitle, c.get('t').errors.notFound);
  });

  return app;
}
