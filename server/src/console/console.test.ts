/**
 * The staff console through the real app (`app.request()`): signing in and out, sessions, the
 * sign-in limits, CSRF and origin checks, roles, the audit log, and what agents do with tickets.
 * The clock is injected and moved by hand; nothing waits.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedOrigin, fromAddress, multipart, pngBytes, postJson, testServer, ticket, type TestDeps, type TestServer } from '../test-support.ts';
import { consoleEndpoints, consoleRoutes, safeNext } from './console-routes.ts';
import { hashPassword } from './auth/password.ts';
import type { StaffRole } from '../store/console-store.ts';
import { loadConfig } from '../config.ts';

const cheap = { logN: 4, r: 1, p: 1 };
const password = 'correct horse battery staple';
const catalog = [
  { translationKey: 'email-bounced', lang: 'pt-BR' as const, title: 'E-mail devolvido com erro 550', path: '/pt-br/email-devolvido-550-554/', updated: '2026-11-01' },
  { translationKey: 'email-bounced', lang: 'it' as const, title: 'Email respinta 550', path: '/it/email-respinta-550-554/', updated: '2026-11-01' },
  { translationKey: 'reset-password', lang: 'pt-BR' as const, title: 'Redefinir a senha', path: '/pt-br/redefinir-senha/', updated: '2023-01-10' },
];

let server: TestServer;
let clock: number;
afterEach(() => {
  server?.cleanup();
  server = undefined as unknown as TestServer;
  vi.restoreAllMocks();
});

function start(env: Record<string, string> = {}, more: { wakeOutbox?: () => void; remoteAddress?: (env: unknown) => string | undefined; helpdesks?: TestDeps['helpdesks'] } = {}) {
  // The real time to start from: tickets' bot check compares the form's start with the server's clock.
  clock = Date.now();
  server = testServer(env, undefined, { now: () => new Date(clock), articles: catalog, passwordCost: cheap, ...more });
  return server;
}

const advance = (minutes: number) => (clock += minutes * 60_000);

async function addStaff(email: string, role: StaffRole = 'agent') {
  const at = new Date(clock).toISOString();
  await server.store.addStaff({ id: `id-${email}`, email, role, passwordHash: await hashPassword(password, cheap), createdAt: at, passwordChangedAt: at });
}

/** Cookies as a browser keeps them: name -> value, updated from each answer's Set-Cookie. */
class Browser {
  cookies = new Map<string, string>();
  readonly address: string;
  readonly origin: string;
  constructor(address = '203.0.113.7', origin = allowedOrigin) {
    this.address = address;
    this.origin = origin;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await server.app.request(url, { headers: { Cookie: this.header(), ...headers } }, fromAddress(this.address)));
  }

  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await server.app.request(url, {
      method: 'POST',
      headers: { Cookie: this.header(), Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }, fromAddress(this.address)));
  }

  /** A fresh form token from a console page, as a form on it would carry. */
  async token(from = '/console/funnel'): Promise<string> {
    const page = await (await this.get(from)).text();
    const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no form token on ${from}`);
    return token;
  }

  async signIn(email: string, secret = password, next?: string): Promise<Response> {
    const form = await (await this.get('/console/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    return this.post('/console/sign-in', { email, password: secret, csrf, ...(next ? { next } : {}) });
  }
}

async function signedIn(role: StaffRole = 'agent', email = `${role}@nuvolo.example`): Promise<Browser> {
  await addStaff(email, role);
  const browser = new Browser();
  const answer = await browser.signIn(email);
  expect(answer.status).toBe(303);
  return browser;
}

describe('signing in', () => {
  it('shows the sign-in form at /console/, and with no account yet the command that creates the first', async () => {
    start();
    const browser = new Browser();
    const first = await browser.get('/console/');
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('action="/console/sign-in"');
    expect(page).toMatch(/<input type="email" name="email"/);
    expect(page).toMatch(/<input type="password" name="password"/);
    expect(page).toContain('npm run staff -- add you@example.com --role agent');

    await addStaff('ana@nuvolo.example');
    expect(await (await browser.get('/console/')).text()).not.toContain('npm run staff');
  });

  it('signs in with a new HttpOnly, SameSite=Strict session cookie for the console\'s paths, and goes where the caller was headed', async () => {
    start();
    await addStaff('ana@nuvolo.example');
    const browser = new Browser();
    const answer = await browser.signIn('Ana@Nuvolo.example ', password, '/console/gaps?days=30');

    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe('/console/gaps?days=30');
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('sk_console='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    expect((await browser.get('/console/gaps')).status).toBe(200);
    expect((await server.store.auditEntries(5)).map((e) => [e.actor, e.action])).toEqual([['ana@nuvolo.example', 'sign-in']]);
  });

  it('marks the cookie Secure when the browser came over https through a trusted proxy', async () => {
    start({ TRUST_PROXY: 'loopback' }, { remoteAddress: () => '127.0.0.1' });
    await addStaff('ana@nuvolo.example');
    const browser = new Browser();
    const form = await (await browser.get('/console/', { 'X-Forwarded-Proto': 'https' })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const answer = await browser.post('/console/sign-in', { email: 'ana@nuvolo.example', password, csrf }, { 'X-Forwarded-Proto': 'https' });
    expect(answer.headers.getSetCookie().find((c) => c.startsWith('sk_console='))).toMatch(/Secure/);
  });

  it('rotates the session at sign-in: a session token planted in the browser before is ended, not reused', async () => {
    start();
    const attacker = await signedIn('editor', 'mallory@nuvolo.example');
    const planted = attacker.cookies.get('sk_console') ?? '';
    await addStaff('ana@nuvolo.example');
    const victim = new Browser();
    const form = await (await victim.get('/console/')).text();
    victim.cookies.set('sk_console', planted); // e.g. through a subdomain's cookie
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    expect((await victim.post('/console/sign-in', { email: 'ana@nuvolo.example', password, csrf })).status).toBe(303);

    expect(victim.cookies.get('sk_console')).not.toBe(planted);
    expect(await (await victim.get('/console/api/me')).json()).toMatchObject({ email: 'ana@nuvolo.example' });
    expect((await attacker.get('/console/api/me')).status).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail alike, and audits the refusal only for a real account', async () => {
    start();
    await addStaff('ana@nuvolo.example');
    const browser = new Browser();
    const wrong = await browser.signIn('ana@nuvolo.example', 'not the password at all');
    const unknown = await browser.signIn('nobody@nuvolo.example', password);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const message = (text: string) => /role="alert">([^<]*)</.exec(text)?.[1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
    expect(browser.cookies.has('sk_console')).toBe(false);
    expect((await server.store.auditEntries(5)).map((e) => e.action)).toEqual(['sign-in-refused']);
  });

  it('refuses an account for 15 minutes after 5 failures, even with the right password, while others sign in', async () => {
    start();
    await addStaff('ana@nuvolo.example');
    await addStaff('bia@nuvolo.example');
    const attacker = new Browser('198.51.100.1');
    for (let i = 0; i < 5; i++) expect((await attacker.signIn('ana@nuvolo.example', `guess number ${i}`)).status).toBe(401);

    // From another address too: the account itself is locked, not the client.
    const owner = () => new Browser('192.0.2.44');
    const locked = await owner().signIn('ana@nuvolo.example');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBe(15 * 60);
    expect(await locked.text()).toMatch(/15 minutes/);
    expect((await owner().signIn('bia@nuvolo.example')).status).toBe(303);

    advance(15);
    expect((await owner().signIn('ana@nuvolo.example')).status).toBe(303);
  });

  it('refuses a client after 20 failures across any accounts, and no other client', async () => {
    start();
    await addStaff('ana@nuvolo.example');
    const sprayer = new Browser('198.51.100.9');
    for (let i = 0; i < 20; i++) await sprayer.signIn(`user${i}@nuvolo.example`, 'Summer2026!');
    expect((await sprayer.signIn('ana@nuvolo.example')).status).toBe(429);
    expect((await new Browser('192.0.2.44').signIn('ana@nuvolo.example')).status).toBe(303);
  });

  it('counts an address\'s failures in a window: old failures stop counting', async () => {
    start({ CONSOLE_ACCOUNT_SIGN_IN_LIMIT: '2' });
    await addStaff('ana@nuvolo.example');
    const browser = new Browser();
    await browser.signIn('ana@nuvolo.example', 'wrong password one');
    advance(10);
    await browser.signIn('ana@nuvolo.example', 'wrong password two');
    expect((await browser.signIn('ana@nuvolo.example')).status).toBe(429);
    advance(5); // the first failure is now 15 minutes old
    expect((await browser.signIn('ana@nuvolo.example')).status).toBe(303);
  });

  it('takes the caller only to console pages after signing in, never to another site', () => {
    expect(safeNext('/console/tickets?status=open')).toBe('/console/tickets?status=open');
    for (const next of ['https://evil.example/console/', '//evil.example/console/x', '/\\evil.example', '/pt-br/', '/console/api/privacy/export?email=a@b.c', null]) expect(safeNext(next)).toBe('/console/funnel');
  });
});

describe('sessions', () => {
  it('end after CONSOLE_IDLE_MINUTES without a request, and activity keeps them alive', async () => {
    start({ CONSOLE_IDLE_MINUTES: '30' });
    const browser = await signedIn();
    for (let i = 0; i < 4; i++) {
      advance(25);
      expect((await browser.get('/console/funnel')).status).toBe(200);
    }
    advance(31);
    const ended = await browser.get('/console/funnel');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('Location')).toBe('/console/?next=%2Fconsole%2Ffunnel');
    expect((await browser.get('/console/api/funnel')).status).toBe(401);
  });

  it('end after CONSOLE_SESSION_HOURS however active', async () => {
    start({ CONSOLE_SESSION_HOURS: '2', CONSOLE_IDLE_MINUTES: '60' });
    const browser = await signedIn();
    for (let i = 0; i < 4; i++) {
      advance(29);
      expect((await browser.get('/console/api/me')).status).toBe(200);
    }
    advance(5);
    expect((await browser.get('/console/api/me')).status).toBe(401);
  });

  it('end when signing out, when the account is removed and when its password is reset', async () => {
    start();
    const a = await signedIn('agent', 'ana@nuvolo.example');
    const stolen = a.cookies.get('sk_console') ?? '';
    expect((await a.post('/console/sign-out', { csrf: await a.token() })).headers.get('Location')).toBe('/console/');
    const replay = new Browser();
    replay.cookies.set('sk_console', stolen);
    expect((await replay.get('/console/api/me')).status).toBe(401);

    const b = await signedIn('editor', 'bia@nuvolo.example');
    await server.store.setStaffPassword('bia@nuvolo.example', await hashPassword('another long password', cheap), new Date(clock));
    expect((await b.get('/console/api/me')).status).toBe(401);

    const c = await signedIn('editor', 'caio@nuvolo.example');
    await server.store.removeStaff('caio@nuvolo.example');
    expect((await c.get('/console/api/me')).status).toBe(401);
  });
});

describe('what every console route refuses', () => {
  it('lists every route the console has, so the checks below cover a route added later', () => {
    start();
    const routes = consoleRoutes({ config: loadConfig({ CONTENT_DIR: 'content' }), store: server.store, secret: Buffer.alloc(32), clientHash: () => 'c', overHttps: () => false, catalog: undefined, forwarders: [] })
      .routes.filter((r) => r.method !== 'ALL');
    const pattern = (p: string) => new RegExp(`^${p.replace(/:(\w+)\{([^}]+)\}/g, '($2)').replace(/:\w+/g, '[^/]+').replace(/\/$/, '')}/?$`);
    const uncovered = routes.filter((r) => !consoleEndpoints.some((e) => e.method === r.method && pattern(r.path).test(e.path.split('?')[0] ?? '')));
    expect(uncovered).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(consoleEndpoints.length - 2);
  });

  it('an anonymous caller: a page sends them to the sign-in form, the API answers 401', async () => {
    start();
    const anonymous = new Browser();
    for (const endpoint of consoleEndpoints.filter((e) => e.kind === 'page' || e.kind === 'api')) {
      const answer = endpoint.method === 'GET' ? await anonymous.get(endpoint.path) : await anonymous.post(endpoint.path, { csrf: 'x' });
      if (endpoint.kind === 'api') {
        expect(answer.status, endpoint.path).toBe(401);
        expect(answer.headers.get('Content-Type'), endpoint.path).toBe('application/problem+json');
      } else {
        expect(answer.status, endpoint.path).toBe(303);
        expect(answer.headers.get('Location'), endpoint.path).toMatch(/^\/console\/(\?next=|$)/);
      }
    }
  });

  it('a POST from another origin, or without one, whoever is signed in', async () => {
    start();
    const agent = await signedIn();
    for (const endpoint of consoleEndpoints.filter((e) => e.method === 'POST')) {
      const csrf = await agent.token();
      expect((await agent.post(endpoint.path, { csrf }, { Origin: 'https://evil.example' })).status, endpoint.path).toBe(403);
      expect((await agent.post(endpoint.path, { csrf }, { 'Sec-Fetch-Site': 'cross-site' })).status, endpoint.path).toBe(403);
      expect((await agent.post(endpoint.path, { csrf }, { Origin: 'http://localhost:4322' })).status, `${endpoint.path} from the demo port`).toBe(403);
    }
    // Nothing was done: the agent is still signed in.
    expect((await agent.get('/console/api/me')).status).toBe(200);
  });

  it('a replayed form token, a token of another session and a token older than a session', async () => {
    start();
    const agent = await signedIn();
    const token = await agent.token();
    expect((await agent.post('/console/api/gaps/cover', { csrf: token, gap: 'dkim', article: 'email-bounced' })).status).toBe(303);
    for (const endpoint of consoleEndpoints.filter((e) => e.method === 'POST' && e.path !== '/console/sign-in')) {
      expect((await agent.post(endpoint.path, { csrf: token })).status, endpoint.path).toBe(403);
    }
    const other = await signedIn('agent', 'bia@nuvolo.example');
    expect((await agent.post('/console/api/gaps/cover', { csrf: await other.token(), gap: 'dkim', article: 'email-bounced' })).status).toBe(403);
    const old = await agent.token();
    advance(12 * 60 + 1);
    expect((await agent.post('/console/api/gaps/cover', { csrf: old, gap: 'dkim', article: 'email-bounced' })).status).not.toBe(303);
  });

  it('a sign-in form sent twice, or without the cookie it was issued with', async () => {
    start();
    await addStaff('ana@nuvolo.example');
    const browser = new Browser();
    const form = await (await browser.get('/console/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const stranger = new Browser();
    expect((await stranger.post('/console/sign-in', { email: 'ana@nuvolo.example', password, csrf })).status).toBe(403);
    expect((await browser.post('/console/sign-in', { email: 'ana@nuvolo.example', password, csrf })).status).toBe(303);
    await browser.post('/console/sign-out', { csrf: await browser.token() });
    expect((await browser.post('/console/sign-in', { email: 'ana@nuvolo.example', password, csrf })).status).toBe(403);
  });

  it('answers a client\'s mistakes with a 4xx: unknown routes, other methods, bodies too big or of another type', async () => {
    start();
    const agent = await signedIn();
    expect((await agent.get('/console/nope')).status).toBe(404);
    expect((await agent.get('/console/api/nope')).status).toBe(404);
    expect((await agent.get('/console/api/export/tickets/nope.csv')).status).toBe(404);
    expect((await agent.get('/console/tickets/BR-999999')).status).toBe(404);
    expect((await agent.post('/console/api/gaps/cover', { csrf: await agent.token(), junk: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await agent.post('/console/api/gaps/cover', { csrf: await agent.token() }, { 'Content-Type': 'application/json' })).status).toBe(415);
    const put = await server.app.request('/console/funnel', { method: 'PUT', headers: { Cookie: agent.header(), Origin: allowedOrigin } });
    expect(put.status).toBe(404);
  });
});

describe('roles', () => {
  it('an editor sees the insights, and neither tickets, privacy requests nor the audit log', async () => {
    start();
    const editor = await signedIn('editor');
    for (const page of ['/console/funnel', '/console/gaps', '/console/articles', '/console/api/funnel']) expect((await editor.get(page)).status, page).toBe(200);
    for (const page of ['/console/tickets', '/console/privacy', '/console/audit', '/console/api/tickets', '/console/api/audit', '/console/api/export/tickets/tickets.csv']) expect((await editor.get(page)).status, page).toBe(403);
    const nav = await (await editor.get('/console/funnel')).text();
    expect(nav).not.toContain('href="/console/tickets"');
    expect(await (await editor.get('/console/api/me')).json()).toEqual({ email: 'editor@nuvolo.example', role: 'editor', pages: ['funnel', 'gaps', 'articles'] });
  });
});

describe('pages', () => {
  it('are in the language asked for, remembered, and otherwise the browser\'s', async () => {
    start();
    const agent = await signedIn();
    expect(await (await agent.get('/console/funnel', { 'Accept-Language': 'it-IT' })).text()).toContain('<html lang="it">');
    expect(await (await agent.get('/console/funnel?lang=pt-BR', { 'Accept-Language': 'it-IT' })).text()).toContain('Funil de deflexão');
    expect(await (await agent.get('/console/gaps', { 'Accept-Language': 'it-IT' })).text()).toContain('<html lang="pt-BR">');
    expect(await (await agent.get('/console/gaps?lang=en')).text()).toContain('Content gaps');
  });

  it('carry a strict CSP and no inline script or style, and are never cached', async () => {
    start();
    const agent = await signedIn();
    await postJson(server.app, ticket());
    for (const page of ['/console/', '/console/funnel', '/console/gaps', '/console/articles', '/console/tickets', '/console/tickets/BR-000001', '/console/privacy?email=mariana%40padariapaodequeijo.com.br', '/console/audit']) {
      const answer = await agent.get(page);
      const text = await answer.text();
      expect(answer.headers.get('Content-Security-Policy'), page).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      expect(answer.headers.get('Cache-Control'), page).toBe('no-store');
      expect(answer.headers.get('X-Frame-Options'), page).toBe('DENY');
      // A browser sends Origin: null with a form POST under no-referrer, and the console would refuse its own forms.
      expect(answer.headers.get('Referrer-Policy'), page).toBe('same-origin');
      expect(text, page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    }
  });
});

describe('the deflection funnel from posted events', () => {
  it('counts widget sessions posted to /api/events, per language, in the JSON API and the CSV', async () => {
    start();
    const editor = await signedIn('editor');
    const send = (body: object) => server.app.request('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: JSON.stringify({ query: '', lang: 'pt-BR', ...body }) });
    const session = 'session-aaaaaaaaaaaaaaaa';
    for (const body of [{ type: 'widget-opened' }, { type: 'search', query: 'erro 550' }, { type: 'suggestion-opened', article: 'https://kb.example/pt-br/email-devolvido-550-554/' }, { type: 'ticket-sent' }]) expect((await send({ ...body, session })).status).toBe(204);
    for (const body of [{ type: 'widget-opened' }, { type: 'search', query: 'senha' }, { type: 'deflected', article: 'https://kb.example/pt-br/redefinir-senha/' }]) await send({ ...body, session: 'session-bbbbbbbbbbbbbbbb' });

    const json = await (await editor.get('/console/api/funnel?weeks=4')).json();
    const totals = json.tables.find((t: { id: string }) => t.id === 'totals');
    expect(totals.rows[0]).toEqual({ lang: 'Portuguese (Brazil)', sessions: 2, searched: 2, suggestionOpened: 1, solved: 1, ticketSent: 1, rate: 0.5, trend: null });
    const csv = await (await editor.get('/console/api/export/funnel/totals.csv?weeks=4')).text();
    expect(csv.split('\r\n')[1]).toBe('Portuguese (Brazil),2,2,1,1,1,50,');
  });
});

describe('content gaps', () => {
  it('group misses by meaning, and an editor marks one as covered by an article', async () => {
    start();
    const editor = await signedIn('editor');
    for (const query of ['Selettore DKIM', 'dkim selettore', 'selettore dkim']) {
      await server.app.request('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: allowedOrigin }, body: JSON.stringify({ type: 'search-miss', query, lang: 'it' }) });
    }
    const gaps = (await (await editor.get('/console/api/gaps')).json()).tables.find((t: { id: string }) => t.id === 'gaps');
    expect(gaps.rows).toEqual([expect.objectContaining({ gap: 'dkim selettore', rank: 1, languages: 'Italian', searches: 3, misses: 3 })]);

    const answer = await editor.post('/console/api/gaps/cover', { csrf: await editor.token('/console/gaps'), gap: 'dkim selettore', article: 'email-bounced', days: '30' });
    expect(answer.headers.get('Location')).toBe('/console/gaps?days=30');
    const after = (await (await editor.get('/console/api/gaps')).json()).tables;
    expect(after.find((t: { id: string }) => t.id === 'gaps').rows).toEqual([]);
    expect(after.find((t: { id: string }) => t.id === 'covered').rows).toEqual([expect.objectContaining({ gap: 'dkim selettore', article: 'Email respinta 550', coveredBy: 'editor@nuvolo.example', sinceCovered: 3 })]);
    expect((await editor.post('/console/api/gaps/cover', { csrf: await editor.token('/console/gaps'), gap: 'dkim', article: 'not-an-article' })).status).toBe(400);
  });
});

describe('tickets for agents', () => {
  async function ticketWithAttachment() {
    const form = multipart(ticket({ attachments: [{ name: 'erro.png', type: 'image/png', size: pngBytes.length }] }), [{ name: 'erro.png', type: 'image/png', data: pngBytes }]);
    const created = await server.app.request('/api/tickets', { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': crypto.randomUUID() }, body: form });
    expect(created.status).toBe(201);
    return (await created.json()) as { number: string; token: string };
  }

  it('a status an agent sets shows on the customer\'s status page, with its note, and is audited', async () => {
    start();
    const agent = await signedIn();
    const { number, token } = await ticketWithAttachment();
    const page = await (await agent.get(`/console/tickets/${number}`)).text();
    const csrf = /action="\/console\/api\/tickets\/[^"]+\/status">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    advance(1);
    const answer = await agent.post(`/console/api/tickets/${number}/status`, { csrf, status: 'waiting-customer', note: 'Envie o cabeçalho completo do e-mail.' });
    expect(answer.headers.get('Location')).toBe(`/console/tickets/${number}`);

    const status = await (await server.app.request(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(status.status).toBe('waiting-customer');
    expect(status.history.at(-1)).toEqual({ at: new Date(clock).toISOString(), kind: 'status', by: 'support', status: 'waiting-customer', note: 'Envie o cabeçalho completo do e-mail.' });
    expect((await server.store.auditEntries(3)).map((e) => [e.action, e.target, e.detail])).toEqual([
      ['status-change', number, 'open → waiting-customer'],
      ['ticket-view', number, undefined],
      ['sign-in', undefined, undefined],
    ]);
    expect((await agent.post(`/console/api/tickets/${number}/status`, { csrf: await agent.token(), status: 'solved' })).status).toBe(400);
  });

  it('an agent\'s reply joins the customer\'s history without the secrets it carried, and goes to their e-mail', async () => {
    let woken = 0;
    start({}, { wakeOutbox: () => (woken += 1), helpdesks: { forwarders: [], afterSend: { canReopen: true, replyForwarders: [], closeForwarders: [], customerMail: ['confirmation-email'] } } });
    const agent = await signedIn();
    const { number, token } = await ticketWithAttachment();
    const page = await (await agent.get(`/console/tickets/${number}`)).text();
    const csrf = /action="\/console\/api\/tickets\/[^"]+\/reply">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    advance(1);
    const answer = await agent.post(`/console/api/tickets/${number}/reply`, { csrf, status: 'waiting-customer', message: 'Criamos um acesso temporário, senha: Xy7!kq2Lm9. Pode testar?' });
    expect(answer.headers.get('Location')).toBe(`/console/tickets/${number}`);

    const status = await (await server.app.request(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(status.status).toBe('waiting-customer');
    expect(status.history.at(-1)).toMatchObject({ at: new Date(clock).toISOString(), kind: 'agent-reply', by: 'support', status: 'waiting-customer' });
    expect(status.history.at(-1).message).toMatch(/^Criamos um acesso temporário, senha: .+ Pode testar\?$/);
    expect(status.history.at(-1).message).not.toContain('Xy7!kq2Lm9');
    const stored = await server.store.ticketByNumber(number);
    expect((await server.store.deliveriesFor(stored!.id)).map((d) => d.forwarder)).toContain('confirmation-email');
    expect(woken).toBeGreaterThan(0);
    expect((await server.store.auditEntries(1)).map((e) => [e.action, e.target])).toEqual([['agent-reply', number]]);
    // Empty, or a status a reply cannot leave: refused, nothing added.
    expect((await agent.post(`/console/api/tickets/${number}/reply`, { csrf: await agent.token(), status: 'answered', message: '  ' })).status).toBe(400);
    expect((await agent.post(`/console/api/tickets/${number}/reply`, { csrf: await agent.token(), status: 'in-review', message: 'Olá' })).status).toBe(400);
  });

  it('an agent sees the customer\'s replies in the history and downloads the files that came with them', async () => {
    start();
    const agent = await signedIn();
    const { number, token } = await ticketWithAttachment();
    const form = new FormData();
    form.append('reply', new Blob([JSON.stringify({ message: 'Segue o print do erro.' })], { type: 'application/json' }));
    form.append('attachments', new Blob([new Uint8Array(pngBytes)], { type: 'image/png' }), 'print-novo.png');
    const replied = await server.app.request(`/api/tickets/${number}/replies`, { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': 'r1', Authorization: `Bearer ${token}` }, body: form });
    expect(replied.status).toBe(201);

    const page = await (await agent.get(`/console/tickets/${number}`)).text();
    expect(page).toContain('Segue o print do erro.');
    const href = new RegExp(`href="(/console/api/tickets/${number}/attachments/[^"]+)" download="print-novo.png"`).exec(page)?.[1];
    expect(href).toBeDefined();
    const file = await agent.get(href!);
    expect(file.status).toBe(200);
    // Re-encoded without its metadata on intake: still the PNG the customer sent.
    expect(file.headers.get('Content-Type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 8)).toEqual(pngBytes.subarray(0, 8));
  });

  it('shows each removed secret marked, and the attachment only to a signed-in agent, as a download', async () => {
    start();
    const agent = await signedIn();
    await postJson(server.app, ticket({ message: 'O site caiu depois que troquei a senha: Abc123xyz!9 no painel, desde as 10h de hoje.' }));
    const page = await (await agent.get('/console/tickets/BR-000001')).text();
    expect(page).toContain('<mark>[removido automaticamente]</mark>');
    expect(page).not.toContain('Abc123xyz');

    const { number } = await ticketWithAttachment();
    const link = /href="(\/console\/api\/tickets\/[^"]+\/attachments\/[^"]+)"/.exec(await (await agent.get(`/console/tickets/${number}`)).text())?.[1] ?? '';
    const file = await agent.get(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="erro.png"/);
    expect(file.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString('hex')).toBe('89504e47');
    expect((await new Browser().get(link)).status).toBe(401);
    const editor = await signedIn('editor');
    expect((await editor.get(link)).status).toBe(403);
  });

  it('lists tickets with a failed delivery on top, and a retry makes the delivery due now and wakes the outbox', async () => {
    const wake = vi.fn();
    start({}, { wakeOutbox: wake });
    const agent = await signedIn();
    await postJson(server.app, ticket());
    await postJson(server.app, ticket({ subject: 'Fatura em duplicidade neste mês' }));
    const [first] = await server.store.claimDueDeliveries(new Date(clock + 1000), 1, 60_000);
    await server.store.markFailed(first!.id, 'HTTP 401', null);

    const json = await (await agent.get('/console/api/tickets')).json();
    expect(json.tables.find((t: { id: string }) => t.id === 'failed').rows.map((r: { number: string }) => r.number)).toEqual(['BR-000001']);
    expect(json.tables.find((t: { id: string }) => t.id === 'tickets').rows.map((r: { number: string }) => r.number)).toEqual(['BR-000002', 'BR-000001']);

    const page = await (await agent.get('/console/tickets/BR-000001')).text();
    const csrf = /action="\/console\/api\/deliveries\/[^"]+\/retry"><input type="hidden" name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect((await agent.post(`/console/api/deliveries/${first!.id}/retry`, { csrf })).status).toBe(303);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(await server.store.deliveryById(first!.id)).toMatchObject({ state: 'pending', nextAttemptAt: new Date(clock).toISOString() });
    expect((await agent.post('/console/api/deliveries/no-such/retry', { csrf: await agent.token() })).status).toBe(404);
  });

  it('pages a long list, above and below the table, each pager a navigation with its own name', async () => {
    start();
    const agent = await signedIn();
    for (let i = 0; i < 51; i++) await postJson(server.app, ticket({ subject: `Erro 550 nos e-mails da loja ${i}` }));
    const page = await (await agent.get('/console/tickets')).text();
    const labels = [...page.matchAll(/<nav class="pager" aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
    expect(page).toContain('rel="next"');
  });

  it('filters the list by every field it offers', async () => {
    start();
    const agent = await signedIn();
    await postJson(server.app, ticket());
    await postJson(server.app, ticket({ lang: 'it', department: 'billing', topic: 'invoices', priority: 'low', high: undefined, subject: 'Fattura doppia questo mese', message: 'Mi è arrivata due volte la stessa fattura questo mese, potete controllare per favore?' }));
    const numbers = async (query: string): Promise<string[]> => {
      const json = (await (await agent.get(`/console/api/tickets?${query}`)).json()) as { tables: { id: string; rows: { number: string }[] }[] };
      return json.tables.find((t) => t.id === 'tickets')?.rows.map((r) => r.number) ?? [];
    };
    expect(await numbers('department=billing')).toEqual(['IT-000001']);
    expect(await numbers('topic=email')).toEqual(['BR-000001']);
    expect(await numbers('priority=high')).toEqual(['BR-000001']);
    expect(await numbers('status=open&language=it')).toEqual(['IT-000001']);
    expect(await numbers('verified=yes')).toEqual([]);
    expect(await numbers('department=nonsense')).toEqual(['IT-000001', 'BR-000001']); // an unknown value filters nothing
  });
});

