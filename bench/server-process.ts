/**
 * Child processes the benchmarks drive: the real server (`server/src/main.ts`) or the bare intake,
 * on a free loopback port with a temporary data folder; waiting until they answer; memory sampling
 * from /proc; SIGKILL for the crash test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * The server as production starts it: `npm run serve`'s command, the compiled JavaScript in
 * server/dist with its Node flags, so that the figures are those of what operators run.
 */
export function productionServer(): { script: string; nodeArgs: string[] } {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [node, ...args] = (scripts.serve ?? '').trim().split(/\s+/);
  const script = args.pop();
  if (node !== 'node' || !script) throw new Error(`npm run serve is not "node [flags] <script>": ${scripts.serve}`);
  return { script, nodeArgs: args };
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  origin: string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
}

export interface StartOptions {
  script: string;
  port: number;
  env?: Record<string, string>;
  /** File that receives the child's stdout and stderr (appended). */
  logFile: string;
  /** Path answered with 2xx once the process is ready. */
  readyPath?: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Starts a Node script (with this Node, 24+) and waits until `readyPath` answers. */
export async function startProcess(options: StartOptions): Promise<RunningProcess> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(options.port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  void exited.then(() => log.end());
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${options.script} exited before it was ready; see ${options.logFile}`);
    try {
      const response = await fetch(origin + (options.readyPath ?? '/api/health'), { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.script} did not answer within ${options.timeoutMs ?? 30_000} ms; see ${options.logFile}`);
    }
    await sleep(25);
  }
  return { child, pid: child.pid!, port: options.port, origin, exited };
}

/** Stops a process: SIGTERM (the server closes its database), SIGKILL after `graceMs`. */
export async function stopProcess(proc: RunningProcess, graceMs = 5000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Resident memory of a process from /proc: current (VmRSS) and peak since it started (VmHWM), in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * CPU time the process has used so far (user + system, from /proc/<pid>/stat, in clock ticks of
 * 10 ms, Linux's USER_HZ), in milliseconds. A busy machine slows a server's answers but hardly its
 * CPU time per request: the figure to compare when others share the cores.
 */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Samples VmRSS every `everyMs` until stopped; answers the highest sample and the process's VmHWM at the end. */
export function sampleMemory(pid: number, everyMs = 50): { stop(): { maxRss: number; hwm: number } } {
  let maxRss = memoryOf(pid)?.rss ?? 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m && m.rss > maxRss) maxRss = m.rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const m = memoryOf(pid);
      return { maxRss: Math.max(maxRss, m?.rss ?? 0), hwm: m?.peak ?? NaN };
    },
  };
}
