/**
 * The console's two kinds of token. A session token is 32 random bytes in an HttpOnly cookie; the
 * database keeps only its SHA-256, so a copy of the database signs nobody in. A form token goes with
 * every form: it is bound to the session (or, on the sign-in form, to a pre-session cookie), signed
 * with a key derived from the server secret, at most `maxAgeMs` old, and spent on first use, so a
 * captured token cannot be replayed, not even by the same browser.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a session token: its id. */
export const sessionId = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A key for one purpose, derived from the server secret: a token of one kind never passes as another. */
export function derivedKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`support-kit console: ${purpose}`).digest();
}

const mac = (key: Buffer, binding: string, nonce: string, issued: string) => createHmac('sha256', key).update(`${binding}\n${nonce}\n${issued}`).digest('base64url');

/** A fresh form token for `binding` (the session id, or the pre-session cookie). */
export function issueFormToken(key: Buffer, binding: string, now: Date): string {
  const nonce = randomBytes(16).toString('base64url');
  const issued = String(now.getTime());
  return `${nonce}.${issued}.${mac(key, binding, nonce, issued)}`;
}

export type FormTokenCheck = { ok: true; nonce: string } | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'expired' };

/** Checks a form token's signature, binding and age; the caller then spends its nonce (a replay fails there). */
export function checkFormToken(key: Buffer, binding: string, token: string | undefined, now: Date, maxAgeMs: number): FormTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const match = /^([\w-]{22})\.(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, nonce = '', issued = '', signature = ''] = match;
  const expected = Buffer.from(mac(key, binding, nonce, issued));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'forged' };
  const age = now.getTime() - Number(issued);
  if (age < 0 || age > maxAgeMs) return { ok: false, reason: 'expired' };
  return { ok: true, nonce };
}
