/**
 * A real PostgreSQL for the tests and the benchmarks, never a mock: a throwaway cluster in a
 * temporary folder on a random port, started with Debian's binaries and removed afterwards; or,
 * with `PG_TEST_URL`, an existing server. initdb and pg_ctl refuse to run as root, so as root the
 * cluster runs as the `postgres` user. Without the binaries, the error is the command that installs
 * them (as scripts/chromium.ts does for the browser).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const installPostgresCommand = 'apt-get install -y postgresql';

/** The newest /usr/lib/postgresql/<version>/bin that has initdb, or PG_BIN. */
export function postgresBinDir(): string | undefined {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export const missingPostgresMessage =
  `PostgreSQL not found (no initdb under /usr/lib/postgresql/*/bin${process.env.PG_BIN ? ` nor in PG_BIN=${process.env.PG_BIN}` : ''}): ` +
  `install it with \`${installPostgresCommand}\`, or set PG_TEST_URL to a server the tests may create databases on.`;

export interface PostgresServer {
  /** Superuser URL of the `postgres` database: create test databases through it. */
  url: string;
  /** Stops a cluster this process started (an existing server from PG_TEST_URL is left alone). */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** The uid and gid of the `postgres` account, from /etc/passwd. */
function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error(`running as root, and there is no postgres user to run the test cluster as: ${installPostgresCommand} creates it`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a PostgreSQL binary, as `postgres` when we are root; throws with its output when it fails. */
function run(bin: string, args: string[], as: { uid: number; gid: number } | undefined, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // In the cluster's own folder: the postgres user may not enter the one the tests run from.
    const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(as ? { uid: as.uid, gid: as.gid, env: { ...process.env, HOME: cwd } } : {}) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

export interface ClusterOptions {
  /** Durability as in production (fsync on); the tests turn it off, a throwaway cluster loses nothing that matters. */
  durable?: boolean;
  /** Connections the cluster accepts (default 200: several servers with their pools, and the tests' own). */
  maxConnections?: number;
}

/** PG_TEST_URL's server, or a new throwaway cluster. */
export async function startPostgres(options: ClusterOptions = {}): Promise<PostgresServer> {
  if (process.env.PG_TEST_URL) return { url: process.env.PG_TEST_URL, stop: async () => {} };
  const bin = postgresBinDir();
  if (!bin) throw new Error(missingPostgresMessage);
  const as = process.getuid?.() === 0 ? postgresAccount() : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-pg-'));
  if (as) chownSync(dir, as.uid, as.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], as, dir);
  const settings = [
    `-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${dir}`, `-c max_connections=${options.maxConnections ?? 200}`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  await run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings.join(' '), '-w', '-t', '60', 'start'], as, dir);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as, dir).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The URL of `database` on the server `url` points at. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

/** Creates an empty database with a unique name; `drop` removes it, closing whatever still uses it. */
export async function createDatabase(serverUrl: string, prefix = 'support_kit_test', template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

// `node server/src/store/pg-test-cluster.ts --check` (the check `npm test` runs first): the binaries are there, or the install command.
// Without --check: starts a cluster and prints its URL until Ctrl-C (to try the server on it by hand).
if (import.meta.main && process.argv.includes('--check')) {
  if (!process.env.PG_TEST_URL && !postgresBinDir()) {
    console.error(missingPostgresMessage);
    process.exit(1);
  }
} else if (import.meta.main) {
  const server = await startPostgres({ durable: true });
  console.log(`PostgreSQL is up: DATABASE_URL=${server.url}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
