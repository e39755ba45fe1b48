import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { voteRoutes, type VoteRouteDeps } from './votes.ts';

const secret = Buffer.from('the-persisted-server-secret-32by');
const published = [
  { translationKey: 'reset-password', lang: 'pt-BR' },
  { translationKey: 'reset-password', lang: 'it' },
  { translationKey: 'email-client-setup', lang: 'pt-BR' },
];

let dir: string;
let store: Store;
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The vote routes as app.ts mounts them, over a fresh SQLite store and a site folder holding `articles` as the build writes them (null: none). */
function server(more: Options = {}, articles: unknown = published) {
  dir = mkdtempSync(path.join(tmpdir(), 'support-kit-votes-'));
  if (articles !== null) writeFileSync(path.join(dir, 'articles.json'), JSON.stringify(articles));
  store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
  return start(more);
}

type Options = Partial<Omit<VoteRouteDeps, 'config'>> & { voteLimit?: number };

function start({ voteLimit = 30, ...more }: Options = {}) {
  const app = new Hono().route(
    '/api/votes',
    voteRoutes({ store, secret, config: { voteLimit, siteDir: dir }, clientHash: (request) => request.headers.get('X-Client') ?? 'client-a', ...more }),
  );
  const vote = (body: Record<string, unknown>, client = 'client-a') =>
    app.request('/api/votes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Client': client, 'Accept-Language': 'pt-BR' },
      body: JSON.stringify({ articleId: 'reset-password', lang: 'pt-BR', helpful: true, voterId: 'voter-aaaa', ...body }),
    });
  const counts = async (articleId = 'reset-password', lang = 'pt-BR'): Promise<unknown> => (await app.request(`/api/votes/${articleId}?lang=${lang}`)).json();
  return { vote, counts };
}

describe('POST /api/votes', () => {
  it('counts a voter once across a restart: the voter hash comes from the persisted server secret', async () => {
    const before = server();
    expect((await before.vote({ helpful: true })).status).toBe(204);

    store.close();
    store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
    const after = start();
    expect((await after.vote({ helpful: false })).status).toBe(204);

    expect(await after.counts()).toEqual({ helpful: 0, total: 1 });
  });

  it('refuses a vote for an article the knowledge base does not publish, or not in that language, naming the field', async () => {
    const { vote, counts } = server();

    const unknown = await vote({ articleId: 'no-such-article' });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await unknown.json()).errors).toEqual([expect.objectContaining({ path: 'articleId', code: 'invalid' })]);

    const untranslated = await vote({ articleId: 'email-client-setup', lang: 'it' });
    expect(untranslated.status).toBe(422);
    expect((await untranslated.json()).errors).toEqual([expect.objectContaining({ path: 'lang', code: 'invalid' })]);

    expect((await vote({ articleId: 'email-client-setup', lang: 'pt-BR' })).status).toBe(204);
    expect(await counts('no-such-article')).toEqual({ helpful: 0, total: 0 });
    expect(await counts('email-client-setup', 'it')).toEqual({ helpful: 0, total: 0 });
  });

  it('refuses nothing when the site published no article list, and says so in one log line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { vote, counts } = server({}, null);

    expect((await vote({ articleId: 'any-article-id' })).status).toBe(204);
    expect(await counts('any-article-id')).toEqual({ helpful: 1, total: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[support-kit server\] no article list at .*articles\.json .*: votes for any article id are accepted$/);
  });

  it('refuses nothing, and says so, when the article list is not one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { vote } = server({}, { articles: 'reset-password' });

    expect((await vote({ articleId: 'any-article-id' })).status).toBe(204);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/articles\.json is not a list of \{ translationKey, lang \}/));
  });

  it('limits votes per client per minute, says when to come back, and counts other clients on their own', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
    const { vote, counts } = server({ voteLimit: 3 });
    for (const voter of ['voter-1111', 'voter-2222', 'voter-3333']) expect((await vote({ voterId: voter })).status).toBe(204);

    const refused = await vote({ voterId: 'voter-4444' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect((await vote({ voterId: 'voter-5555' }, 'client-b')).status).toBe(204);
    expect(await counts()).toEqual({ helpful: 4, total: 4 });

    vi.setSystemTime(new Date('2026-11-25T10:00:45.000Z'));
    expect((await vote({ voterId: 'voter-4444' })).headers.get('Retry-After')).toBe('15');
    vi.setSystemTime(new Date('2026-11-25T10:01:00.000Z'));
    expect((await vote({ voterId: 'voter-4444' })).status).toBe(204);
  });
});
