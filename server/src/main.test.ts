/**
 * The real server process (`node server/src/main.ts`): how it fails to start, and how it treats
 * clients that hold connections open. Timeouts are set small through the environment; nothing here
 * measures time, each test waits for the server to act.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-main-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts main.ts and waits for it to exit; `shell` wraps the start (e.g. a file-size limit). */
function start(env: Record<string, string>, shell = '') {
  const command = `${shell} exec "$0" server/src/main.ts`;
  return spawnSync('sh', ['-c', command, process.execPath], {
    env: { ...process.env, HOST: '127.0.0.1', DEMO_PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

// Each start is its own process on its own port: they run side by side.
describe.concurrent('a server that cannot start', () => {
  it('says in one line that PORT is taken, not with a stack trace', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const result = start({ PORT: String(port), DATA_DIR: tempDir() });
      expect(result.status).toBe(1);
      // The last word, and no stack trace anywhere (warnings from starting the app may come before it).
      expect(result.stderr.trim().split('\n').at(-1)).toBe(`[support-kit server] PORT ${port} is already in use on 127.0.0.1 (EADDRINUSE): stop the other server or set PORT to a free port`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      taken.close();
    }
  });

  it('says in one line that DATA_DIR cannot be written', async () => {
    // Root writes through file modes: there, a read-only file system (sysfs) stands in.
    let dir = '/sys/support-kit-data';
    if (process.getuid?.() !== 0) {
      const parent = tempDir();
      chmodSync(parent, 0o555);
      dir = path.join(parent, 'data');
    }
    const result = start({ PORT: String(await freePort()), DATA_DIR: dir });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^\\[support-kit server\\] DATA_DIR \\(${dir}\\) (is not writable by this server|is on a read-only file system) \\((EACCES|EPERM|EROFS)`))]);
  });

  it('says in one line that DATA_DIR is a file', async () => {
    const file = path.join(tempDir(), 'data');
    writeFileSync(file, 'not a folder');
    const result = start({ PORT: String(await freePort()), DATA_DIR: file });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^\[support-kit server\] DATA_DIR \(.*\) is not a folder \((ENOTDIR|EEXIST)/)]);
  });

  it('says in one line that the database in DATA_DIR cannot be written', async () => {
    // A file-size limit of 0 fails every write as a full or failing disk would, without root or a tmpfs.
    const dir = tempDir();
    mkdirSync(path.join(dir, 'attachments'));
    const result = start({ PORT: String(await freePort()), DATA_DIR: dir, SERVER_SECRET: 'x'.repeat(40) }, 'ulimit -f 0;');
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^\[support-kit server\] the database in DATA_DIR \(.*\) cannot be written \(SQLite: disk I\/O error\): .*free space/)]);
  });
});

describe('slow and greedy clients', () => {
  let server: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = spawn(process.execPath, ['server/src/main.ts'], {
      env: {
        ...process.env, HOST: '127.0.0.1', PORT: String(port), DEMO_PORT: '0', DATA_DIR: tempDir(),
        HEADERS_TIMEOUT_SECONDS: '0.4', BODY_IDLE_TIMEOUT_SECONDS: '0.6', REQUEST_TIMEOUT_SECONDS: '1.5', MAX_CONNECTIONS_PER_CLIENT: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()).includes('support-kit is up') && resolve());
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.on('exit', () => reject(new Error(`the server stopped: ${output}`)));
    });
  });
  afterAll(() => {
    server?.kill();
  });

  /** A raw connection that records what the server sends and when it closes. */
  async function connect(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', () => {});
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise((resolve) => socket.on('connect', resolve));
    return { socket, received: () => data, closed };
  }
  const post = 'POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nIdempotency-Key: slow\r\n\r\n';

  it('answers 408 and closes a connection whose headers never finish, however busy it keeps the line', async () => {
    const client = await connect();
    client.socket.write('POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Slowloris: a new header line every 50 ms, so the connection is never idle.
    let line = 0;
    const drip = setInterval(() => client.socket.write(`X-Slow-${line++}: 1\r\n`), 50);
    await client.closed;
    clearInterval(drip);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose body stops arriving, before the request timeout', async () => {
    const client = await connect();
    client.socket.write(`${post}{"subject":`);
    await client.closed;
    // The idle timeout closes silently; the request timeout (later) would have answered 408.
    expect(client.received()).toBe('');
  });

  it('cuts a body dripped just fast enough to never be idle, at the request timeout', async () => {
    const client = await connect();
    client.socket.write(post);
    const drip = setInterval(() => client.socket.write(' '), 50);
    await client.closed;
    clearInterval(drip);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses one client its connections past the cap with a 429, and takes them again once some close', async () => {
    const held = await Promise.all([connect(), connect(), connect()]);
    const extra = await connect();
    await extra.closed;
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n[\s\S]*Retry-After: \d+/);
    held[0].socket.destroy();
    await held[0].closed;
    // The server counts the close when its side of the socket closes, a moment after ours: ask until it has.
    let answer = '';
    for (let attempt = 0; attempt < 50 && !answer.startsWith('HTTP/1.1 200'); attempt++) {
      const next = await connect();
      next.socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      await next.closed;
      answer = next.received();
    }
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    for (const client of held) client.socket.destroy();
  });
});
