import { describe, expect, it } from 'vitest';
import { limits } from '../contract/limits.ts';
import { deflectionQueries, keywords, scrubQuery } from './query.ts';

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

describe('what is kept of a query sent as an event', () => {
  it('keeps the words and drops addresses, links and long numbers', () => {
    expect(scrubQuery('  erro no email  maria@exemplo.com.br ao abrir https://loja.com.br/carrinho?id=9  ')).toBe('erro no email [e-mail] ao abrir [url]');
    expect(scrubQuery('pagamento do pedido 4111 1111 1111 1111 recusado')).toBe('pagamento do pedido [number] recusado');
    expect(scrubQuery('errore 550 5.1.1')).toBe('errore 550 5.1.1');
  });

  it('never keeps more than the contract allows', () => {
    expect(scrubQuery('dns '.repeat(500))).toHaveLength(limits.searchQuery.max);
  });
});
