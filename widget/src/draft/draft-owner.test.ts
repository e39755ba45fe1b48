import { describe, expect, it } from 'vitest';
import { draftOwner } from './draft-owner.ts';

const token = (payload: object) => `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJl`;

describe('whose draft it is', () => {
  it("is the customer token's subject, read without the secret that signed it", () => {
    expect(draftOwner(token({ sub: '1001', name: 'Ana Souza', exp: 1_900_000_000 }), 'ana@loja.com.br')).toBe('sub:1001');
    // base64url, not base64: "_" in the payload, no padding.
    const awkward = token({ sub: 'a>>?b', exp: 1 });
    expect(awkward).toMatch(/_[^.]*\./);
    expect(draftOwner(awkward, '')).toBe('sub:a>>?b');
  });

  it('is the e-mail the page gives when the token is missing or unreadable, whatever its case', () => {
    expect(draftOwner('', ' Ana@Loja.com.br ')).toBe('email:ana@loja.com.br');
    expect(draftOwner('not a token', 'ana@loja.com.br')).toBe('email:ana@loja.com.br');
    expect(draftOwner(token({ name: 'no subject' }), 'ana@loja.com.br')).toBe('email:ana@loja.com.br');
  });

  it('is nobody for an anonymous visitor, whose drafts stay apart from every customer', () => {
    expect(draftOwner('', '')).toBe('');
  });
});
