/**
 * Crash safety: N tickets (every fifth with a small attachment) from a client that retries each
 * with its own fixed Idempotency-Key, while the server is killed with SIGKILL and restarted at
 * random moments. Afterwards, read-only from the SQLite file: exactly N tickets, no duplicates, no
 * attachment row without its file (at its size); and a local Standard Webhooks receiver saw every
 * ticket once after de-duplicating by `webhook-id`, once the outbox drained.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhookStub } from '../server/src/forwarders/webhook-stub.ts';
import { seededRandom } from './synthetic-kb.ts';
import { freePort, startProcess, type RunningProcess } from './server-process.ts';
import { multipartBody, pngOfSize, sampleTicket } from './tickets.ts';

export interface CrashFigures {
  tickets: number;
  kills: number;
  /** Longest time from a SIGKILL until the restarted server answered /api/health. */
  longestDowntimeSeconds: number;
  /** Tickets the client sent with an attachment. */
  withAttachment: number;
  /** Requests the client made in all (first tries and retries). */
  requests: number;
  retries: number;
  /** Answers that were replays of an earlier success (`Idempotent-Replayed`). */
  replays: number;
  /** Tickets the client never got a success for within the time limit (must be 0). */
  unacknowledged: number;
  /** Client errors (4xx other than 409) that stop a ticket: a bug in the server or the benchmark. */
  rejected: number;
  storedTickets: number;
  /** Stored tickets beyond one per subject or per idempotency key. */
  duplicates: number;
  /** Tickets acknowledged with a number the database does not hold under that subject. */
  acknowledgedButMissing: number;
  attachmentRows: number;
  /** Attachment rows whose file is missing or has another size, plus tickets sent with an attachment stored without one. */
  lostAttachments: number;
  /** Files in the attachments folder no row points at (uploads cut off by a kill; removed by the hourly clean-up). */
  orphanFiles: number;
  outbox: {
    delivered: number;
    pending: number;
    failed: number;
    /** Pending deliveries claimed by a server that was then killed: no one retries them until their lease (5 min) runs out. */
    leasedByKilledProcess: number;
    /** POSTs the webhook receiver got, duplicates included. */
    webhookRequests: number;
    /** Distinct webhook-ids, i.e. what the receiver processed after de-duplication. */
    webhookIdsSeen: number;
    /** Tickets the receiver got at least once. */
    ticketsDelivered: number;
    /** Tickets that reached the receiver under more than one webhook-id (it could not de-duplicate them; must be 0). */
    ticketsWithSeveralWebhookIds: number;
    /** Seconds from the last acknowledged ticket until the outbox was empty (or the wait gave up). */
    drainSeconds: number;
    drained: boolean;
  };
}

interface PlannedTicket {
  key: string;
  subject: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  hasAttachment: boolean;
  number?: string;
}

function planTickets(count: number): PlannedTicket[] {
  const runId = randomBytes(4).toString('hex');
  const attachment = pngOfSize(32 * 1024);
  return Array.from({ length: count }, (_, i) => {
    const subject = `Crash test ${runId} ticket ${String(i).padStart(5, '0')}`;
    const ticket = sampleTicket({ subject });
    const hasAttachment = i % 5 === 0;
    if (hasAttachment) {
      const { body, contentType } = multipartBody(ticket, [{ name: `screenshot-${i}.png`, type: 'image/png', data: attachment }], `----crash-${runId}-${i}`);
      return { key: `crash-${runId}-${i}`, subject, body: new Uint8Array(body), contentType, hasAttachment };
    }
    return { key: `crash-${runId}-${i}`, subject, body: new TextEncoder().encode(JSON.stringify(ticket)), contentType: 'application/json', hasAttachment };
  });
}

export interface CrashOptions {
  tickets: number;
  kills: number;
  /** Seconds over which the client spreads the tickets (the kills fall inside this window). */
  sendSeconds: number;
  /** Longest wait for the outbox to drain after the last ticket. */
  drainTimeoutSeconds: number;
  workDir: string;
  seed?: number;
  log?: (line: string) => void;
}

