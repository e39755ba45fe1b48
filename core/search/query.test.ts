import { describe, expect, it } from 'vitest';
import { limits } from '../contract/limits.ts';
import { deflectionQueries, scrubQuery } from './query.ts';

describe('what the widget searches while the customer types', () => {
  it('searches the subject, then the first line of the description where an error is usually pasted', () => {
    expect(deflectionQueries('E-mail devolvido com erro 550', 'Mail delivery failed: 550 5.1.1 User unknown\nmais texto')).toEqual([
      'E-mail devolvido com erro 550',
      'Mail delivery failed: 550 5.1.1 User unknown',
    ]);
  });

  it('never searches for, nor reports, an address, a secret or a long number typed in the subject', () => {
    const found = deflectionQueries('Não recebo e-mails em ana.souza@gmail.com desde ontem', 'Minha senha: Abc123xyz! e a chave sk_live_4eC39HqLyjWDarjtT1zdp7dc\nmais texto');
    expect(found[0]).toBe('Não recebo e-mails em desde ontem');
    for (const leak of ['ana', 'souza', 'gmail', 'Abc123xyz', '4eC39HqLyjWDarjtT1zdp7dc']) expect(found.join(' ')).not.toContain(leak);
  });

  it('searches nothing for a subject of empty words', () => {
    expect(deflectionQueries('oi, bom dia', '')).toEqual([]);
    expect(deflectionQueries('oi', '\n')).toEqual([]);
  });
});

describe('what is kept of a query sent as an event', () => {
  it('keeps the words and drops addresses, links and long numbers', () => {
    expect(scrubQuery('  erro no email  maria@exemplo.com.br ao abrir https://loja.com.br/carrinho?id=9  ')).toBe('erro no email [e-mail] ao abrir [url]');
    expect(scrubQuery('pagamento do pedido 4111 1111 1111 1111 recusado')).toBe('pagamento do pedido [number] recusado');
    expect(scrubQuery('errore 550 5.1.1')).toBe('errore 550 5.1.1');
  });

  it('drops secrets customers paste into the search box: API keys, tokens, passwords', () => {
    expect(scrubQuery('stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc não funciona')).toBe('stripe [secret] não funciona');
    expect(scrubQuery('aws AKIAIOSFODNN7EXAMPLE acesso negado')).toBe('aws [secret] acesso negado');
    expect(scrubQuery('git push ghp_16C7e42F292c6912E7710c838347Ae178B4a falha')).toBe('git push [secret] falha');
    expect(scrubQuery('senha: Abc123xyz! não entra')).toBe('senha: [secret] não entra');
    // Cut short by the length limit or of a kind no pattern names: random-looking is enough.
    expect(scrubQuery('token wJalrXUtnFEMI/K7MDENG/bPxRfiCY')).toBe('token [secret]');
    expect(scrubQuery('erro ERR_CONNECTION_REFUSED no wp-config.php')).toBe('erro ERR_CONNECTION_REFUSED no wp-config.php');
  });

  it('drops an address that reached it already split into words', () => {
    // What keywords() made of "ana.souza@gmail.com" before it scrubbed first; older widgets still send it.
    expect(scrubQuery('não recebo ana.souza gmail.com')).toBe('não recebo [e-mail]');
    expect(scrubQuery('configurar outlook.com no celular')).toBe('configurar outlook.com no celular');
    expect(scrubQuery('erro 550 5.1.1 gmail.com')).toBe('erro 550 5.1.1 gmail.com');
  });

  it('never keeps more than the contract allows', () => {
    expect(scrubQuery('dns '.repeat(500))).toHaveLength(limits.searchQuery.max);
  });
});
