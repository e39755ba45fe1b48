import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { eventRoutes } from './events.ts';

let dir: string;
let store: Store;
afterEach(() => {
  vi.useRealTimers();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The event routes as app.ts mounts them, over a fresh SQLite store. */
function server(eventLimit = 60) {
  dir = mkdtempSync(path.join(tmpdir(), 'support-kit-events-'));
  const file = path.join(dir, 'support-kit.sqlite');
  store = openSqliteStore(file);
  const app = new Hono().route('/api/events', eventRoutes({ store, config: { eventLimit }, clientHash: (request) => request.headers.get('X-Client') ?? 'client-a' }));
  const post = (body: Record<string, unknown>, client = 'client-a') =>
    app.request('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Client': client }, body: JSON.stringify({ type: 'search', lang: 'pt-BR', ...body }) });
  /** Every stored row, every column, as an operator's sqlite3 shell shows them. */
  const rows = () => {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY id').all().map((row) => ({ ...row }));
    } finally {
      db.close();
    }
  };
  return { post, rows };
}

describe('POST /api/events', () => {
  it('stores no address, secret or long number from a query, including an address an older widget split into words', async () => {
    const { post, rows } = server();
    const queries = [
      'não recebo ana.souza gmail.com',
      'erro ao enviar para ana.souza@gmail.com',
      'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc recusada',
      'aws AKIAIOSFODNN7EXAMPLE negado',
      'git ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'ligar 11 98765-4321',
    ];
    for (const query of queries) expect((await post({ query })).status).toBe(204);

    const stored = JSON.stringify(rows());
    for (const leak of ['ana.souza', 'gmail', 'sk_live', '4eC39HqLyjWDarjtT1zdp7dc', 'AKIA', 'ghp_', '98765']) expect(stored).not.toContain(leak);
    expect(rows().map((row) => row.query)).toEqual([
      'não recebo [e-mail]',
      'erro ao enviar para [e-mail]',
      'stripe [secret] recusada',
      'aws [secret] negado',
      'git [secret]',
      'ligar [number]',
    ]);
  });

  it('keeps of the article that solved it only its page: no query string, no fragment, nothing an address hides in', async () => {
    const { post, rows } = server();
    const article = 'https://ajuda.nuvolo.example/pt-br/email/erro-550/';
    await post({ type: 'deflected', query: 'erro 550', article: `${article}?email=ana.souza%40gmail.com#passo-2` });
    await post({ type: 'deflected', query: 'erro 550', article: 'https://ajuda.nuvolo.example/pt-br/ana.souza%40gmail.com/' });
    await post({ type: 'deflected', query: 'erro 550', article: 'https://ana:Abc123xyz!@ajuda.nuvolo.example/pt-br/email/erro-550/' });

    expect(rows()).toEqual([
      { id: 1, type: 'deflected', query: 'erro 550', lang: 'pt-BR', article, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), session: null },
      { id: 2, type: 'deflected', query: 'erro 550', lang: 'pt-BR', article: null, day: expect.any(String), session: null },
      { id: 3, type: 'deflected', query: 'erro 550', lang: 'pt-BR', article, day: expect.any(String), session: null },
    ]);
  });

  it('keeps the funnel\'s steps, which carry no query, with their session id, and still drops a search left empty by scrubbing', async () => {
    const { post, rows } = server();
    const session = 'k3J9xQ2mP7vR4tY8wZ1a';
    const article = 'https://ajuda.nuvolo.example/pt-br/email/erro-550/';
    for (const body of [
      { type: 'widget-opened', query: '', session },
      { type: 'search', query: 'erro 550', session },
      { type: 'suggestion-opened', query: '', article, session },
      { type: 'ticket-sent', query: '', session },
      { type: 'search', query: '  \n ' },
      { type: 'search-miss', query: '' },
    ]) expect((await post(body)).status).toBe(204);

    expect(rows().map(({ type, query, article: page, session: id }) => ({ type, query, article: page, session: id }))).toEqual([
      { type: 'widget-opened', query: '', article: null, session },
      { type: 'search', query: 'erro 550', article: null, session },
      { type: 'suggestion-opened', query: '', article, session },
      { type: 'ticket-sent', query: '', article: null, session },
    ]);
  });

  it('refuses a session id that is not a short random token, and stores nothing of that event', async () => {
    const { post, rows } = server();
    for (const session of ['short', 'ana.souza@gmail.com-and-more', 'x'.repeat(65)]) expect((await post({ type: 'widget-opened', query: '', session })).status).toBe(422);
    expect(rows()).toEqual([]);
  });

  it('stores the day only, not the time of the search', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T23:59:30.000Z'));
    const { post, rows } = server();
    await post({ query: 'dkim' });
    expect(rows()).toEqual([expect.objectContaining({ query: 'dkim', day: '2026-11-25' })]);
  });

  it('limits events per client per minute, says when to come back, and stores only what it accepted', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
    const { post, rows } = server(5);
    const answers = [];
    for (let i = 0; i < 50; i++) answers.push(await post({ query: `dns ${i}` }));

    expect(answers.filter((a) => a.status === 204)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(45);
    expect(refused[0]?.headers.get('Retry-After')).toBe('60');
    expect(refused[0]?.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await post({ query: 'dns' }, 'client-b')).status).toBe(204);
    expect(rows()).toHaveLength(6);

    vi.setSystemTime(new Date('2026-11-25T10:01:00.000Z'));
    expect((await post({ query: 'dns' })).status).toBe(204);
  });
});
