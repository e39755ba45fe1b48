import { describe, expect, it } from 'vitest';
import { plural } from './format.ts';
import { longDate, replySentences, zonedTime, zoneName } from './reply-text.ts';
import { replyWordsEn } from './reply-words.en.ts';
import { replyWordsIt } from './reply-words.it.ts';
import { replyWordsPtBR } from './reply-words.pt-BR.ts';

const saturdayNight = new Date('2026-11-14T22:10:00-03:00');
const monday9 = { kind: 'queue', nextOpening: '2026-11-16T12:00:00.000Z' } as const;
const sevenDays = { kind: 'by-date', date: '2026-12-03', days: 7 } as const;
const br = { lang: 'pt-BR', timeZone: 'America/Sao_Paulo', words: replyWordsPtBR };
const it_ = { lang: 'it', timeZone: 'Europe/Rome', words: replyWordsIt, condition: 'per i clienti con uno dei nostri piani hosting' };

describe('what the customer reads about a first reply', () => {
  it('in Brazil gives no deadline and names when the queue is next worked, on Brasília’s clock', () => {
    expect(replySentences(monday9, { ...br, at: saturdayNight })).toEqual([
      'Não há prazo de resposta: os tickets são respondidos o quanto antes, por ordem de chegada, e a urgência não fura a fila.',
      'Próximo horário de atendimento: segunda-feira, 16 de novembro às 09:00 (horário de Brasília).',
    ]);
  });

  it('in Brazil, while support is attending, says so instead of an opening', () => {
    const now = new Date(monday9.nextOpening);
    expect(replySentences(monday9, { ...br, at: now })[1]).toBe('Estamos atendendo agora.');
    // Read later, on the status page, "attending now" may be false: only the queue is said.
    expect(replySentences(monday9, { ...br, at: new Date('2026-11-20T03:00:00Z'), attending: false })).toHaveLength(1);
  });

  it('in Italy states the 7-day commitment as a date, for customers with a hosting plan', () => {
    expect(replySentences(sevenDays, { ...it_, at: saturdayNight })).toEqual([
      'Ci impegniamo a rispondere entro 7 giorni (entro giovedì 3 dicembre 2026) per i clienti con uno dei nostri piani hosting.',
    ]);
  });

  it('shows a committed date on its own calendar day whatever zone reads it', () => {
    expect(longDate('2026-12-03', 'en')).toBe('Thursday, December 3, 2026');
  });

  it('says nothing where the policy promises nothing (Italian sales)', () => {
    expect(replySentences({ kind: 'none' }, { ...it_, at: saturdayNight })).toEqual([]);
    expect(replySentences(undefined, { ...it_, at: saturdayNight })).toEqual([]);
  });

  it('names the market’s clock in the reader’s language, with the 24-hour time', () => {
    expect(zonedTime(new Date('2026-11-26T23:29:00Z'), 'it', 'Europe/Rome', replyWordsIt, { weekday: 'long', hour: '2-digit', minute: '2-digit' })).toBe('venerdì 00:29 (ora italiana)');
    expect(zoneName(replyWordsEn, 'America/Sao_Paulo')).toBe('Brasília time');
    // An operator's zone the words do not name is still named, by its IANA name.
    expect(zoneName(replyWordsEn, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('counts', () => {
  const articles = { zero: 'no articles', one: '{count} article', other: '{count} articles' };
  it('take the plural form of the language: 1 article, 2 articles, none for 0', () => {
    expect([0, 1, 2].map((n) => plural('en', articles, n))).toEqual(['no articles', '1 article', '2 articles']);
    expect(plural('pt-BR', { one: '{count} artigo', other: '{count} artigos' }, 1)).toBe('1 artigo');
    expect(plural('it', { one: '{count} risultato per «{query}»', other: '{count} risultati per «{query}»' }, 1, { query: 'dns' })).toBe('1 risultato per «dns»');
  });
});
