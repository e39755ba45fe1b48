import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { purgeOldAnalytics } from './analytics-retention.ts';

let dir: string;
let store: Store;
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the daily clean-up of search events and votes', () => {
  it('deletes what is older than ANALYTICS_RETENTION_DAYS and keeps the rest', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'support-kit-retention-'));
    store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
    const { analyticsRetentionDays } = loadConfig({ ANALYTICS_RETENTION_DAYS: '30' });
    const now = new Date('2026-11-25T03:00:00.000Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);
    await store.upsertVote({ articleId: 'reset-password', lang: 'pt-BR', voterHash: 'ana', helpful: false, comment: 'Faltou o passo do celular' }, daysAgo(31));
    await store.upsertVote({ articleId: 'reset-password', lang: 'pt-BR', voterHash: 'bia', helpful: true }, daysAgo(29));
    await store.addEvent({ type: 'search-miss', query: 'selettore dkim', lang: 'it' }, daysAgo(31));
    await store.addEvent({ type: 'search', query: 'erro 550', lang: 'pt-BR' }, daysAgo(29));

    expect(await purgeOldAnalytics(store, analyticsRetentionDays, now)).toEqual({ votes: 1, events: 1 });
    expect(await store.voteCounts('reset-password', 'pt-BR')).toEqual({ helpful: 1, total: 1 });
    expect(await purgeOldAnalytics(store, analyticsRetentionDays, now)).toEqual({ votes: 0, events: 0 });
  });
});
