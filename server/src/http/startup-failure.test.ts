import { describe, expect, it } from 'vitest';
import { describeStartupFailure } from './startup-failure.ts';
import { sqliteError } from '../test-support.ts';

const settings = { dataDir: '/srv/support-kit', port: 4321, host: '0.0.0.0' };


describe('what a failed start says', () => {
  it('names DATA_DIR and the full disk when SQLite cannot grow the database', () => {
    const full = sqliteError('PRAGMA max_page_count = 2; CREATE TABLE t (x)', 'INSERT INTO t VALUES (randomblob(100000))');
    expect(describeStartupFailure(full, settings)).toBe('DATA_DIR (/srv/support-kit): the disk is full (SQLite: database or disk is full): free some space or set DATA_DIR to a disk with room');
    // Wrapped by the migration runner: the cause still speaks.
    expect(describeStartupFailure(new Error('database migration 3 failed', { cause: full }), settings)).toMatch(/^DATA_DIR .* the disk is full/);
  });

  it('names a full disk from the file system and from an I/O error when no room is left', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/srv/support-kit/server-secret.key' });
    expect(describeStartupFailure(enospc, settings)).toBe('DATA_DIR (/srv/support-kit): the disk is full (ENOSPC at /srv/support-kit/server-secret.key): free some space or set DATA_DIR to a disk with room');
    const ioerr = Object.assign(new Error('disk I/O error'), { code: 'ERR_SQLITE_ERROR', errcode: 778, errstr: 'disk I/O error' });
    expect(describeStartupFailure(ioerr, { ...settings, freeBytes: 0 })).toMatch(/the disk is full/);
    expect(describeStartupFailure(ioerr, { ...settings, freeBytes: 5e9 })).toMatch(/cannot be written \(SQLite: disk I\/O error\)/);
  });

  it('names PORT or HOST when listening fails', () => {
    const listen = (code: string) => Object.assign(new Error(code), { code, syscall: 'listen' });
    expect(describeStartupFailure(listen('EADDRINUSE'), settings)).toMatch(/^PORT 4321 is already in use/);
    expect(describeStartupFailure(listen('EACCES'), { ...settings, port: 80 })).toMatch(/^PORT 80 needs privileges/);
    expect(describeStartupFailure(listen('EADDRNOTAVAIL'), { ...settings, host: '203.0.113.9' })).toMatch(/^HOST 203\.0\.113\.9 is not an address of this machine/);
  });

  it('leaves an error it does not know to be printed whole (a bug to report)', () => {
    expect(describeStartupFailure(new TypeError('x is undefined'), settings)).toBeUndefined();
  });
});
