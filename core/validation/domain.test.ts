import { describe, expect, it } from 'vitest';
import { validateDomain } from './domain.ts';

const code = (input: string) => {
  const result = validateDomain(input);
  return result.ok ? 'ok' : result.code;
};

describe('domain', () => {
  it('accepts an ordinary domain and gives it in lowercase', () => {
    expect(validateDomain(' Example.COM.br ')).toEqual({
      ok: true,
      kind: 'domain',
      host: 'Example.COM.br',
      ascii: 'example.com.br',
      fromUrl: false,
    });
  });

  it('accepts international domains and gives their punycode form', () => {
    expect(validateDomain('pão.com.br')).toMatchObject({ ok: true, ascii: 'xn--po-sia.com.br' });
    expect(validateDomain('caffè.it')).toMatchObject({ ok: true, ascii: 'xn--caff-8oa.it' });
    expect(validateDomain('xn--caff-8oa.it')).toMatchObject({ ok: true, ascii: 'xn--caff-8oa.it' });
  });

  it('takes the domain out of a pasted address', () => {
    expect(validateDomain('https://www.pão.com.br/loja?x=1')).toMatchObject({
      ok: true,
      host: 'www.pão.com.br',
      ascii: 'www.xn--po-sia.com.br',
      fromUrl: true,
    });
    expect(validateDomain('http://admin@example.com:2083/cpanel')).toMatchObject({ ok: true, ascii: 'example.com' });
    expect(validateDomain('example.com/wp-admin')).toMatchObject({ ok: true, ascii: 'example.com', fromUrl: true });
  });

  it('accepts a trailing dot', () => {
    expect(validateDomain('example.com.')).toMatchObject({ ok: true, ascii: 'example.com' });
  });

  it('accepts IPv4 and IPv6 addresses', () => {
    expect(validateDomain('192.168.0.10')).toMatchObject({ ok: true, kind: 'ipv4', ascii: '192.168.0.10' });
    expect(validateDomain('010.001.000.009')).toMatchObject({ ok: true, ascii: '10.1.0.9' });
    expect(validateDomain('2001:DB8:0:0::1')).toMatchObject({ ok: true, kind: 'ipv6', ascii: '2001:db8::1' });
    expect(validateDomain('http://[2001:db8::1]:8080/')).toMatchObject({ ok: true, kind: 'ipv6', ascii: '2001:db8::1' });
  });

  it('rejects addresses that are not IPs', () => {
    expect(code('256.1.1.1')).toBe('invalid-ip');
    expect(code('10.0.0')).toBe('invalid-ip');
    expect(code('2001:db8::g')).toBe('invalid-ip');
  });

  it('asks for a domain when empty', () => {
    expect(code('  ')).toBe('required');
  });

  it('rejects spaces, underscores and a single label', () => {
    expect(code('meu site.com.br')).toBe('spaces');
    expect(code('meu_site.com.br')).toBe('underscore');
    expect(code('localhost')).toBe('single-label');
    expect(code('meusite')).toBe('single-label');
  });

  it('rejects empty labels and characters DNS does not allow', () => {
    expect(code('example..com')).toBe('empty-label');
    expect(code('.example.com')).toBe('empty-label');
    expect(code('exa!mple.com')).toBe('invalid-character');
    expect(code('-example.com')).toBe('invalid-character');
  });

  it('rejects a top-level domain made of digits', () => {
    expect(code('example.123')).toBe('numeric-tld');
  });

  it('rejects labels over 63 characters and names over 253', () => {
    expect(validateDomain(`${'a'.repeat(64)}.com`)).toMatchObject({ ok: false, code: 'label-too-long', params: { max: 63 } });
    expect(code(`${'a'.repeat(63)}.com`)).toBe('ok');
    const long = Array.from({ length: 5 }, () => 'a'.repeat(50)).join('.') + '.com';
    expect(validateDomain(long)).toMatchObject({ ok: false, code: 'too-long', params: { length: 258, max: 253 } });
  });

  it('measures label length in the punycode form DNS uses', () => {
    // 60 characters as typed, 66 in punycode.
    expect(validateDomain(`${'ã'.repeat(60)}.com.br`)).toMatchObject({ ok: false, code: 'label-too-long', params: { length: 66 } });
  });
});
