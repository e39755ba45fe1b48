import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { checkFormToken, derivedKey, issueFormToken, sessionId } from './tokens.ts';

const cheap = { logN: 4, r: 1, p: 1 };

describe('staff passwords', () => {
  it('verify only the password they were made from, salted so two hashes of one password differ', async () => {
    const a = await hashPassword('correct horse battery staple', cheap);
    const b = await hashPassword('correct horse battery staple', cheap);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', 'plain-text')).toBe(false);
    expect(await verifyPassword('correct horse battery staple', a.replace(/\$4\$/, '$30$'))).toBe(false); // a cost no server would pay
  });

  it('ask for a rehash when stored at a lower cost than asked for', async () => {
    const weak = await hashPassword('correct horse battery staple', cheap);
    expect(needsRehash(weak, cheap)).toBe(false);
    expect(needsRehash(weak, { logN: 5, r: 1, p: 1 })).toBe(true);
  });
});

describe('form tokens', () => {
  const key = derivedKey(Buffer.alloc(32, 7), 'form tokens');
  const t0 = new Date('2026-11-25T12:00:00.000Z');

  it('pass for the binding they were issued to, within their age, and never when forged', () => {
    const token = issueFormToken(key, 'session-a', t0);
    expect(checkFormToken(key, 'session-a', token, new Date(t0.getTime() + 60_000), 3_600_000)).toEqual({ ok: true, nonce: token.split('.')[0] });
    expect(checkFormToken(key, 'session-b', token, t0, 3_600_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(derivedKey(Buffer.alloc(32, 8), 'form tokens'), 'session-a', token, t0, 3_600_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, 'session-a', token, new Date(t0.getTime() + 3_600_001), 3_600_000)).toEqual({ ok: false, reason: 'expired' });
    const [nonce, issued] = token.split('.');
    expect(checkFormToken(key, 'session-a', `${nonce}.${Number(issued) + 1}.${token.split('.')[2]}`, t0, 3_600_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, 'session-a', undefined, t0, 3_600_000)).toEqual({ ok: false, reason: 'missing' });
    expect(checkFormToken(key, 'session-a', 'x'.repeat(5000), t0, 3_600_000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('keep only a hash of the session token', () => {
    expect(sessionId('token')).toBe(sessionId('token'));
    expect(sessionId('token')).not.toContain('token');
    expect(sessionId('token')).toHaveLength(43);
  });
});
