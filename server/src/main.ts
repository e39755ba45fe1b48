/**
 * `node server/src/main.ts`: the reference backend: the knowledge base, the widget, the API, the
 * demo pages, the outbox worker that forwards tickets, and daily retention cleanup. On SQLite (the
 * default) one process owns DATA_DIR; with DATABASE_URL, any number of instances share PostgreSQL
 * (and DATA_DIR/attachments, which must then be one folder every instance mounts).
 */
import { createAdaptorServer, serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { mkdirSync, statfsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, demoOrigin, loadConfig, serverOrigin, type ServerConfig } from './config.ts';
import { createApp } from './app.ts';
import { demoApp } from './routes/demo.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import type { PostgresStore } from './store/pg-store.ts';
import { postgresHitCounter, storeSalts } from './intake/client.ts';
import { SupportConfigError } from '../../core/node/load-support-config.ts';
import { buildForwarders } from './forwarding.ts';
import { ForwarderConfigError } from './forwarders/registry.ts';
import { loadServerSecret, sharedServerSecret } from './intake/ticket-token.ts';
import { purgeOldAnalytics } from './analytics-retention.ts';
import { purgeConsoleState } from './console/retention.ts';
import { limitConnections, serverOptions } from './http/connections.ts';
import { trustFunction, trustSetting } from './http/client-address.ts';
import { describeStartupFailure } from './http/startup-failure.ts';

/** Stops the start with one line: the cause and the setting to change. */
function stop(message: string): never {
  console.error(`[support-kit server] ${message}`);
  process.exit(1);
}

/** A failed start: one line when we know the cause; the whole error when we do not (that is a bug to report). */
function failedStart(error: unknown, config?: ServerConfig): never {
  // A wrong setting stops the server with a message that names it, not a stack trace.
  if (error instanceof ConfigError || error instanceof SupportConfigError || error instanceof ForwarderConfigError || /^(SMTP_|Invalid server settings)/.test((error as Error).message)) {
    stop((error as Error).message);
  }
  const database = config?.databaseUrl && describeDatabaseFailure(error, config.databaseUrl);
  if (database) stop(database);
  const line = config && describeStartupFailure(error, { dataDir: config.dataDir, port: config.port, host: config.host, freeBytes: freeBytes(config.dataDir) });
  if (line) stop(line);
  throw error;
}

/** PostgreSQL that cannot be reached or used, in one line naming DATABASE_URL (never its password); undefined for anything else. */
function describeDatabaseFailure(error: unknown, url: string): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const at = URL.parse(url);
  const where = `DATABASE_URL (${at?.hostname ?? '?'}:${at?.port || 5432}${at?.pathname ?? ''})`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'nothing listens there: is PostgreSQL running, and on that host and port?',
    ENOTFOUND: 'no such host',
    ETIMEDOUT: 'no answer (a firewall, or the wrong host)',
    '28P01': 'the password was refused',
    '28000': 'this user may not connect (pg_hba.conf)',
    '3D000': 'no such database: create it (createdb) first',
    '42501': 'this user may not create the tables: give it CREATE on the database, or run the first start as its owner',
  };
  const reason = code ? reasons[code] : undefined;
  return reason ? `cannot use ${where}: ${reason} (${code}${message ? `: ${message}` : ''})` : undefined;
}

/** Room left on the disk that holds `dir` (or its nearest existing parent), when the system says. */
function freeBytes(dir: string): number | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const info = statfsSync(at);
      return info.bavail * info.bsize;
    } catch {
      if (path.dirname(at) === at) return undefined;
    }
  }
}

function startupSettings() {
  let config: ServerConfig | undefined;
  try {
    config = loadConfig();
    mkdirSync(path.join(config.dataDir, 'attachments'), { recursive: true });
    return { config, limits: config.connections };
  } catch (error) {
    return failedStart(error, config);
  }
}
const { config, limits } = startupSettings();

/** The store and the server secret: SQLite and the secret file in DATA_DIR, or PostgreSQL (migrated now) and the secret it keeps. */
async function openStorage(): Promise<{ store: Store; postgres?: PostgresStore; secret: Buffer }> {
  if (!config.databaseUrl) {
    const secret = loadServerSecret(config.dataDir, config.serverSecret);
    return { store: openSqliteStore(path.join(config.dataDir, 'support-kit.sqlite')), secret };
  }
  // Loaded only here: a SQLite server never loads the PostgreSQL driver.
  const { openPostgresStore } = await import('./store/pg-store.ts');
  const postgres = await openPostgresStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  return { store: postgres, postgres, secret: await sharedServerSecret(postgres, config.serverSecret) };
}

let storage: Awaited<ReturnType<typeof openStorage>>;
let forwarding: ReturnType<typeof buildForwarders>;
try {
  storage = await openStorage();
  forwarding = buildForwarders(process.env, config, storage.secret);
} catch (error) {
  failedStart(error, config);
}
const { store, postgres, secret } = storage;

