import { describe, expect, it } from 'vitest';
import type { FunnelWeek, QueryOutcome } from '../../store/console-store.ts';
import { articleReport, redactedComment } from './articles.ts';
import { lastWeeks, mondayOf, mondays } from './days.ts';
import { deflectionRate, funnelReport, rateTrend } from './funnel.ts';
import { gapKey, gapReport } from './gaps.ts';

describe('weeks', () => {
  it('starts every week on Monday, Sundays included in the week before', () => {
    expect(['2026-11-23', '2026-11-25', '2026-11-29', '2026-11-30'].map(mondayOf)).toEqual(['2026-11-23', '2026-11-23', '2026-11-23', '2026-11-30']);
    expect(lastWeeks(new Date('2026-11-25T23:00:00Z'), 3)).toEqual({ from: '2026-11-09', to: '2026-11-25' });
    expect(mondays('2026-11-11', '2026-11-25')).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
  });
});

describe('the deflection funnel', () => {
  const week = (week: string, lang: FunnelWeek['lang'], solved: number, ticketSent: number, sessions = 10): FunnelWeek => ({ week, lang, sessions, searched: 8, suggestionOpened: 5, solved, ticketSent });

  it('rates deflection as solved out of sessions that ended solved or in a ticket, and says nothing without either', () => {
    expect(deflectionRate({ solved: 3, ticketSent: 1 })).toBe(0.75);
    expect(deflectionRate({ solved: 0, ticketSent: 4 })).toBe(0);
    expect(deflectionRate({ solved: 0, ticketSent: 0 })).toBeNull();
  });

  it('compares the latest week with the mean of up to four weeks before it, skipping weeks without a rate', () => {
    expect(rateTrend([0.5, 0.6, null, 0.4, 0.5, 0.7])).toEqual({ trend: expect.closeTo(0.7 - 0.5, 10), index: 5 });
    expect(rateTrend([0.2, 0.4, null])).toEqual({ trend: expect.closeTo(0.2, 10), index: 1 });
    expect(rateTrend([null, 0.5])).toEqual({ trend: null, index: 1 });
    expect(rateTrend([null, null])).toEqual({ trend: null, index: -1 });
  });

  it('fills quiet weeks with zeros and totals each language over the range', () => {
    const report = funnelReport(
      [week('2026-11-09', 'pt-BR', 2, 2), week('2026-11-23', 'pt-BR', 6, 2), week('2026-11-23', 'it', 1, 3, 4)],
      { from: '2026-11-09', to: '2026-11-25' },
      ['pt-BR', 'it'],
    );
    expect(report.weeks).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(report.rows.map((r) => [r.week, r.lang, r.sessions, r.rate])).toEqual([
      ['2026-11-09', 'pt-BR', 10, 0.5],
      ['2026-11-09', 'it', 0, null],
      ['2026-11-16', 'pt-BR', 0, null],
      ['2026-11-16', 'it', 0, null],
      ['2026-11-23', 'pt-BR', 10, 0.75],
      ['2026-11-23', 'it', 4, 0.25],
    ]);
    expect(report.languages).toEqual([
      { lang: 'pt-BR', sessions: 20, searched: 16, suggestionOpened: 10, solved: 8, ticketSent: 4, rate: 8 / 12, trend: 0.25, latestWeek: '2026-11-23' },
      { lang: 'it', sessions: 4, searched: 8, suggestionOpened: 5, solved: 1, ticketSent: 3, rate: 0.25, trend: null, latestWeek: '2026-11-23' },
    ]);
  });
});

