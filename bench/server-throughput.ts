/**
 * Server figures: tickets per second accepted (JSON, and multipart with a 1 MB attachment) with
 * p50/p99 latency, against the real server as production runs it (`npm run serve`: server/dist)
 * and against the bare intake (the ratio), votes per
 * second, and resident memory: under load and during 20 concurrent uploads at the per-file cap.
 * Load comes from autocannon on loopback; every ticket carries a fresh Idempotency-Key.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuMsOf, freePort, memoryOf, productionServer, sampleMemory, startProcess, stopProcess, type RunningProcess } from './server-process.ts';
import { createDatabase, startPostgres } from '../server/src/store/pg-test-cluster.ts';
import { multipartBody, pngOfSize, sampleTicket } from './tickets.ts';

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface AutocannonOptions extends AutocannonRequest {
  url: string;
  connections: number;
  duration: number;
  requests?: { setupRequest?: (request: AutocannonRequest) => AutocannonRequest; onResponse?: (status: number) => void }[];
}
interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

export interface LoadFigure {
  /** Answers with 2xx per second over the run. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  /** Anything but 2xx, plus connection errors and timeouts: must be 0 for the figure to count. */
  failed: number;
  /** How many answers had each status. */
  statuses: Record<number, number>;
  /** Highest VmRSS sampled during the run, bytes. */
  peakRssBytes: number;
  /** The server's CPU time per 2xx answer, ms: what a busy machine distorts least. */
  cpuMsPerOk: number;
}

