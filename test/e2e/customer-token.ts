/**
 * Customer tokens as a hosting company's own server signs them, for the end-to-end server
 * (playwright.config.ts gives it CUSTOMER_TOKEN_SECRET) and the tests that embed the widget for a
 * signed-in customer. Signed the way the README's WHMCS hook does it, not with the server's code:
 * `base64url(json_encode(claims)) . "." . base64url(hash_hmac('sha256', payload, secret, true))`,
 * unpadded, with PHP's default json_encode (non-ASCII as `\uXXXX`, `/` as `\/`).
 */
import { createHmac } from 'node:crypto';

/** A fixed test secret (at least 32 characters, as the server requires). */
export const customerTokenSecret = 'e2e-customer-token-secret-0123456789abcdef';

export interface CustomerClaims {
  sub: string;
  name?: string;
  email?: string;
  /** Unix seconds. */
  exp: number;
}

/** PHP's `rtrim(strtr(base64_encode($s), '+/', '-_'), '=')`. */
const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** PHP's `json_encode` without flags: `\/` for slashes, `\uXXXX` (UTF-16) for everything outside ASCII. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The README hook's token for these claims. */
export function signCustomerToken(claims: CustomerClaims, secret = customerTokenSecret): string {
  const payload = base64url(phpJsonEncode(claims));
  return `${payload}.${base64url(createHmac('sha256', secret).update(payload).digest())}`;
}

/** `time() + seconds`, as the hook writes `exp`. */
export const inSeconds = (seconds: number): number => Math.floor(Date.now() / 1000) + seconds;