describe('content gaps', () => {
  /** One query's searches, all on one day. */
  const outcome = (query: string, day: string, more: Partial<QueryOutcome> = {}): QueryOutcome => {
    const events = more.events ?? 1;
    return { kind: 'miss', query, lang: 'pt-BR', events, endedInTicket: 0, days: [{ day, events }], ...more };
  };

  it('groups phrasings of the same search: case, accents, word order and empty words do not matter', () => {
    expect(gapKey('Erro 550 no e-mail')).toBe('550 email erro');
    expect(gapKey('e-mail ERRO 550')).toBe('550 email erro');
    expect(gapKey('não consigo acessar o painel')).toBe(gapKey('Nao consigo acessar painel'));
    expect(gapKey('selettore dkim')).not.toBe(gapKey('selettore spf'));
    // Markers left by scrubbing are not words anyone typed.
    expect(gapKey('não recebo [e-mail]')).toBe(gapKey('não recebo'));
  });

  it('counts each group\'s searches, languages, tickets and dates, and ranks recent searches above older, more frequent ones', () => {
    const gaps = gapReport(
      [
        outcome('selettore dkim', '2026-11-25', { lang: 'it', events: 3, endedInTicket: 1 }),
        outcome('DKIM selettore', '2026-11-20', { lang: 'it', kind: 'weak', events: 1 }),
        outcome('selettore dkim', '2026-11-24', { lang: 'pt-BR', events: 1 }),
        // Twelve searches four half-lives ago weigh 0.75 today; the five recent ones above weigh ~4.6.
        outcome('backup antigo', '2026-09-30', { events: 12, endedInTicket: 12 }),
      ],
      '2026-11-25',
    );
    expect(gaps.map((g) => g.key)).toEqual(['dkim selettore', 'antigo backup']);
    expect(gaps[0]).toEqual({
      key: 'dkim selettore', languages: ['it', 'pt-BR'], searches: 5, misses: 4, weak: 1, endedInTicket: 1,
      firstSeen: '2026-11-20', lastSeen: '2026-11-25', score: expect.closeTo(3 + 0.5 ** (1 / 14) + 0.5 ** (5 / 14), 10),
      examples: ['selettore dkim', 'DKIM selettore'],
    });
    expect(gaps[1]?.score).toBeCloseTo(12 * 0.5 ** 4, 10);
  });

  it('follows a covered gap up: searches since the day it was covered', () => {
    const [gap] = gapReport(
      [
        { kind: 'miss', query: 'dkim', lang: 'pt-BR', events: 6, endedInTicket: 0, days: [{ day: '2026-11-10', events: 4 }, { day: '2026-11-20', events: 2 }] },
        outcome('DKIM', '2026-11-21'),
      ],
      '2026-11-25',
      [{ gap: 'dkim', article: 'email-dkim', coveredAt: '2026-11-20T15:00:00.000Z', coveredBy: 'ana@nuvolo.example' }],
    );
    expect(gap).toMatchObject({ searches: 7, firstSeen: '2026-11-10', lastSeen: '2026-11-21', coverage: { article: 'email-dkim' }, searchesSinceCovered: 3, examples: ['dkim', 'DKIM'] });
    expect(gap?.score).toBeCloseTo(4 * 0.5 ** (15 / 14) + 2 * 0.5 ** (5 / 14) + 0.5 ** (4 / 14), 10);
  });
});

describe('article health', () => {
  const catalog = [
    { translationKey: 'reset-password', lang: 'pt-BR' as const, title: 'Redefinir a senha', path: '/pt-br/redefinir-senha/', updated: '2026-10-01' },
    { translationKey: 'reset-password', lang: 'it' as const, title: 'Reimpostare la password', path: '/it/reimpostare-password/', updated: '2024-10-01' },
    { translationKey: 'email-bounced', lang: 'pt-BR' as const, title: 'E-mail devolvido', path: '/pt-br/email-devolvido/', updated: '2026-11-01' },
  ];

  it('joins events by page path (any KB origin), votes and comments per article and language, and finds stale articles and missing translations', () => {
    const report = articleReport({
      catalog,
      activity: [
        { article: 'https://ajuda.nuvolo.example/pt-br/redefinir-senha/', lang: 'pt-BR', opened: 5, solved: 2, ticketsAfter: 1 },
        { article: 'http://localhost:4321/pt-br/redefinir-senha/', lang: 'pt-BR', opened: 1, solved: 1, ticketsAfter: 0 },
        { article: 'https://ajuda.nuvolo.example/pt-br/removido/', lang: 'pt-BR', opened: 2, solved: 0, ticketsAfter: 0 },
      ],
      votes: [{ articleId: 'reset-password', lang: 'pt-BR', helpful: 3, total: 4 }],
      comments: [{ articleId: 'reset-password', lang: 'pt-BR', comment: 'Faltou o passo do celular', at: '2026-11-20T10:00:00.000Z' }],
      today: '2026-11-25',
      staleDays: 365,
    });
    expect(report.articles.find((a) => a.lang === 'pt-BR' && a.translationKey === 'reset-password')).toEqual({
      translationKey: 'reset-password', lang: 'pt-BR', title: 'Redefinir a senha', path: '/pt-br/redefinir-senha/', updated: '2026-10-01', ageDays: 55, stale: false,
      opened: 6, solved: 3, ticketsAfter: 1, votes: 4, helpful: 3, helpfulShare: 0.75, notHelpfulComments: 1,
    });
    expect(report.articles.find((a) => a.translationKey === 'email-bounced')).toMatchObject({ votes: 0, helpfulShare: null, opened: 0 });
    expect(report.stale.map((a) => [a.translationKey, a.lang, a.ageDays])).toEqual([['reset-password', 'it', 785]]);
    expect(report.missingTranslations).toEqual([{ translationKey: 'email-bounced', title: 'E-mail devolvido', has: 'pt-BR', missing: 'it' }]);
    expect(report.unknownPages.map((p) => p.article)).toEqual(['https://ajuda.nuvolo.example/pt-br/removido/']);
  });

  it('shows comments without addresses, links or long numbers, however long the comment', () => {
    const long = `${'Faltou explicar o passo do aplicativo no celular. '.repeat(8)}Escreva para ana.souza@gmail.com ou ligue 11 98765-4321, veja https://exemplo.com.br/x?y=1`;
    const shown = redactedComment(long);
    for (const leak of ['ana.souza', 'gmail', '98765', 'exemplo.com.br']) expect(shown).not.toContain(leak);
    expect(shown).toContain('[e-mail]');
    expect(shown).toContain('[number]');
    expect(shown).toContain('[url]');
    expect(shown.match(/aplicativo/g)).toHaveLength(8);
  });
});
