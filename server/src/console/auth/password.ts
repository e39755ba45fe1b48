/**
 * Staff passwords, hashed with scrypt (memory-hard: each guess costs 128 MiB and a few hundred
 * milliseconds at the default cost, OWASP's recommended N=2^17, r=8, p=1). The stored form names its
 * parameters, `scrypt$17$8$1$salt$hash`, so the cost can rise later without locking anyone out.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordCost {
  /** log2 of scrypt's N. */
  logN: number;
  r: number;
  p: number;
}

export const defaultPasswordCost: PasswordCost = { logN: 17, r: 8, p: 1 };

/** Shorter is refused: a console password guards customers' tickets. Longer is refused before hashing anything. */
export const passwordLength = { min: 12, max: 1024 } as const;

const keyLength = 32;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

export async function hashPassword(password: string, cost: PasswordCost = defaultPasswordCost): Promise<string> {
  const salt = randomBytes(16);
  return ['scrypt', cost.logN, cost.r, cost.p, b64(salt), b64(await derive(password, salt, cost))].join('$');
}

function parse(stored: string): { cost: PasswordCost; salt: Buffer; key: Buffer } | undefined {
  const match = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return undefined;
  const [, logN, r, p, salt, key] = match;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (cost.logN < 1 || cost.logN > 22 || cost.r < 1 || cost.p < 1) return undefined;
  return { cost, salt: Buffer.from(salt ?? '', 'base64url'), key: Buffer.from(key ?? '', 'base64url') };
}

/** True when `password` matches `stored`; false for anything else, a malformed hash included. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || password.length > passwordLength.max) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when `stored` was hashed at a lower cost than `cost`: rehash it at the next sign-in. */
export function needsRehash(stored: string, cost: PasswordCost = defaultPasswordCost): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.logN < cost.logN || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

/**
 * A hash of nothing anyone knows, at `cost`: a sign-in for an unknown e-mail is checked against it,
 * so it takes as long as one for a real account and the answer time does not tell which e-mails exist.
 */
export function decoyHash(cost: PasswordCost = defaultPasswordCost): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'), cost);
}
