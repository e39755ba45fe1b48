/**
 * The secret that lets a customer read their ticket. Derived, not stored: HMAC(server secret,
 * ticket id). The database keeps only its hash, yet the outbox can still put the status link in the
 * confirmation e-mail later. The server secret is created once in the data folder.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function loadServerSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'server-secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

export function ticketToken(secret: Buffer, ticketId: string): string {
  return createHmac('sha256', secret).update(`ticket:${ticketId}`).digest('base64url');
}
