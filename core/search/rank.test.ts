import { describe, expect, it } from 'vitest';
import { rankHits } from './rank.ts';

const hit = (id: string, score: number) => ({ id, score });
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('one list from several queries', () => {
  it('puts what several queries found above what one query liked more', () => {
    const ranked = rankHits([[hit('erro-550', 4), hit('caixa-cheia', 5)], [hit('erro-550', 3)]], (h) => h.id, { limit: 5 });
    expect(ranked).toEqual([hit('erro-550', 7), hit('caixa-cheia', 5)]);
  });

  it('keeps nothing below the floor, however good it is next to the others', () => {
    expect(rankHits([[hit('wordpress-lento', 1.2), hit('dns', 0.3)]], (h) => h.id, { limit: 5, floor: 3 })).toEqual([]);
  });

  it('drops weak matches that are no real contender next to the best one', () => {
    expect(ids(rankHits([[hit('dns', 10), hit('clientes', 1.9), hit('backup', 2)]], (h) => h.id, { limit: 5 }))).toEqual(['dns', 'backup']);
  });

  it('returns each item as its best query found it, with the summed score', () => {
    const weak = { id: 'a', score: 1, from: 'word' };
    const strong = { id: 'a', score: 6, from: 'phrase' };
    expect(rankHits([[weak], [strong]], (h) => h.id, { limit: 1 })).toEqual([{ id: 'a', score: 7, from: 'phrase' }]);
  });
});