// Deliveries claimed by a process that died (this server's previous run, or another instance) would
// otherwise wait out their lease before a retry: freed at start, then every 10 s, never a live one's.
try {
  await store.releaseDeadLeases();
} catch (error) {
  failedStart(error, config);
}

let wakeOutbox = () => {};
const clientSalts = await storeSalts(store).catch((error: unknown) => failedStart(error, config));
const app = createApp({
  clientSalts,
  ...(postgres ? { sharedCounter: postgresHitCounter(postgres.pool) } : {}),
  // A ticket makes one delivery per forwarder: with none configured, waking the outbox would only
  // query for work that cannot exist, once per ticket.
  ...(forwarding.forwarders.length ? { onTicketCreated: () => wakeOutbox() } : {}),
  wakeOutbox: () => wakeOutbox(),
  config,
  store,
  forwarders: forwarding.forwarders.map((f) => f.name),
  confirmationEmail: forwarding.confirmationEmail,
  // After Send: the adapters' inbound webhooks, and where replies and support's news go.
  helpdesks: forwarding,
  ticketSecret: secret,
});

const worker = forwarding.worker(store);
worker.start(2_000);
wakeOutbox = () => worker.wake();
const leaseSweeper = setInterval(() => {
  store.releaseDeadLeases().then(
    (freed) => freed && worker.wake(),
    (error: unknown) => console.error('[support-kit server] cannot free the deliveries of stopped instances:', (error as Error).message),
  );
}, 10_000);
leaseSweeper.unref();

/** Retention: delete old tickets and their files, and uploads that never became a ticket. */
async function cleanUp(): Promise<void> {
  const cutoff = new Date(Date.now() - config.retentionDays * 24 * 60 * 60 * 1000);
  for (const file of await store.purgeTicketsBefore(cutoff)) await rm(file, { force: true });
  await purgeOldAnalytics(store, config.analyticsRetentionDays);
  await purgeConsoleState(store, config);
  const known = await store.attachmentPaths();
  const dir = path.join(config.dataDir, 'attachments');
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (!known.has(file) && Date.now() - (await stat(file)).mtimeMs > 60 * 60 * 1000) await rm(file, { force: true });
  }
}
await cleanUp().catch((error: unknown) => failedStart(error, config));
const cleaner = setInterval(() => void cleanUp().catch((e) => console.error('[support-kit server] clean-up failed', e)), 24 * 60 * 60 * 1000);
cleaner.unref();

// The cross-origin demo page gets an origin of its own: another port on the same host.
const demoServer = config.demoPort ? serve({ fetch: demoApp(config).fetch, port: config.demoPort, hostname: config.host }) : undefined;
// The demo is an extra: when its port is taken, say so and serve everything else.
demoServer?.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`[support-kit server] no cross-origin demo page: DEMO_PORT ${config.demoPort} is not available (${error.code ?? error.message}); set DEMO_PORT to a free port, or 0 to turn it off`);
});

const server = createAdaptorServer({ fetch: app.fetch, hostname: config.host, serverOptions: serverOptions(limits) }) as Server;
let lastRefusalLog = -Infinity;
limitConnections(server, limits, trustFunction(trustSetting(config.trustProxy)), () => {
  // One line a minute at most: a client over the cap retries, and the log must not flood.
  if (Date.now() - lastRefusalLog < 60_000) return;
  lastRefusalLog = Date.now();
  console.error(`[support-kit server] refusing connections from a client over MAX_CONNECTIONS_PER_CLIENT (${limits.maxConnectionsPerClient})`);
});
// Before listening, a failure is a failed start (port in use, HOST not here); one line says which setting.
server.once('error', (error) => failedStart(error, config));
server.listen(config.port, config.host, () => {
  const base = serverOrigin(config);
  const demoBase = demoOrigin(config);
  console.log(`support-kit is up:
  Knowledge base   ${base}/pt-br/   ${base}/it/
  Demo pages       ${base}/demo/${demoBase ? `   cross-origin: ${demoBase}/demo/cross-origin/` : ''}
  Widget           ${base}/widget/support-ticket.js
  API              ${base}/api/health
  Staff console    ${base}/console/   (accounts: npm run staff -- add you@example.com --role agent)
  Data             ${postgres ? `PostgreSQL (instance ${postgres.instance()}); attachments in ${config.dataDir}` : config.dataDir}
  Forwarders       ${forwarding.forwarders.map((f) => f.name).join(', ') || 'none (tickets stay in the local database)'}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    demoServer?.close();
    clearInterval(leaseSweeper);
    clientSalts.stop();
    void worker.stop().finally(async () => {
      if (postgres) await postgres.end().catch(() => {});
      else store.close();
      process.exit(0);
    });
  });
}
