/**
 * What the server says when it cannot start: one line naming the cause and the setting to change,
 * instead of a stack trace (a read-only or full DATA_DIR, a port in use, a HOST that is not here).
 */

/** The settings a failed start may be about, as the server was given them. */
export interface StartupSettings {
  dataDir: string;
  port: number;
  host: string;
  /** Room left on DATA_DIR's disk, when known: an I/O error on a full disk is a full disk. */
  freeBytes?: number;
}

/** Less room than this on DATA_DIR's disk, and a failed write is blamed on it (as intake/disk-space.ts does). */
const nearlyFull = 1024 * 1024;

interface SystemError {
  code?: unknown;
  errcode?: unknown;
  errstr?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** SQLite's primary result codes that say something about the data folder. */
const sqlite = { perm: 3, busy: 5, locked: 6, readonly: 8, ioerr: 10, corrupt: 11, full: 13, cantopen: 14, notadb: 26 } as const;

/** The one line for a failure we recognise, or undefined (a bug: the caller prints it whole). */
export function describeStartupFailure(error: unknown, settings: StartupSettings): string | undefined {
  // A wrapped error (a failed migration) is described by its cause.
  let e = error as SystemError | undefined;
  while (e && typeof e === 'object' && !e.code && e.cause) e = e.cause;
  if (!e || typeof e !== 'object') return undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const dataDir = `DATA_DIR (${settings.dataDir})`;
  const at = typeof e.path === 'string' && e.path !== settings.dataDir ? ` at ${e.path}` : '';

  if (e.syscall === 'listen' || e.syscall === 'getaddrinfo') {
    if (code === 'EADDRINUSE') return `PORT ${settings.port} is already in use on ${settings.host} (EADDRINUSE): stop the other server or set PORT to a free port`;
    if (code === 'EACCES') return `PORT ${settings.port} needs privileges on this system (EACCES): set PORT to 1024 or above and put a proxy in front for port 80/443`;
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return `HOST ${settings.host} is not an address of this machine (${code}): set HOST to one of its addresses, localhost, or 0.0.0.0 for every interface`;
    }
  }
  const full = `${dataDir}: the disk is full`;
  const fix = 'free some space or set DATA_DIR to a disk with room';
  if (code === 'ENOSPC' || code === 'EDQUOT') return `${full} (${code}${at}): ${fix}`;
  if (code === 'EFBIG') return `${dataDir}: a file cannot grow (EFBIG${at}): the disk is full or a file-size limit (ulimit -f) applies; ${fix}`;
  if (code === 'EACCES' || code === 'EPERM') return `${dataDir} is not writable by this server (${code}${at}): give its user write access or set DATA_DIR to a folder it owns`;
  if (code === 'EROFS') return `${dataDir} is on a read-only file system (EROFS${at}): set DATA_DIR to a writable folder`;
  if (code === 'ENOTDIR' || code === 'EEXIST') return `${dataDir} is not a folder (${code}${at}): set DATA_DIR to a folder, or remove the file in its way`;
  if (code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') {
    const reason = `SQLite: ${typeof e.errstr === 'string' ? e.errstr : String(e.message)}`;
    const database = `the database in ${dataDir}`;
    switch (e.errcode & 0xff) {
      case sqlite.full:
        return `${full} (${reason}): ${fix}`;
      case sqlite.ioerr:
        if (settings.freeBytes !== undefined && settings.freeBytes < nearlyFull) return `${full} (${reason}): ${fix}`;
        return `${database} cannot be written (${reason}): check that its disk has free space and no errors, and that no file-size limit (ulimit -f) applies`;
      case sqlite.readonly:
      case sqlite.perm:
      case sqlite.cantopen:
        return `${database} cannot be opened for writing (${reason}): give the server's user write access to DATA_DIR and its files, or set DATA_DIR to a folder it owns`;
      case sqlite.busy:
      case sqlite.locked:
        return `${database} is locked (${reason}): is another support-kit server using the same DATA_DIR?`;
      case sqlite.corrupt:
      case sqlite.notadb:
        return `${database} is damaged or not a support-kit database (${reason}): restore it from a backup (npm run backup makes one) or set DATA_DIR to another folder`;
    }
  }
  return undefined;
}
