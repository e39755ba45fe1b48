import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maxTokenLifetimeSeconds, signCustomerToken, verifyCustomerToken } from './customer-token.ts';

const secret = 's'.repeat(40);
const now = Date.parse('2026-11-25T12:00:00Z');
const inTenMinutes = now / 1000 + 600;

/** Signs any payload text, as a careless or hostile signer could. */
const signRaw = (payloadJson: string) => {
  const payload = Buffer.from(payloadJson).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
};

describe('customer tokens', () => {
  it('verifies a token signed as the README shows, and returns its claims', () => {
    const token = signCustomerToken({ sub: '1042', name: 'Maria Souza', email: 'maria@exemplo.com.br', exp: inTenMinutes }, secret);
    expect(verifyCustomerToken(token, secret, now)).toEqual({ sub: '1042', name: 'Maria Souza', email: 'maria@exemplo.com.br', exp: inTenMinutes });
  });

  it('accepts only canonical, unpadded base64url: a padded or standard-base64 signature does not verify', () => {
    // Find a token whose signature holds a "-" or "_", which standard base64 writes as "+" or "/".
    let token = '';
    for (let i = 0; !/[-_]/.test(token.split('.')[1] ?? ''); i++) token = signCustomerToken({ sub: `c${i}`, exp: inTenMinutes }, secret);
    const [payload, signature] = token.split('.') as [string, string];
    expect(verifyCustomerToken(token, secret, now)).not.toBeNull();
    expect(verifyCustomerToken(`${token}=`, secret, now)).toBeNull();
    expect(verifyCustomerToken(`${token}==`, secret, now)).toBeNull();
    expect(verifyCustomerToken(`${payload}.${signature.replace(/-/g, '+').replace(/_/g, '/')}`, secret, now)).toBeNull();
    expect(verifyCustomerToken(`${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`, secret, now)).toBeNull();
    // The last character of a 32-byte signature carries 2 unused bits: another letter decodes the same, and is refused.
    const last = signature.at(-1)!;
    const twin = 'AEIMQUYcgkosw048'.split('').find((c) => c !== last && Buffer.from(signature.slice(0, -1) + c, 'base64url').equals(Buffer.from(signature, 'base64url')));
    if (twin) expect(verifyCustomerToken(`${payload}.${signature.slice(0, -1)}${twin}`, secret, now)).toBeNull();
  });

  it('refuses a token that never expires, or expires further ahead than a day', () => {
    expect(verifyCustomerToken(signCustomerToken({ sub: '1042', exp: 1e300 }, secret), secret, now)).toBeNull();
    expect(verifyCustomerToken(signCustomerToken({ sub: '1042', exp: now / 1000 + maxTokenLifetimeSeconds + 60 }, secret), secret, now)).toBeNull();
    expect(verifyCustomerToken(signCustomerToken({ sub: '1042', exp: inTenMinutes + 0.5 }, secret), secret, now)).toBeNull();
    expect(verifyCustomerToken(signCustomerToken({ sub: '1042', exp: now / 1000 - 1 }, secret), secret, now)).toBeNull();
    expect(verifyCustomerToken(signRaw(`{"sub":"1042","exp":"${inTenMinutes}"}`), secret, now)).toBeNull();
  });

  it('refuses claims a form would refuse: a bad e-mail, a name with control characters, an empty or huge id', () => {
    const valid = (claims: Record<string, unknown>) => verifyCustomerToken(signRaw(JSON.stringify({ sub: '1042', exp: inTenMinutes, ...claims })), secret, now);
    expect(valid({})).not.toBeNull();
    expect(valid({ email: 'not-an-email' })).toBeNull();
    expect(valid({ email: 'maria@' })).toBeNull();
    expect(valid({ email: 42 })).toBeNull();
    expect(valid({ name: 'Maria\u0000Souza' })).toBeNull();
    expect(valid({ name: 'x'.repeat(500) })).toBeNull();
    expect(valid({ sub: '' })).toBeNull();
    expect(valid({ sub: 'x'.repeat(1000) })).toBeNull();
    expect(verifyCustomerToken(signRaw('[1,2]'), secret, now)).toBeNull();
    expect(verifyCustomerToken(signRaw('not json'), secret, now)).toBeNull();
  });

  it('refuses a token signed with another secret, or with a third part', () => {
    const token = signCustomerToken({ sub: '1042', exp: inTenMinutes }, 'o'.repeat(40));
    expect(verifyCustomerToken(token, secret, now)).toBeNull();
    expect(verifyCustomerToken(`${signCustomerToken({ sub: '1042', exp: inTenMinutes }, secret)}.x`, secret, now)).toBeNull();
  });
});
