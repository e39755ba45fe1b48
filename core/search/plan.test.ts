import { describe, expect, it } from 'vitest';
import { searchStopWords } from '../validation/words.ts';
import { planSearch as plan, planWeights, trustPlan, type Vocabulary } from './plan.ts';

/** As the loader searches: with the published vocabulary, the search's stop words included. */
const planSearch = (text: string, vocabulary: Partial<Vocabulary> = {}) => plan(text, { groups: [], stopWords: searchStopWords, ...vocabulary });
const words = (text: string, groups: string[][] = []) => planSearch(text, { groups }).terms.map((t) => t.word);
const queries = (text: string, groups: string[][] = []) => planSearch(text, { groups }).queries.map((q) => q.text);

describe('what a search looks up', () => {
  it('ignores case, accents and punctuation, as customers type them', () => {
    expect(words('URGENTE!!! SITE FORA DO AR')).toEqual(words('site fora do ar'));
    expect(words('Não recebo e-mails')).toEqual(['recebo', 'emails']);
    expect(words('propagação do domínio')).toEqual(['propagacao', 'dominio']);
  });

  it('never looks up a word that is in every article or says nothing about the problem', () => {
    expect(words('como faço para abrir um chamado?')).toEqual(['chamado', 'abrir']);
    expect(words("c'è una chat?")).toEqual(['chat']);
    expect(words('ajuda por favor, obrigado')).toEqual([]);
    // The longer list comes with the published vocabulary; the little words are always known.
    expect(plan('como abrir um chamado', { groups: [] }).terms.map((t) => t.word)).toEqual(['chamado', 'abrir', 'como']);
  });

  it('keeps a negation with the word it turns, never alone: "Sito non raggiungibile" stays unreachable', () => {
    const plan = planSearch('Sito non raggiungibile');
    expect(plan.terms.map((t) => t.word)).toEqual(['raggiungibile', 'sito']);
    expect(plan.queries.map((q) => q.text)).toContain('"non raggiungibile"');
  });

  it('recognises error codes and weighs them above words', () => {
    for (const [text, code] of [
      ['550 5.1.1 User unknown', '511'],
      ['403 Forbidden', '403'],
      ['erro 500 no site', '500'],
      ['503 Service Unavailable', '503'],
      ['530 Login authentication failed', '530'],
      ['SQLSTATE[HY000] [2002] Connection refused', 'hy000'],
      ['HY000/2002', '2002'],
    ] as const) {
      expect(planSearch(text).terms.find((t) => t.word === code)?.weight, text).toBe(planWeights.code);
    }
  });

  it('looks an error name up whole and by its parts, as Pagefind indexes both', () => {
    const plan = planSearch('NET::ERR_CERT_DATE_INVALID');
    expect(plan.terms).toEqual([{ word: 'neterrcertdateinvalid', weight: planWeights.code }]);
    expect(plan.queries.map((q) => q.text)).toEqual(['err cert date invalid']);
  });

  it('matches a pasted error word for word', () => {
    expect(queries('Error: Could not connect to server')).toEqual(['"not connect"', '"connect to server"']);
  });

  it('adds the other members of a synonym group the text uses, below the words typed', () => {
    const groups = [['fora do ar', 'indisponível', 'não abre', 'caiu']];
    const plan = planSearch('meu site caiu', { groups });
    expect(plan.terms).toEqual([
      { word: 'site', weight: 1 },
      { word: 'caiu', weight: 1 },
      { word: 'indisponivel', weight: planWeights.synonym, from: ['caiu'] },
    ]);
    expect(plan.queries).toEqual([
      { text: '"fora do ar"', weight: planWeights.synonym * planWeights.phrase, from: ['caiu'] },
      { text: '"nao abre"', weight: planWeights.synonym * planWeights.phrase, from: ['caiu'] },
    ]);
    expect(words('o site não abre desde ontem', groups)).toContain('caiu');
    // A member matches another form of its words: "não chegou" uses "não chega".
    expect(queries('o e-mail não chegou', [['não chega', 'não recebo']])).toContain('"nao recebo"');
  });

  it('uses a group only for all of a member, and only for the same word', () => {
    expect(words('quanto ci mette la propagazione', [['lento', 'ci mette tanto']])).not.toContain('lento');
    expect(words('não estou recebendo', [['reembolso', 'estorno']])).not.toContain('reembolso');
  });

  it('never looks up an address, a link, a key or a long number', () => {
    const text = 'erro na conta ana.souza@gmail.com chave sk_live_4eC39HqLyjWDarjtT1zdp7dc pedido 4111 1111 1111 1111 https://loja.com.br/x';
    const all = [...words(text), ...queries(text)].join(' ');
    for (const leak of ['ana', 'souza', 'gmail', '4ec39hq', '4111', 'loja']) expect(all).not.toContain(leak);
  });
});

describe('which finds count', () => {
  const groups = [['violato', 'hackerato', 'sito compromesso']];

  it('all of them while a word the customer typed is found as typed', () => {
    const planned = planSearch('sito violato', { groups });
    expect(planned.terms.map((t) => t.word)).toEqual(['violato', 'sito', 'hackerato']);
    expect(trustPlan(planned, ['as-typed', 'none', 'as-typed'])).toEqual({ terms: [true, true, true], queries: planned.queries.map(() => true) });
  });

  it('not a related form among words nobody wrote about, nor the synonyms it brought in', () => {
    const planned = planSearch('gatto stivali violati', { groups });
    expect(planned.queries.map((q) => q.text)).toContain('"sito compromesso"');
    const trust = trustPlan(planned, planned.terms.map((t) => (t.word === 'violati' ? 'related' : t.from ? 'as-typed' : 'none')));
    expect(planned.terms.filter((_, i) => trust.terms[i]).map((t) => t.word)).toEqual(['stivali', 'gatto']);
    expect(planned.queries.filter((_, i) => trust.queries[i]).map((q) => q.text)).not.toContain('"sito compromesso"');
  });

  it('related forms of most words: someone still typing', () => {
    expect(trustPlan(planSearch('wordpres lent'), ['related', 'related']).terms).toEqual([true, true]);
    expect(trustPlan(planSearch('gatto wordpres lent'), ['related', 'related', 'none']).terms).toEqual([true, true, true]);
  });
});

