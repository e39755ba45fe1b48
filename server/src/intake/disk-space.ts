/**
 * A full disk is the server's trouble, not the client's mistake: it is recognised here so the API
 * answers 507 (nothing was saved, try later) instead of a 500, a misleading 400, or a crash.
 * Uploads are written through `DiskAccess`, so tests can fill the disk without root or a tmpfs.
 */
import { createWriteStream } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { Writable } from 'node:stream';

export interface DiskAccess {
  /** A new file for an upload; refuses to replace an existing one. */
  createFile(file: string): Writable;
  /** Bytes the server may still write on the file system that holds `dir`. */
  freeBytes(dir: string): Promise<number>;
}

export const diskAccess: DiskAccess = {
  createFile: (file) => createWriteStream(file, { flags: 'wx' }),
  freeBytes: async (dir) => {
    const info = await statfs(dir);
    return info.bavail * info.bsize;
  },
};

/**
 * When a write fails with less room than this left, the disk is the cause. SQLite needs a few
 * pages for a commit and a journal, so "almost full" fails like "full".
 */
export const nearlyFullBytes = 1024 * 1024;

/** SQLITE_FULL, the primary result code (the low byte of an extended one). */
const sqliteFull = 13;

/** The error itself says the disk (or the user's quota) is full: ENOSPC, EDQUOT, SQLITE_FULL. */
export function isOutOfSpace(error: unknown): boolean {
  if (error instanceof OutOfSpaceError) return true;
  if (!error || typeof error !== 'object') return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' && (errcode & 0xff) === sqliteFull;
}

/** Storing failed because `dir`'s disk is full. */
export class OutOfSpaceError extends Error {
  override name = 'OutOfSpaceError';
  readonly dir: string;
  constructor(dir: string, cause: unknown) {
    super(`no space left for ${dir}`, { cause });
    this.dir = dir;
  }
}

/**
 * Whether a failed store or write was the disk running out: by the error's code, or, when the
 * error hides its cause (SQLite answers "cannot rollback - no transaction is active" after a
 * commit failed on a full disk), by asking the file system how much room is left.
 */
export async function outOfSpace(error: unknown, dir: string, disk: Pick<DiskAccess, 'freeBytes'> = diskAccess): Promise<boolean> {
  if (isOutOfSpace(error)) return true;
  try {
    return (await disk.freeBytes(dir)) < nearlyFullBytes;
  } catch {
    return false;
  }
}
