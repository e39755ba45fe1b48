/**
 * Several instances on one PostgreSQL database behind a small round-robin proxy, killed with
 * SIGKILL and restarted while a client sends N tickets (every fifth with a small attachment), each
 * under its own fixed Idempotency-Key and retried through the proxy (so on another instance) after
 * an error. Then: the same keys sent to every instance at the same moment; every key asked again of
 * every instance; one client over the ticket limit, spread over the instances. The verdict is read
 * from the database and the webhook receiver: none lost, no duplicate, one answer per key whichever
 * instance gives it, every ticket delivered (by webhook-id), no delivery made twice except those a
 * killed instance held, the limit held once across instances. `npm test` runs a small version
 * (server/src/multi-instance.test.ts), `npm run bench` the full one (bench/crash-safety.ts is the
 * single-instance SQLite version).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { exampleTicket } from '../core/contract/ticket.example.ts';
import type { Ticket } from '../core/contract/ticket.ts';
import { createWebhookStub } from '../server/src/forwarders/webhook-stub.ts';
import { createDatabase, startPostgres } from '../server/src/store/pg-test-cluster.ts';
import { instanceLockSpace } from '../server/src/store/pg-store.ts';
import { freePort, startProcess, stopProcess } from './server-process.ts';
import { seededRandom } from './synthetic-kb.ts';

export interface MultiInstanceOptions {
  instances: number;
  tickets: number;
  /** SIGKILLs, each of a random instance at a random moment of the sending window. */
  kills: number;
  sendSeconds: number;
  /** Keys sent to every instance at the same moment. */
  simultaneousKeys: number;
  /** RATE_LIMIT of every instance: one client sends three times as many tickets through the proxy. */
  rateLimit: number;
  drainTimeoutSeconds: number;
  workDir: string;
  /** A PostgreSQL server to create the database on; default: a throwaway cluster (PG_TEST_URL's server if set). */
  postgresUrl?: string;
  seed?: number;
  log?: (line: string) => void;
}

export interface MultiInstanceFigures {
  instances: number;
  tickets: number;
  kills: number;
  requests: number;
  retries: number;
  /** Tickets never acknowledged within the time limit (must be 0). */
  unacknowledged: number;
  /** Answers other than 201, 409, 429, 5xx and network errors: a bug in the server or the benchmark. */
  rejected: number;
  storedTickets: number;
  /** Tickets beyond one per subject or per key (must be 0). */
  duplicates: number;
  /** Acknowledged numbers the database does not hold under that ticket's subject (must be 0). */
  acknowledgedButMissing: number;
  lostAttachments: number;
  /** Keys sent to every instance at once: 409s while another held the key (then retried), 5xx answers (must be 0), answers that differ. */
  simultaneous: { keys: number; requests: number; conflicts: number; serverErrors: number; differentAnswers: number; duplicates: number };
  /** Every acknowledged key asked again of every instance: answers that differ from the first (must be 0). */
  replays: { asked: number; different: number };
  rateLimit: { limit: number; sent: number; accepted: number; refused: number };
  outbox: {
    drained: boolean;
    drainSeconds: number;
    delivered: number;
    pending: number;
    failed: number;
    webhookRequests: number;
    ticketsDelivered: number;
    /** Tickets the receiver got under more than one webhook-id: two deliveries for one forwarder (must be 0). */
    ticketsWithSeveralWebhookIds: number;
    /** POSTs of a delivery beyond the first, and those a killed instance held the lease of (the only ones allowed). */
    repeatedPosts: number;
    repeatsExcused: number;
  };
}

interface Planned {
  key: string;
  subject: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  hasAttachment: boolean;
  /** The address the client sends from (X-Forwarded-For, believed from the loopback proxy). */
  address: string;
  answer?: string;
  number?: string;
}

function ticketBody(subject: string): Ticket {
  const { attachments: _none, ...ticket } = structuredClone(exampleTicket);
  return { ...ticket, subject, client: { ...ticket.client, startedAt: new Date(Date.now() - 60_000).toISOString() } };
}

/** A PDF of `size` bytes (a comment pads it): sniffed as a PDF and stored as it is, where a random PNG would be refused as unreadable. */
function pdfOfSize(size: number): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%';
  const tail = '\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
}

