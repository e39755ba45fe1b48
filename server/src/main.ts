/**
 * `node server/src/main.ts`: the reference backend on one machine: the knowledge base, the widget,
 * the API, the demo pages, the outbox worker that forwards tickets, and daily retention cleanup.
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
import { SupportConfigError } from '../../core/node/load-support-config.ts';
import { buildForwarders } from './forwarding.ts';
import { ForwarderConfigError } from './forwarders/registry.ts';
import { loadServerSecret } from './intake/ticket-token.ts';
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
  const line = config && describeStartupFailure(error, { dataDir: config.dataDir, port: config.port, host: config.host, freeBytes: freeBytes(config.dataDir) });
  if (line) stop(line);
  throw error;
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
    const limits = config.connections;
    mkdirSync(path.join(config.dataDir, 'attachments'), { recursive: true });
    const secret = loadServerSecret(config.dataDir, config.serverSecret);
    return { config, limits, secret, forwarding: buildForwarders(process.env, config, secret) };
  } catch (error) {
    return failedStart(error, config);
  }
}
const { config, limits, secret, forwarding } = startupSettings();

let store: Store;
try {
  store = openSqliteStore(path.join(config.dataDir, 'support-kit.sqlite'));
  // Deliveries a killed process had claimed would otherwise wait out their lease before a retry.
  await store.releaseLeases();
} catch (error) {
  failedStart(error, config);
}

let wakeOutbox = () => {};
const app = createApp({
  onTicketCreated: () => wakeOutbox(),
  wakeOutbox: () => wakeOutbox(),
  config,
  store,
  forwarders: forwarding.forwarders.map((f) => f.name),
  ticketSecret: secret,
});

const worker = forwarding.worker(store);
worker.start(2_000);
wakeOutbox = () => worker.wake();

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
  Data             ${config.dataDir}
  Forwarders       ${forwarding.forwarders.map((f) => f.name).join(', ') || 'none (tickets stay in the local database)'}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    demoServer?.close();
    void worker.stop().finally(() => {
      store.close();
      process.exit(0);
    });
  });
}
