/**
 * The secret that lets a customer read their ticket. Derived, not stored: HMAC(server secret,
 * ticket id). The database keeps only its hash, yet the outbox can still put the status link in the
 * confirmation e-mail later. The server secret comes from SERVER_SECRET, or is created once: in the
 * data folder (SQLite), or in the database, where every instance sharing it finds it (PostgreSQL).
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

/** The server secret cannot be used: the message names the file or setting and what to do. A ConfigError, so main.ts prints it as one line. */
export class ServerSecretError extends ConfigError {
  override name = 'ServerSecretError';
}

const secretFileName = 'server-secret.key';
const minimumBytes = 32;

/**
 * The server secret: `configured` (SERVER_SECRET) when given, else DATA_DIR/server-secret.key,
 * created atomically on first start. Throws a ServerSecretError for an empty or damaged file
 * rather than signing with a weak key.
 */
export function loadServerSecret(dataDir: string, configured?: string): Buffer {
  if (configured !== undefined) {
    if (configured.length < minimumBytes) throw new ServerSecretError(`SERVER_SECRET: at least ${minimumBytes} characters (found ${configured.length})`);
    return secretBytes(configured);
  }
  const file = path.join(dataDir, secretFileName);
  if (!existsSync(file)) createSecretFile(file);
  const text = readFileSync(file, 'utf8').trim();
  if (!text) {
    throw new ServerSecretError(
      `${file} is empty (an earlier start could not finish writing it, e.g. on a full disk): delete it to create a new one (status links sent until now stop working), restore it from a backup, or set SERVER_SECRET`,
    );
  }
  const bytes = writtenForm(text);
  if (!bytes) {
    throw new ServerSecretError(
      `${file} is not a server secret (expected the base64 of ${minimumBytes} random bytes, found ${text.length} characters): restore it from a backup, or delete it to create a new one (status links sent until now stop working)`,
    );
  }
  return bytes;
}

/**
 * The server secret of instances sharing a PostgreSQL database: `configured` (SERVER_SECRET) when
 * given, else the one kept in the database, created by whichever instance starts first.
 */
export async function sharedServerSecret(store: { serverSecret(candidate: string): Promise<string> }, configured?: string): Promise<Buffer> {
  if (configured !== undefined) return loadServerSecret('', configured);
  const stored = await store.serverSecret(randomBytes(minimumBytes).toString('base64'));
  const bytes = writtenForm(stored.trim());
  if (!bytes) {
    throw new ServerSecretError(
      `the server secret in the database (table server_secret) is not one (expected the base64 of ${minimumBytes} random bytes, found ${stored.length} characters): restore it from a backup, or set SERVER_SECRET`,
    );
  }
  return bytes;
}

/** The bytes of a secret in the form this server writes (base64 of 32 bytes or more), else undefined. */
function writtenForm(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length >= minimumBytes && bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * SERVER_SECRET as key bytes. A value in the form the server writes is decoded, so copying an
 * existing server-secret.key into SERVER_SECRET keeps the status links already sent working; any
 * other string is used as its UTF-8 bytes.
 */
function secretBytes(configured: string): Buffer {
  return writtenForm(configured.trim()) ?? Buffer.from(configured, 'utf8');
}

/**
 * Writes a new secret to a temporary file, flushes it to disk, then links it into place: the
 * secret file either does not exist or is complete, even after a full disk or a power cut. A link
 * (unlike a rename) never replaces a secret that another instance starting at the same moment
 * created; that one wins and both use it.
 */
function createSecretFile(file: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, randomBytes(minimumBytes).toString('base64'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      // Some file systems (SMB, FAT) have no hard links: a rename is still atomic there.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      renameSync(temp, file);
    }
    syncDirectory(path.dirname(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ServerSecretError(`cannot create ${file} (${reason}): free some disk space or fix the folder's permissions, or set SERVER_SECRET`, { cause: error });
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Makes the new directory entry durable; some platforms (Windows) cannot open a directory, and lose nothing but this. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort: the file's own contents were already flushed
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The secret as a KeyObject, made once: createHmac checks and copies a Buffer key on every call (about 5 times the cost of the HMAC). */
const keys = new WeakMap<Buffer, KeyObject>();

export function ticketToken(secret: Buffer, ticketId: string): string {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(secret)));
  return createHmac('sha256', key).update(`ticket:${ticketId}`).digest('base64url');
}