/** The ticket and one file as multipart/form-data, as the widget sends them (bench/tickets.ts has the same, but reads the built example). */
function multipartBody(ticket: Ticket, file: { name: string; type: string; data: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----support-kit-multi-${randomBytes(8).toString('hex')}`;
  const withMeta: Ticket = { ...ticket, attachments: [{ name: file.name, type: file.type, size: file.data.length }] };
  return {
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ticket"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(withMeta)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** `count` tickets, each from its own address in `network`.0.0.0/8, so that only the limit test's client meets the limit. */
function plan(prefix: string, count: number, attachmentEvery: number, network: number): Planned[] {
  const pdf = pdfOfSize(16 * 1024);
  return Array.from({ length: count }, (_, i) => {
    const subject = `${prefix} ${String(i).padStart(5, '0')}`;
    const address = `${network}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const key = `${prefix.replace(/\W+/g, '-')}-${i}`;
    if (attachmentEvery && i % attachmentEvery === 0) {
      const { body, contentType } = multipartBody(ticketBody(subject), { name: `invoice-${i}.pdf`, type: 'application/pdf', data: pdf });
      return { key, subject, body: new Uint8Array(body), contentType, hasAttachment: true, address };
    }
    return { key, subject, body: new TextEncoder().encode(JSON.stringify(ticketBody(subject))), contentType: 'application/json', hasAttachment: false, address };
  });
}

/** A round-robin proxy in front of the instances: each request to the next one; an instance that is down answers 502. */
function roundRobinProxy(targets: () => number[]): Server {
  let next = 0;
  return createServer((incoming, outgoing) => {
    const ports = targets();
    const port = ports[next++ % ports.length]!;
    const upstream = httpRequest({ host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
      answer.on('error', () => outgoing.destroy());
    });
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('upstream down');
      else outgoing.destroy();
    });
    incoming.pipe(upstream);
  });
}

