/**
 * `node server/src/main.ts`: the reference backend on one machine: the knowledge base, the widget,
 * the API, the demo pages, the outbox worker that forwards tickets, and daily retention cleanup.
 */
import { serve, type HttpBindings } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, demoOrigin, loadConfig, serverOrigin } from './config.ts';
import { createApp } from './app.ts';
import { demoApp } from './routes/demo.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import { SupportConfigError } from '../../core/node/load-support-config.ts';
import { buildForwarders } from './forwarding.ts';
import { ForwarderConfigError } from './forwarders/registry.ts';
import { loadServerSecret } from './intake/ticket-token.ts';

function startupSettings() {
  try {
    const config = loadConfig();
    mkdirSync(path.join(config.dataDir, 'attachments'), { recursive: true });
    const secret = loadServerSecret(config.dataDir);
    return { config, secret, forwarding: buildForwarders(process.env, config, secret) };
  } catch (error) {
    // A wrong setting stops the server with a message that names it, not a stack trace.
    if (error instanceof ConfigError || error instanceof SupportConfigError || error instanceof ForwarderConfigError || /^SMTP_/.test((error as Error).message)) {
      console.error(`[support-kit server] ${(error as Error).message}`);
      process.exit(1);
    }
    throw error;
  }
}
const { config, secret, forwarding } = startupSettings();

const store = openSqliteStore(path.join(config.dataDir, 'support-kit.sqlite'));
let wakeOutbox = () => {};
const app = createApp({
  onTicketCreated: () => wakeOutbox(),
  config,
  store,
  forwarders: forwarding.forwarders.map((f) => f.name),
  ticketSecret: secret,
  remoteAddress: (env) => (env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress,
});

// Deliveries a killed process had claimed would otherwise wait out their lease before a retry.
await store.releaseLeases();
const worker = forwarding.worker(store);
worker.start(2_000);
wakeOutbox = () => worker.wake();

/** Retention: delete old tickets and their files, and uploads that never became a ticket. */
async function cleanUp(): Promise<void> {
  const cutoff = new Date(Date.now() - config.retentionDays * 24 * 60 * 60 * 1000);
  for (const file of await store.purgeTicketsBefore(cutoff)) await rm(file, { force: true });
  const known = await store.attachmentPaths();
  const dir = path.join(config.dataDir, 'attachments');
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (!known.has(file) && Date.now() - (await stat(file)).mtimeMs > 60 * 60 * 1000) await rm(file, { force: true });
  }
}
await cleanUp();
const cleaner = setInterval(() => void cleanUp().catch((e) => console.error('[support-kit server] clean-up failed', e)), 24 * 60 * 60 * 1000);
cleaner.unref();

// The cross-origin demo page gets an origin of its own: another port on the same host.
const demoServer = config.demoPort ? serve({ fetch: demoApp(config).fetch, port: config.demoPort, hostname: config.host }) : undefined;
// The demo is an extra: when its port is taken, say so and serve everything else.
demoServer?.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`[support-kit server] no cross-origin demo page: DEMO_PORT ${config.demoPort} is not available (${error.code ?? error.message}); set DEMO_PORT to a free port, or 0 to turn it off`);
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
  const base = serverOrigin(config);
  const demoBase = demoOrigin(config);
  console.log(`support-kit is up:
  Knowledge base   ${base}/pt-br/   ${base}/it/
  Demo pages       ${base}/demo/${demoBase ? `   cross-origin: ${demoBase}/demo/cross-origin/` : ''}
  Widget           ${base}/widget/support-ticket.js
  API              ${base}/api/health
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
