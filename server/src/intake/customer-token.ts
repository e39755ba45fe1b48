/**
 * Customer tokens: the hosting company's server signs who is logged in, the widget passes the token
 * along, and only a valid one makes a ticket's customer verified.
 *
 * Format: `base64url(JSON payload).base64url(HMAC-SHA256(secret, first part))`, payload
 * `{ sub: customer id, name?, email?, exp: unix seconds }`. See `signCustomerToken` for the reference.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CustomerClaims {
  sub: string;
  name?: string;
  email?: string;
  exp: number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signCustomerToken(claims: CustomerClaims, secret: string): string {
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The claims of a valid, unexpired token, or null (bad signature, expired, malformed). */
export function verifyCustomerToken(token: string, secret: string, now = Date.now()): CustomerClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<CustomerClaims>;
    if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
    return {
      sub: claims.sub,
      exp: claims.exp,
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    };
  } catch {
    return null;
  }
}
