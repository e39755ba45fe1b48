import { describe, expect, it } from 'vitest';
import type { ArticleHit, KbSearch } from '../../../core/search/deflection.ts';
import { rankSuggestions, suggestArticles } from './suggestions.ts';

const hit = (slug: string, score: number): ArticleHit => ({ url: `https://kb.example/pt-br/${slug}/`, title: slug, excerpt: '', score });

describe('suggestions while the customer types', () => {
  it('puts the article that several queries found above one that a single query liked more', () => {
    const ranked = rankSuggestions([
      [hit('erro-550', 4), hit('caixa-cheia', 5)],
      [hit('erro-550', 3)],
    ]);
    expect(ranked.map((h) => [h.title, h.score])).toEqual([
      ['erro-550', 7],
      ['caixa-cheia', 5],
    ]);
  });

  it('drops weak matches that are no real contender next to the best one', () => {
    expect(rankSuggestions([[hit('dns', 10), hit('clientes', 1.9), hit('backup', 2)]]).map((h) => h.title)).toEqual(['dns', 'backup']);
  });

  it('offers at most the contract number of articles', () => {
    const many = Array.from({ length: 9 }, (_, i) => hit(`a${i}`, 10 - i * 0.1));
    expect(rankSuggestions([many])).toHaveLength(5);
  });

  it('searches every query within the chosen department', async () => {
    const asked: unknown[] = [];
    const engine: KbSearch = {
      search(query, options) {
        asked.push([query, options]);
        return Promise.resolve(query === 'dns' ? [hit('dns', 3)] : []);
      },
    };
    expect((await suggestArticles(engine, ['mx dns', 'dns'], 'technical')).map((h) => h.title)).toEqual(['dns']);
    expect(asked).toEqual([
      ['mx dns', { department: 'technical', limit: 5 }],
      ['dns', { department: 'technical', limit: 5 }],
    ]);
  });
});
