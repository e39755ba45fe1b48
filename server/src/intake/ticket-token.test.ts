import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerSecret, ServerSecretError, ticketToken } from './ticket-token.ts';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secretFile = (dir: string) => path.join(dir, 'server-secret.key');

/** Loads the secret in a child process that cannot write a single byte to a file, as on a full disk. */
function loadOnFullDisk(dir: string) {
  const script = `import(${JSON.stringify(new URL('./ticket-token.ts', import.meta.url).href)}).then((m) => m.loadServerSecret(${JSON.stringify(dir)}))`;
  return spawnSync('sh', ['-c', 'ulimit -f 0; exec "$0" -e "$1"', process.execPath, script], { encoding: 'utf8', timeout: 20_000 });
}

describe('the server secret', () => {
  it('is created once with 32 random bytes, readable only by the server, and the same on every start', () => {
    const dir = dataDir();
    const first = loadServerSecret(dir);
    expect(first).toHaveLength(32);
    expect(statSync(secretFile(dir)).mode & 0o777).toBe(0o600);
    expect(loadServerSecret(dir).equals(first)).toBe(true);
    expect(readdirSync(dir)).toEqual(['server-secret.key']);
  });

  it('leaves no secret file when a start cannot finish writing it (full disk), so the next start creates a complete one', () => {
    const dir = dataDir();
    const crashed = loadOnFullDisk(dir);
    expect(crashed.status).not.toBe(0);
    expect(crashed.stderr).toContain('ServerSecretError');
    expect(crashed.stderr).toContain(`cannot create ${secretFile(dir)}`);
    expect(readdirSync(dir)).toEqual([]);

    expect(loadServerSecret(dir)).toHaveLength(32);
  });

  it('refuses an empty or damaged secret file, naming it, instead of signing tokens with a guessable key', () => {
    const dir = dataDir();
    writeFileSync(secretFile(dir), '');
    expect(() => loadServerSecret(dir)).toThrow(ServerSecretError);
    expect(() => loadServerSecret(dir)).toThrow(`${secretFile(dir)} is empty`);
    writeFileSync(secretFile(dir), 'c2hvcnQ=\n'); // a base64 secret of five bytes
    expect(() => loadServerSecret(dir)).toThrow(`${secretFile(dir)} is not a server secret`);
    expect(readFileSync(secretFile(dir), 'utf8')).toBe('c2hvcnQ=\n'); // left for the operator to restore or delete
  });

  it('stops the server at start with one line naming an empty secret file', () => {
    const dir = dataDir();
    writeFileSync(secretFile(dir), '');
    const { SERVER_SECRET: _unset, ...env } = process.env;
    const result = spawnSync(process.execPath, ['server/src/main.ts'], {
      env: { ...env, DATA_DIR: dir, PORT: '47913', DEMO_PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `[support-kit server] ${secretFile(dir)} is empty (an earlier start could not finish writing it, e.g. on a full disk): delete it to create a new one (status links sent until now stop working), restore it from a backup, or set SERVER_SECRET`,
    );
  });

  it('takes SERVER_SECRET instead, so instances sharing a database sign the same status links', () => {
    const shared = 'a-long-random-string-shared-by-all-instances';
    const [a, b] = [dataDir(), dataDir()];
    expect(ticketToken(loadServerSecret(a, shared), 'ticket-1')).toBe(ticketToken(loadServerSecret(b, shared), 'ticket-1'));
    expect(existsSync(secretFile(a))).toBe(false);
    expect(() => loadServerSecret(a, 'too-short')).toThrow('SERVER_SECRET: at least 32 characters (found 9)');
  });

  it('keeps the links already sent working when the secret file is copied into SERVER_SECRET', () => {
    const dir = dataDir();
    const before = ticketToken(loadServerSecret(dir), 'ticket-1');
    const copied = readFileSync(secretFile(dir), 'utf8');
    expect(ticketToken(loadServerSecret(dataDir(), copied), 'ticket-1')).toBe(before);
  });
});
