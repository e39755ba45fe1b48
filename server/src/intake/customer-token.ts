/**
 * Customer tokens: the hosting company's server signs who is logged in, the widget passes the token
 * along, and only a valid one makes a ticket's customer verified.
 *
 * Format: `base64url(JSON payload).base64url(HMAC-SHA256(secret, first part))`, both parts in
 * unpadded, canonical base64url (RFC 4648 §5), payload `{ sub: customer id, name?, email?, exp: unix
 * seconds }`, valid for at most `maxTokenLifetimeSeconds`. See `signCustomerToken` for the reference.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { limits } from '../../../core/contract/limits.ts';
import { validateEmail } from '../../../core/validation/email.ts';

export interface CustomerClaims {
  sub: string;
  name?: string;
  email?: string;
  exp: number;
}

/**
 * How far ahead `exp` may lie. A token lives in a page the customer has open; one valid for years
 * (`exp: 1e300`) is a stolen identity that never runs out.
 */
export const maxTokenLifetimeSeconds = 24 * 60 * 60;

/** The longest customer id we keep (ids are the host's database keys, not prose). */
const maxSubjectLength = 128;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Unpadded base64url whose decoding encodes back to itself: no `=`, no `+` or `/`, no stray trailing bits. */
function canonicalBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/** Printable text without control characters (a name or id is shown to agents and put in e-mails). */
const plainText = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max && !/\p{Cc}/u.test(value);

export function signCustomerToken(claims: CustomerClaims, secret: string): string {
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The claims of a valid, unexpired token, or null (bad signature, expired, too long-lived, malformed, bad claims). */
export function verifyCustomerToken(token: string, secret: string, now = Date.now()): CustomerClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = canonicalBase64url(signature);
  const expected = createHmac('sha256', secret).update(payload).digest();
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const json = canonicalBase64url(payload);
  if (!json) return null;
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    claims = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const { sub, exp, name, email } = claims;
  const nowSeconds = now / 1000;
  if (!plainText(sub, maxSubjectLength)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= nowSeconds || exp > nowSeconds + maxTokenLifetimeSeconds) return null;
  // A signed claim is trusted over what the customer typed, so it must be as valid as the form's.
  if (name !== undefined && !plainText(name, limits.name.max)) return null;
  if (email !== undefined && !(typeof email === 'string' && email === email.trim() && validateEmail(email, { suggest: false }).ok)) return null;
  return { sub, exp, ...(name !== undefined ? { name: name.trim() } : {}), ...(email !== undefined ? { email } : {}) };
}