export async function benchMultiInstance(options: MultiInstanceOptions): Promise<MultiInstanceFigures> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 15);
  const runId = randomBytes(3).toString('hex');
  const cluster = options.postgresUrl ? undefined : await startPostgres({ maxConnections: 300 });
  const database = await createDatabase(options.postgresUrl ?? cluster!.url, 'support_kit_multi');
  const admin = new pg.Pool({ connectionString: database.url, max: 3 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'support-kit-multi-'));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  // The receiver: the project's stub (verifies signatures, processes each webhook-id once); every POST counted by webhook-id.
  const webhookIdsPerTicket = new Map<string, Set<string>>();
  const postsPerDelivery = new Map<string, number>();
  let webhookRequests = 0;
  const stub = createWebhookStub({
    secret, log: () => {}, remember: 1_000_000,
    onEvent: (event, webhookId) => webhookIdsPerTicket.set(event.data.id, (webhookIdsPerTicket.get(event.data.id) ?? new Set()).add(webhookId)),
  });
  stub.on('request', (request: IncomingMessage) => {
    webhookRequests += 1;
    const id = String(request.headers['webhook-id']);
    postsPerDelivery.set(id, (postsPerDelivery.get(id) ?? 0) + 1);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/`;

  const proxyPort = await freePort();
  const proxyOrigin = `http://127.0.0.1:${proxyPort}`;
  const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
  const env = {
    DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', DATA_DIR: dataDir, DEMO_PORT: '0', ALLOWED_ORIGINS: proxyOrigin, TRUST_PROXY: 'loopback',
    RATE_LIMIT: String(options.rateLimit), MIN_FILL_SECONDS: '0', WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET: secret,
  };
  let generation = 0;
  const start = (slot: number) => {
    // The application name tells which advisory lock, so which instance number, is this process's.
    const appName = `support-kit-multi-${slot}-${generation++}`;
    return startProcess({ script: 'server/src/main.ts', port: ports[slot]!, env: { ...env, PGAPPNAME: appName }, logFile: path.join(options.workDir, `multi-instance-${slot}.log`), timeoutMs: 60_000 }).then(
      (proc) => ({ proc, appName }),
    );
  };
  // All at once on the empty database: the migrations take turns under their advisory lock.
  const running = await Promise.all(ports.map((_, slot) => start(slot)));
  log(`multi: ${running.length} instances up`);
  const proxy = roundRobinProxy(() => ports);
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));

  const counters = { requests: 0, retries: 0, rejected: 0 };
  const deadline = Date.now() + (options.sendSeconds + 120) * 1000;

  /** Sends one ticket to `origin` until it is answered for good; the same key and body every time. */
  async function send(origin: string, ticket: Planned, onAnswer?: (status: number) => void): Promise<string | undefined> {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (attempt > 0) {
        counters.retries += 1;
        await sleep(50 + Math.floor(Math.random() * 100));
      }
      counters.requests += 1;
      try {
        const response = await fetch(`${origin}/api/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': ticket.contentType, 'Idempotency-Key': ticket.key, Origin: proxyOrigin, 'X-Forwarded-For': ticket.address },
          body: ticket.body,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        onAnswer?.(response.status);
        if (response.status === 201) return text;
        if (response.status === 429) await sleep(Number(response.headers.get('Retry-After') ?? 1) * 1000);
        if (response.status >= 500 || response.status === 409 || response.status === 429) continue;
        counters.rejected += 1;
        log(`multi: ${ticket.key} rejected with ${response.status}: ${text.slice(0, 200)}`);
        return undefined;
      } catch {
        // Refused or cut off: the instance is down or was killed mid-request. Again, through the proxy: another instance.
      }
    }
    return undefined;
  }
  const record = (ticket: Planned, answer: string | undefined) => {
    if (!answer) return;
    ticket.answer = answer;
    ticket.number = (JSON.parse(answer) as { number: string }).number;
  };

  // Phase 1: the tickets at a steady pace through the proxy, while instances are killed.
  const planned = plan(`Multi ${runId} ticket`, options.tickets, 5, 10);
  const pace = (options.sendSeconds * 1000) / planned.length;
  const sendStarted = Date.now();
  const sending = Promise.all(planned.map(async (ticket, i) => {
    await sleep(i * pace);
    record(ticket, await send(proxyOrigin, ticket));
  }));
  /** Deliveries a killed instance held the lease of: the receiver may see these twice. */
  const excused = new Map<string, number>();
  let kills = 0;
  const killing = (async () => {
    const share = (options.sendSeconds * 1000) / (options.kills + 1);
    for (let k = 0; k < options.kills; k++) {
      await sleep(Math.max(0, sendStarted + share * (k + 0.5 + random()) - Date.now()));
      // Each instance in turn, so with several kills per instance every one dies several times.
      const slot = k % running.length;
      const { proc, appName } = running[slot]!;
      // Stopped first, so the leases it holds can be read before anyone frees them; then killed, as a crash.
      proc.child.kill('SIGSTOP');
      await sleep(100);
      const { rows } = await admin.query<{ id: string }>(
        `SELECT d.id FROM deliveries d WHERE d.state = 'pending' AND d.lease_owner IN (
           SELECT l.objid::bigint FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.classid = ${instanceLockSpace}::oid AND l.objsubid = 2 AND a.application_name = $1)`,
        [appName],
      );
      for (const { id } of rows) excused.set(id, (excused.get(id) ?? 0) + 1);
      proc.child.kill('SIGKILL');
      await proc.exited;
      kills += 1;
      running[slot] = await start(slot);
      log(`multi: instance ${slot} killed and back`);
    }
  })();
  await Promise.all([sending, killing]);
  log(`multi: ${planned.length} tickets in ${((Date.now() - sendStarted) / 1000).toFixed(1)} s across ${kills} kills`);

  // Phase 2: the same key to every instance at the same moment.
  const twins = plan(`Multi ${runId} simultaneous`, options.simultaneousKeys, 0, 11);
  let conflicts = 0;
  let serverErrors = 0;
  const requestsBefore = counters.requests;
  let differentAnswers = 0;
  await Promise.all(twins.map(async (ticket) => {
    const answers = await Promise.all(running.map(({ proc }) => send(proc.origin, ticket, (status) => {
      if (status === 409) conflicts += 1;
      if (status >= 500) serverErrors += 1;
    })));
    if (new Set(answers).size !== 1 || !answers[0]) differentAnswers += 1;
    record(ticket, answers[0]);
  }));
  const simultaneousRequests = counters.requests - requestsBefore;

  log('multi: simultaneous keys done');
  // Phase 3: every acknowledged key asked again of every instance (from addresses of their own: the answer goes by key, not by address).
  let asked = 0;
  let different = 0;
  for (const ticket of [...planned, ...twins].filter((t) => t.answer)) {
    for (const { proc } of running) {
      asked += 1;
      const again = await send(proc.origin, { ...ticket, address: `13.${(asked >> 16) & 255}.${(asked >> 8) & 255}.${asked & 255}` });
      if (again !== ticket.answer) different += 1;
    }
  }

  log('multi: replays done');
  // Phase 4: one client, three times the limit, round-robin over the instances within one minute.
  const overLimit = plan(`Multi ${runId} limited`, options.rateLimit * 3, 0, 12).map((t) => ({ ...t, address: '198.51.100.7' }));
  let accepted = 0;
  let refused = 0;
  for (const ticket of overLimit) {
    const response = await fetch(`${proxyOrigin}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': ticket.contentType, 'Idempotency-Key': ticket.key, Origin: proxyOrigin, 'X-Forwarded-For': ticket.address },
      body: ticket.body,
    });
    await response.arrayBuffer();
    if (response.status === 201) accepted += 1;
    else if (response.status === 429) refused += 1;
  }

  // The outbox drains (bounded): a killed instance's deliveries are freed by the others within seconds.
  const outboxState = async () => {
    const { rows } = await admin.query<Record<string, number>>(`SELECT COUNT(*) FILTER (WHERE state = 'delivered')::int AS delivered,
      COUNT(*) FILTER (WHERE state = 'pending')::int AS pending, COUNT(*) FILTER (WHERE state = 'failed')::int AS failed FROM deliveries`);
    return rows[0]!;
  };
  const drainStarted = Date.now();
  let state = await outboxState();
  while (state.pending! > 0 && Date.now() < drainStarted + options.drainTimeoutSeconds * 1000) {
    await sleep(250);
    state = await outboxState();
  }
  const drainSeconds = (Date.now() - drainStarted) / 1000;

  // The verdict, from the database.
  const count = async (sql: string, values: unknown[] = []) => Number((await admin.query<{ n: number }>(sql, values)).rows[0]?.n);
  const prefix = `Multi ${runId} %`;
  const storedTickets = await count('SELECT COUNT(*)::int AS n FROM tickets WHERE subject LIKE $1', [prefix]);
  const distinctSubjects = await count('SELECT COUNT(DISTINCT subject)::int AS n FROM tickets WHERE subject LIKE $1', [prefix]);
  const distinctKeys = await count('SELECT COUNT(DISTINCT i.key)::int AS n FROM idempotency i JOIN tickets t ON t.id = i.ticket_id WHERE t.subject LIKE $1', [prefix]);
  const bySubject = new Map(
    (await admin.query<{ number: string; subject: string; files: number }>(
      'SELECT number, subject, (SELECT COUNT(*)::int FROM attachments a WHERE a.ticket_id = t.id) AS files FROM tickets t WHERE subject LIKE $1', [prefix],
    )).rows.map((row) => [row.subject, row]),
  );
  const files = (await admin.query<{ path: string; size: string }>('SELECT path, size FROM attachments')).rows;
  const storedIds = new Set((await admin.query<{ id: string }>('SELECT id FROM tickets')).rows.map((r) => r.id));
  const brokenRows = files.filter((row) => !existsSync(row.path) || statSync(row.path).size !== Number(row.size)).length;
  const missingFiles = planned.filter((t) => t.hasAttachment && (bySubject.get(t.subject)?.files ?? 0) !== 1).length;
  const acknowledged = [...planned, ...twins, ...overLimit].filter((t) => t.number);
  let repeatedPosts = 0;
  let repeatsExcused = 0;
  for (const [id, posts] of postsPerDelivery) {
    repeatedPosts += posts - 1;
    repeatsExcused += Math.min(posts - 1, excused.get(id) ?? 0);
  }
  const storedTwins = await count('SELECT COUNT(*)::int AS n FROM tickets WHERE subject LIKE $1', [`Multi ${runId} simultaneous %`]);

  proxy.close();
  await Promise.all(running.map(({ proc }) => stopProcess(proc)));
  await new Promise((resolve) => stub.close(resolve));
  await admin.end();
  await database.drop();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });

  return {
    instances: options.instances,
    tickets: planned.length,
    kills,
    requests: counters.requests,
    retries: counters.retries,
    unacknowledged: [...planned, ...twins].filter((t) => !t.number).length,
    rejected: counters.rejected,
    storedTickets,
    duplicates: storedTickets - Math.min(distinctSubjects, distinctKeys),
    acknowledgedButMissing: acknowledged.filter((t) => bySubject.get(t.subject)?.number !== t.number).length,
    lostAttachments: brokenRows + missingFiles,
    simultaneous: {
      keys: twins.length,
      requests: simultaneousRequests,
      conflicts,
      serverErrors,
      differentAnswers,
      duplicates: Math.max(0, storedTwins - twins.length),
    },
    replays: { asked, different },
    rateLimit: { limit: options.rateLimit, sent: overLimit.length, accepted, refused },
    outbox: {
      drained: state.pending === 0,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      delivered: state.delivered ?? 0,
      pending: state.pending ?? 0,
      failed: state.failed ?? 0,
      webhookRequests,
      ticketsDelivered: [...webhookIdsPerTicket.keys()].filter((id) => storedIds.has(id)).length,
      ticketsWithSeveralWebhookIds: [...webhookIdsPerTicket.values()].filter((ids) => ids.size > 1).length,
      repeatedPosts,
      repeatsExcused,
    },
  };
}
