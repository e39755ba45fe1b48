import { describe, expect, it } from 'vitest';
import { fold, stopWords, words } from './words.ts';

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
});
