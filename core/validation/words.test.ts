import { describe, expect, it } from 'vitest';
import { fold, negations, searchStopWords, stopWords, words } from './words.ts';

describe('words', () => {
  it('compares words without accents or case', () => {
    expect(fold('Não É Possível')).toBe('nao e possivel');
  });

  it('keeps "e-mail" as one word and splits Italian elisions', () => {
    expect(words("Erro no E-mail dell'account: 550!")).toEqual(['erro', 'no', 'e-mail', 'dell', 'account', '550']);
  });

  it('knows the little words of every language', () => {
    for (const word of ['de', 'della', 'the', 'meu', 'mio', 'my']) expect(stopWords.has(word)).toBe(true);
  });

  it('leaves negations and short words that mean something to the search', () => {
    for (const word of ['nao', 'non', 'ip', 'ar', 'ssl', 'dns', 'php', 'site', 'sito', 'email']) expect(searchStopWords.has(word), word).toBe(false);
    for (const word of ['nao', 'non', 'not']) expect(negations.has(word)).toBe(true);
    for (const word of ['como', 'come', 'ad', 'urgente', 'please']) expect(searchStopWords.has(word), word).toBe(true);
  });
});
