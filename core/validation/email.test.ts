import { describe, expect, it } from 'vitest';
import { validateEmail } from './email.ts';

const code = (input: string) => {
  const result = validateEmail(input);
  return result.ok ? 'ok' : result.code;
};

describe('e-mail', () => {
  it('accepts ordinary addresses', () => {
    expect(validateEmail(' maria.silva+suporte@empresa.com.br ')).toEqual({ ok: true, ascii: 'maria.silva+suporte@empresa.com.br' });
    expect(code("o'brien@example.co.uk")).toBe('ok');
  });

  it('accepts international domains and gives the punycode form', () => {
    expect(validateEmail('joão@pão.com.br')).toEqual({ ok: true, ascii: 'joão@xn--po-sia.com.br' });
    expect(validateEmail('info@caffè.it')).toEqual({ ok: true, ascii: 'info@xn--caff-8oa.it' });
  });

  it('asks for an address when empty', () => {
    expect(code('')).toBe('required');
  });

  it('says when the @ is missing', () => {
    expect(code('maria.empresa.com.br')).toBe('missing-at');
  });

  it('rejects broken local parts', () => {
    expect(code('@empresa.com.br')).toBe('invalid-local');
    expect(code('maria..silva@empresa.com.br')).toBe('invalid-local');
    expect(code('.maria@empresa.com.br')).toBe('invalid-local');
    expect(code('maria silva@empresa.com.br')).toBe('invalid-local');
  });

  it('rejects domains that cannot receive mail', () => {
    expect(code('maria@empresa')).toBe('invalid-domain');
    expect(code('maria@')).toBe('invalid-domain');
    expect(code('maria@192.168.0.1')).toBe('invalid-domain');
    expect(code('maria@empresa_x.com')).toBe('invalid-domain');
    expect(code('maria@empresa.com/x')).toBe('invalid-domain');
  });

  it('suggests the provider the customer probably meant', () => {
    expect(validateEmail('joao@gmial.com')).toEqual({ ok: true, ascii: 'joao@gmial.com', suggestion: 'joao@gmail.com' });
    expect(validateEmail('joao@hotmial.com')).toMatchObject({ suggestion: 'joao@hotmail.com' });
    expect(validateEmail('joao@outlok.com')).toMatchObject({ suggestion: 'joao@outlook.com' });
    expect(validateEmail('joao@gmail.con')).toMatchObject({ suggestion: 'joao@gmail.com' });
    expect(validateEmail('joao@gmail.com.br')).toMatchObject({ suggestion: 'joao@gmail.com' });
    expect(validateEmail('mario@libreo.it')).toMatchObject({ suggestion: 'mario@libero.it' });
  });

  it('suggests nothing for real providers and company domains', () => {
    for (const address of ['joao@yahoo.com.br', 'joao@uol.com.br', 'joao@bol.com.br', 'joao@ymail.com', 'mario@tin.it', 'joao@nuvolo.example']) {
      expect(validateEmail(address)).not.toHaveProperty('suggestion');
    }
  });
});