export async function benchCrashSafety(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 42);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'support-kit-bench-crash-'));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  // The receiver: the project's own stub (verifies signatures, de-duplicates by webhook-id).
  const ticketsSeen = new Map<string, number>();
  let webhookRequests = 0;
  const stub = createWebhookStub({ secret, log: () => {}, remember: 1_000_000, onEvent: (event) => ticketsSeen.set(event.data.id, (ticketsSeen.get(event.data.id) ?? 0) + 1) });
  stub.on('request', () => (webhookRequests += 1));
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/`;

  const port = await freePort();
  const env = { DATA_DIR: dataDir, RATE_LIMIT: '100000000', VOTE_LIMIT: '100000000', EVENT_LIMIT: '100000000', MIN_FILL_SECONDS: '0', WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET: secret };
  const logFile = path.join(options.workDir, 'server-crash.log');
  const start = () => startProcess({ script: 'server/src/main.ts', port, env, logFile });
  let server: RunningProcess = await start();
  const origin = server.origin;

  const planned = planTickets(options.tickets);
  const counters = { requests: 0, retries: 0, replays: 0, rejected: 0 };
  const deadline = Date.now() + (options.sendSeconds + 120) * 1000;

  /** One ticket until it is acknowledged: the same key and body on every try. */
  async function send(ticket: PlannedTicket): Promise<void> {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (attempt > 0) {
        counters.retries += 1;
        await sleep(50 + Math.floor(Math.random() * 100));
      }
      counters.requests += 1;
      try {
        const response = await fetch(`${origin}/api/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': ticket.contentType, 'Idempotency-Key': ticket.key, Origin: origin },
          body: ticket.body,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        if (response.status === 201 || response.status === 200) {
          if (response.headers.get('Idempotent-Replayed')) counters.replays += 1;
          ticket.number = (JSON.parse(text) as { number: string }).number;
          return;
        }
        if (response.status >= 500 || response.status === 409) continue;
        // Over the per-address connection cap (every simulated customer shares this address): wait
        // as asked, as the widget does, and send the same ticket again.
        if (response.status === 429) {
          await sleep(Math.min(Number(response.headers.get('Retry-After') ?? 1), 10) * 1000);
          continue;
        }
        counters.rejected += 1;
        log(`crash: ticket ${ticket.key} rejected with ${response.status}: ${text.slice(0, 200)}`);
        return;
      } catch {
        // Connection refused or reset: the server is down or was killed mid-request. Try again.
      }
    }
  }

  // The client: tickets start at a steady pace over the window, each retried on its own.
  const pace = (options.sendSeconds * 1000) / planned.length;
  const sendStarted = Date.now();
  const sending = Promise.all(
    planned.map(async (ticket, i) => {
      await sleep(i * pace);
      await send(ticket);
    }),
  );

  // The killer: waits until the server answers, then a random moment within its share of the window.
  let kills = 0;
  const downtimes: number[] = [];
  const killing = (async () => {
    const share = (options.sendSeconds * 1000) / (options.kills + 1);
    for (let k = 0; k < options.kills; k++) {
      const at = sendStarted + share * (k + 0.5 + random());
      await sleep(Math.max(0, at - Date.now()));
      const killedAt = performance.now();
      server.child.kill('SIGKILL');
      await server.exited;
      kills += 1;
      await sleep(random() * 200);
      server = await start();
      downtimes.push((performance.now() - killedAt) / 1000);
    }
  })();

  await Promise.all([sending, killing]);
  const lastAck = Date.now();
  log(`crash: ${planned.length} tickets sent in ${((lastAck - sendStarted) / 1000).toFixed(1)} s across ${kills} kills; waiting for the outbox`);

  // Wait (bounded) until every delivery is out.
  const dbFile = path.join(dataDir, 'support-kit.sqlite');
  const outboxState = () => {
    const db = new DatabaseSync(dbFile, { readOnly: true });
    try {
      return db
        .prepare(`SELECT SUM(state = 'delivered') AS delivered, SUM(state = 'pending') AS pending, SUM(state = 'failed') AS failed,
          SUM(state = 'pending' AND lease_until > ?) AS leased FROM deliveries`)
        .get(new Date().toISOString()) as Record<string, number>;
    } finally {
      db.close();
    }
  };
  let state = outboxState();
  const drainDeadline = Date.now() + options.drainTimeoutSeconds * 1000;
  while ((state.pending ?? 0) > 0 && Date.now() < drainDeadline) {
    await sleep(500);
    state = outboxState();
  }
  const drained = (state.pending ?? 0) === 0;
  const drainSeconds = (Date.now() - lastAck) / 1000;
  server.child.kill('SIGTERM');
  await server.exited;
  await new Promise((resolve) => stub.close(resolve));

  // The verdict, from the database file alone.
  const db = new DatabaseSync(dbFile, { readOnly: true });
  const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
  const storedTickets = count('SELECT COUNT(*) AS n FROM tickets');
  const distinctSubjects = count(`SELECT COUNT(DISTINCT json_extract(data, '$.subject')) AS n FROM tickets`);
  const distinctKeys = count('SELECT COUNT(DISTINCT key) AS n FROM idempotency WHERE ticket_id IS NOT NULL');
  const bySubject = new Map(
    (db.prepare(`SELECT number, json_extract(data, '$.subject') AS subject, (SELECT COUNT(*) FROM attachments a WHERE a.ticket_id = t.id) AS files FROM tickets t`).all() as {
      number: string;
      subject: string;
      files: number;
    }[]).map((row) => [row.subject, row]),
  );
  const rows = db.prepare('SELECT path, size FROM attachments').all() as { path: string; size: number }[];
  const storedIds = new Set((db.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((row) => row.id));
  db.close();
  const brokenRows = rows.filter((row) => !existsSync(row.path) || statSync(row.path).size !== Number(row.size)).length;
  const missingFiles = planned.filter((t) => t.hasAttachment && (bySubject.get(t.subject)?.files ?? 0) !== 1).length;
  const known = new Set(rows.map((row) => row.path));
  const attachmentsDir = path.join(dataDir, 'attachments');
  const orphanFiles = readdirSync(attachmentsDir).filter((name) => !known.has(path.join(attachmentsDir, name))).length;
  rmSync(dataDir, { recursive: true, force: true });

  return {
    tickets: planned.length,
    kills,
    longestDowntimeSeconds: Math.round(Math.max(0, ...downtimes) * 100) / 100,
    withAttachment: planned.filter((t) => t.hasAttachment).length,
    requests: counters.requests,
    retries: counters.retries,
    replays: counters.replays,
    unacknowledged: planned.filter((t) => !t.number).length,
    rejected: counters.rejected,
    storedTickets,
    duplicates: storedTickets - Math.min(distinctSubjects, distinctKeys),
    acknowledgedButMissing: planned.filter((t) => t.number && bySubject.get(t.subject)?.number !== t.number).length,
    attachmentRows: rows.length,
    lostAttachments: brokenRows + missingFiles,
    orphanFiles,
    outbox: {
      delivered: state.delivered ?? 0,
      pending: state.pending ?? 0,
      failed: state.failed ?? 0,
      leasedByKilledProcess: state.leased ?? 0,
      webhookRequests,
      webhookIdsSeen: [...ticketsSeen.values()].reduce((sum, n) => sum + n, 0),
      ticketsDelivered: [...ticketsSeen.keys()].filter((id) => storedIds.has(id)).length,
      ticketsWithSeveralWebhookIds: [...ticketsSeen.values()].filter((n) => n > 1).length,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      drained,
    },
  };
}