describe('CSV exports', () => {
  it('export what the table shows, with every matching row, formulas defused, and are audited', async () => {
    start();
    const agent = await signedIn();
    await postJson(server.app, ticket({ subject: '=HYPERLINK("http://evil.example","clique aqui")' }));
    const answer = await agent.get('/console/api/export/tickets/tickets.csv?status=open');
    expect(answer.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('Content-Disposition')).toBe(`attachment; filename="support-kit-tickets-tickets-${new Date(clock).toISOString().slice(0, 10)}.csv"`);
    const [header, row] = (await answer.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('Ticket,Created,Status,Language,Department,Topic,Priority,Subject,Customer,Verified customer,Attachments,Deliveries');
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""clique aqui"")"`);
    expect((await server.store.auditEntries(1))[0]).toMatchObject({ action: 'export', target: 'tickets/tickets.csv', detail: 'status=open' });
  });
});

describe('privacy requests', () => {
  it('find everything about a customer e-mail, export it with the files, and delete it everywhere', async () => {
    start();
    const agent = await signedIn();
    const email = 'mariana@padariapaodequeijo.com.br';
    const form = multipart(ticket({ attachments: [{ name: 'erro.png', type: 'image/png', size: pngBytes.length }] }), [{ name: 'erro.png', type: 'image/png', data: pngBytes }]);
    const created = await (await server.app.request('/api/tickets', { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': 'k1' }, body: form })).json();
    await postJson(server.app, ticket({ customer: { name: 'Rui Alves', email: 'rui@example.com.br' } }));
    const [file] = [...(await server.store.attachmentPaths())];
    expect(existsSync(file!)).toBe(true);
    const reply = new FormData();
    reply.append('reply', new Blob([JSON.stringify({ message: 'Segue outro print.' })], { type: 'application/json' }));
    reply.append('attachments', new Blob([new Uint8Array(pngBytes)], { type: 'image/png' }), 'outro.png');
    const replied = await server.app.request(`/api/tickets/${created.number}/replies`, { method: 'POST', headers: { Origin: allowedOrigin, 'Idempotency-Key': 'r1', Authorization: `Bearer ${created.token}` }, body: reply });
    expect(replied.status).toBe(201);
    const stored = await server.store.ticketByNumber(created.number);
    const replyFile = (await server.store.replyFiles(stored!.id))[0]!.file;

    const found = await (await agent.get(`/console/privacy?email=${encodeURIComponent('Mariana@PadariaPaoDeQueijo.com.br')}`)).text();
    expect(found).toContain(created.number);
    expect(found).not.toContain('BR-000002');
    const exported = await (await agent.get(`/console/api/privacy/export?email=${encodeURIComponent(email)}`)).json();
    expect(exported.tickets).toHaveLength(1);
    expect(exported.tickets[0].ticket.customer.email).toBe(email);
    // The file as stored (re-encoded without metadata on intake), not a description of it.
    expect(Buffer.from(exported.tickets[0].attachments[0].base64, 'base64')).toEqual(readFileSync(file!));
    expect(exported.tickets[0].replyAttachments).toMatchObject([{ name: 'outro.png', type: 'image/png' }]);
    expect(Buffer.from(exported.tickets[0].replyAttachments[0].base64, 'base64')).toEqual(readFileSync(replyFile.path));

    const csrf = /action="\/console\/api\/privacy\/delete">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(found)?.[1] ?? '';
    expect((await agent.post('/console/api/privacy/delete', { csrf: await agent.token(), email })).status).toBe(400); // not confirmed
    const deleted = await agent.post('/console/api/privacy/delete', { csrf, email, confirm: 'yes' });
    expect(deleted.headers.get('Location')).toBe(`/console/privacy?deleted=${created.number}`);

    expect(existsSync(file!)).toBe(false);
    expect(existsSync(replyFile.path)).toBe(false);
    expect(await server.store.ticketsByCustomerEmail(email)).toEqual([]);
    expect((await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: `Bearer ${created.token}` } })).status).toBe(404);
    expect(await server.store.stats()).toMatchObject({ tickets: 1, attachments: 0 });
    const trail = JSON.stringify(await server.store.auditEntries(10));
    expect(trail).toContain('"action":"deletion"');
    expect(trail).not.toContain(email);
  });

  it('says what deletion cannot reach: backups it finds, forwarded copies, sent e-mails', async () => {
    start();
    const agent = await signedIn();
    const backups = path.join(server.dir, 'backups');
    mkdirSync(backups, { recursive: true });
    writeFileSync(path.join(backups, 'support-kit-2026-11-01.sqlite'), '');
    const page = await (await agent.get('/console/privacy?lang=en')).text();
    expect(page).toContain('Backups: 1 copies of the database in DATA_DIR/backups/');
    expect(page).toContain('Copies already forwarded to a helpdesk (webhook)');
    expect(page).toContain('RETENTION_DAYS');
  });
});
