import { describe, expect, it } from 'vitest';
import { deflectionQueries, keywords } from './query.ts';

describe('what the widget searches while the customer types', () => {
  it('drops words that say nothing and keeps accents and error codes', () => {
    expect(keywords('Meu e-mail não chega, erro 550 para os clientes')).toEqual(['e-mail', 'não', 'chega', 'erro', '550', 'clientes']);
  });

  it('tries the whole subject first, then the pasted error, then the strongest single words', () => {
    expect(deflectionQueries('E-mail devolvido com erro 550 para clientes', 'Mail delivery failed: 550 5.1.1 User unknown\nmais texto')).toEqual([
      'E-mail devolvido erro 550 clientes',
      'Mail delivery failed 550 5.1.1 User unknown',
      '5.1.1',
      '550',
      'devolvido',
    ]);
  });

  it('searches nothing for a subject of empty words', () => {
    expect(deflectionQueries('ajuda por favor', '')).toEqual(['ajuda favor', 'ajuda', 'favor']);
    expect(deflectionQueries('oi', '')).toEqual([]);
  });
});