export interface ServerFigures {
  connections: number;
  seconds: number;
  real: { json: LoadFigure; attachment1mb: LoadFigure; votes: LoadFigure };
  bare: { json: LoadFigure; attachment1mb: LoadFigure };
  /** real / bare tickets per second. */
  ratio: { json: number; attachment1mb: number };
  /**
   * The same JSON load on PostgreSQL (a local throwaway cluster, fsync on): one instance, then two
   * side by side with the connections split between them (tickets/s summed, the slower p50/p99).
   */
  postgres?: { one: LoadFigure; two: LoadFigure; instances2: number } | { error: string };
  rss: {
    /** The real server right after start, bytes. */
    idleBytes: number;
    /** VmHWM of the real server after all the load above. */
    afterLoadPeakBytes: number;
    /** VmHWM of a fresh server that received 20 concurrent 1 MB uploads. */
    uploads20x1mbPeakBytes: number;
    /** VmHWM of a fresh server that received 20 concurrent uploads at the per-file cap. */
    uploads20xCapPeakBytes: number;
    capBytes: number;
    uploadsAccepted: number;
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function load(proc: RunningProcess, request: AutocannonRequest & { fresh?: 'key' | 'voter' }, seconds: number, connections: number): Promise<LoadFigure> {
  const { fresh, ...base } = request;
  const memory = sampleMemory(proc.pid);
  const cpuBefore = cpuMsOf(proc.pid);
  const statuses = new Map<number, number>();
  const result = await autocannon({
    // autocannon takes the path from the URL (its `path` option is overridden by it).
    url: proc.origin + (base.path ?? '/'),
    connections,
    duration: seconds,
    ...base,
    // A setupRequest on the request (not on the options) runs for every request sent.
    requests: [
      {
        setupRequest: (req) => {
          if (fresh === 'key') return { ...req, headers: { ...req.headers, 'Idempotency-Key': randomUUID() } };
          if (fresh === 'voter') return { ...req, body: JSON.stringify({ articleId: 'wordpress-slow', lang: 'pt-BR', helpful: Math.random() < 0.7, voterId: randomUUID() }) };
          return req;
        },
        onResponse: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1),
      },
    ],
  });
  const { maxRss } = memory.stop();
  const cpuMs = cpuMsOf(proc.pid) - cpuBefore;
  return {
    perSecond: round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: Object.fromEntries(statuses),
    peakRssBytes: maxRss,
    cpuMsPerOk: round(cpuMs / Math.max(1, result['2xx']), 3),
  };
}

/** Starts `count` uploads of `bytes` each at once and waits for all of them; answers how many got 201. */
async function concurrentUploads(origin: string, count: number, size: number): Promise<number> {
  const file = pngOfSize(size);
  const { body: multipart, contentType } = multipartBody(sampleTicket(), [{ name: 'screenshot.png', type: 'image/png', data: file }]);
  const body = new Uint8Array(multipart); // fetch wants an ArrayBuffer-backed view
  const results = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${origin}/api/tickets`, { method: 'POST', headers: { 'Content-Type': contentType, 'Idempotency-Key': randomUUID(), Origin: origin }, body }).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      ),
    ),
  );
  return results.filter((s) => s === 201).length;
}

export interface ServerBenchOptions {
  seconds: number;
  connections?: number;
  /** Where logs (and CPU profiles, with `profileDir`) go. */
  workDir: string;
  /** Write a V8 CPU profile of the real server's load run here. */
  profileDir?: string;
  log?: (line: string) => void;
}

export async function benchServer(options: ServerBenchOptions): Promise<ServerFigures> {
  const { seconds, workDir } = options;
  const connections = options.connections ?? 10;
  const log = options.log ?? (() => {});
  const serverEnv = (dataDir: string) => ({ DATA_DIR: dataDir, RATE_LIMIT: '100000000', VOTE_LIMIT: '100000000', EVENT_LIMIT: '100000000', MIN_FILL_SECONDS: '0' });
  const fresh = () => mkdtempSync(path.join(tmpdir(), 'support-kit-bench-data-'));
  const json = JSON.stringify(sampleTicket());
  const upload = multipartBody(sampleTicket(), [{ name: 'screenshot.png', type: 'image/png', data: pngOfSize(1024 * 1024) }]);

  const scenarios = (origin: string) => ({
    json: { method: 'POST', path: '/api/tickets', headers: { 'Content-Type': 'application/json', Origin: origin }, body: json, fresh: 'key' as const },
    attachment: { method: 'POST', path: '/api/tickets', headers: { 'Content-Type': upload.contentType, Origin: origin }, body: upload.body, fresh: 'key' as const },
    votes: { method: 'POST', path: '/api/votes', headers: { 'Content-Type': 'application/json', Origin: origin }, body: '{}', fresh: 'voter' as const },
  });

  // Both servers run side by side; the loads alternate, JSON first, so that the gigabytes the
  // attachment runs write (and the kernel's writeback that follows) do not slow the JSON runs.
  const realDir = fresh();
  const bareDir = fresh();
  const production = productionServer();
  const real = await startProcess({
    ...production,
    port: await freePort(),
    env: serverEnv(realDir),
    logFile: path.join(workDir, 'server-throughput.log'),
    ...(options.profileDir ? { nodeArgs: [...production.nodeArgs, '--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] } : {}),
  });
  const bare = await startProcess({ script: 'bench/bare-intake.ts', port: await freePort(), env: { DATA_DIR: bareDir }, readyPath: '/health', logFile: path.join(workDir, 'bare-intake.log') });
  const idleBytes = memoryOf(real.pid)?.rss ?? NaN;
  const r = scenarios(real.origin);
  const b = scenarios(bare.origin);
  // Before each measured run: dirty pages flushed, so earlier writes do not throttle this run.
  const settle = () => execFileSync('sync');
  await load(real, r.json, 1, connections); // warm-up: JIT, SQLite page cache
  await load(bare, b.json, 1, connections);
  settle();
  log(`server: real JSON tickets for ${seconds} s`);
  const realJson = await load(real, r.json, seconds, connections);
  settle();
  log(`server: bare JSON tickets for ${seconds} s`);
  const bareJson = await load(bare, b.json, seconds, connections);
  settle();
  log(`server: votes for ${seconds} s`);
  const votes = await load(real, r.votes, seconds, connections);
  settle();
  log(`server: real 1 MB attachments for ${seconds} s`);
  const realAttachment = await load(real, r.attachment, seconds, connections);
  settle();
  log(`server: bare 1 MB uploads for ${seconds} s`);
  const bareAttachment = await load(bare, b.attachment, seconds, connections);
  const afterLoadPeakBytes = memoryOf(real.pid)?.peak ?? NaN;
  const postgres = await postgresLoads({ seconds, connections, workDir, json, log, settle, serverEnv, fresh }).catch((error: unknown) => ({ error: (error as Error).message.split('\n')[0]! }));
  await Promise.all([stopProcess(real), stopProcess(bare)]);
  rmSync(realDir, { recursive: true, force: true });
  rmSync(bareDir, { recursive: true, force: true });
  settle();

  // Memory during 20 concurrent uploads, small and at the cap: a fresh server each, so VmHWM is that test's peak.
  const capBytes = 10 * 1024 * 1024;
  const uploadPeak = async (bytes: number) => {
    const dir = fresh();
    const proc = await startProcess({ ...productionServer(), port: await freePort(), env: serverEnv(dir), logFile: path.join(workDir, 'server-uploads.log') });
    const accepted = await concurrentUploads(proc.origin, 20, bytes);
    const peak = memoryOf(proc.pid)?.peak ?? NaN;
    await stopProcess(proc);
    rmSync(dir, { recursive: true, force: true });
    return { accepted, peak };
  };
  log('server: 20 concurrent uploads of 1 MB, then of 10 MB');
  const small = await uploadPeak(1024 * 1024);
  const atCap = await uploadPeak(capBytes);

  return {
    connections,
    seconds,
    real: { json: realJson, attachment1mb: realAttachment, votes },
    bare: { json: bareJson, attachment1mb: bareAttachment },
    ratio: { json: round(realJson.perSecond / bareJson.perSecond, 3), attachment1mb: round(realAttachment.perSecond / bareAttachment.perSecond, 3) },
    postgres,
    rss: {
      idleBytes,
      afterLoadPeakBytes,
      uploads20x1mbPeakBytes: small.peak,
      uploads20xCapPeakBytes: atCap.peak,
      capBytes,
      uploadsAccepted: small.accepted + atCap.accepted,
    },
  };
}

/** Tickets/s on PostgreSQL: one instance, then two on the same database with the load split between them. */
async function postgresLoads(options: {
  seconds: number; connections: number; workDir: string; json: string; log: (line: string) => void; settle: () => void;
  serverEnv: (dataDir: string) => Record<string, string>; fresh: () => string;
}): Promise<{ one: LoadFigure; two: LoadFigure; instances2: number }> {
  const { seconds, connections, json, log } = options;
  const cluster = await startPostgres({ durable: true });
  const dataDir = options.fresh();
  const instances: RunningProcess[] = [];
  try {
    const database = await createDatabase(cluster.url, 'support_kit_bench');
    const start = async () => {
      const proc = await startProcess({
        ...productionServer(), port: await freePort(), env: { ...options.serverEnv(dataDir), DATABASE_URL: database.url, DEMO_PORT: '0' },
        logFile: path.join(options.workDir, 'server-postgres.log'),
      });
      instances.push(proc);
      return proc;
    };
    const request = (proc: RunningProcess) => ({ method: 'POST', path: '/api/tickets', headers: { 'Content-Type': 'application/json', Origin: proc.origin }, body: json, fresh: 'key' as const });
    const first = await start();
    await load(first, request(first), 1, connections); // warm-up
    options.settle();
    log(`server: PostgreSQL, one instance, JSON tickets for ${seconds} s`);
    const one = await load(first, request(first), seconds, connections);
    const second = await start();
    await load(second, request(second), 1, Math.ceil(connections / 2));
    options.settle();
    log(`server: PostgreSQL, two instances, JSON tickets for ${seconds} s`);
    const halves = await Promise.all([first, second].map((proc) => load(proc, request(proc), seconds, Math.ceil(connections / 2))));
    const two: LoadFigure = {
      perSecond: round(halves.reduce((sum, h) => sum + h.perSecond, 0)),
      p50Ms: Math.max(...halves.map((h) => h.p50Ms)),
      p99Ms: Math.max(...halves.map((h) => h.p99Ms)),
      ok: halves.reduce((sum, h) => sum + h.ok, 0),
      failed: halves.reduce((sum, h) => sum + h.failed, 0),
      statuses: Object.fromEntries(Object.entries(halves[0]!.statuses).map(([status, n]) => [status, n + (halves[1]!.statuses[Number(status)] ?? 0)])),
      peakRssBytes: Math.max(...halves.map((h) => h.peakRssBytes)),
      cpuMsPerOk: round(halves.reduce((sum, h) => sum + h.cpuMsPerOk * h.ok, 0) / Math.max(1, halves.reduce((sum, h) => sum + h.ok, 0)), 3),
    };
    return { one, two, instances2: 2 };
  } finally {
    await Promise.all(instances.map((proc) => stopProcess(proc)));
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
