/**
 * `npm run bench [-- --quick]`: widget weight, search relevance, search at scale, server throughput,
 * crash safety, the API under 10,000 random requests and the staff console's pages at 100,000 events, measured on this machine in one run. Prints a markdown table, writes
 * bench/results/latest.json and the table section of docs/benchmarks.md.
 *
 *   --quick          a ~3-minute subset (200 articles per language, 3 s loads, 200 crash tickets, 2,000 fuzzed requests)
 *   --only a,b       run some sections: widget, relevance, suggestions, search, server, crash, instances, fuzz, console
 *   --sizes 1000,5000  articles per language for the search section
 *   --profile        write a V8 CPU profile of the server's load run to bench/results/tmp/profiles/
 *   --keep           keep the synthetic KBs and built sites (in the temporary folder printed)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchFuzz } from './api-fuzz.ts';
import { benchCrashSafety } from './crash-safety.ts';
import { benchMultiInstance } from './multi-instance.ts';
import { benchConsole } from './console.ts';
import { markdownTable, updateDocs, type BenchResults } from './report.ts';
import { benchSearch } from './search-at-scale.ts';
import { benchServer } from './server-throughput.ts';
import { repoRoot } from './server-process.ts';
import { benchWidget } from './widget-weight.ts';
import { benchSuggestions } from './suggestion-latency.ts';
import { measureRelevance } from '../test/search/relevance.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    sizes: { type: 'string' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

if (!process.versions.node || Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`[bench] Node 24 or later is needed (node:sqlite, TypeScript without a build); this is ${process.version}. Run \`npm run bench\`, which uses the project's Node.`);
  process.exit(1);
}
for (const built of ['widget/dist/support-ticket.js', 'site/dist/widget/support-ticket.js', 'site/dist/pt-br/index.html', 'server/dist/main.js']) {
  if (!existsSync(path.join(repoRoot, built))) {
    console.error(`[bench] ${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const quick = values.quick;
const sections = new Set((values.only ?? 'widget,relevance,suggestions,search,server,crash,instances,fuzz,console').split(',').map((s) => s.trim()));
const sizes = values.sizes ? values.sizes.split(',').map(Number) : quick ? [200] : [1000, 5000];
const resultsDir = path.join(repoRoot, 'bench/results');
const logDir = path.join(resultsDir, 'tmp', 'logs');
const profileDir = path.join(resultsDir, 'tmp', 'profiles');
// Each run's logs and profiles only: the servers append to their logs.
rmSync(logDir, { recursive: true, force: true });
if (values.profile) rmSync(profileDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const workDir = mkdtempSync(path.join(os.tmpdir(), 'support-kit-bench-'));
const started = performance.now();
const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const results: BenchResults = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: {
    cpus: os.availableParallelism(),
    model: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  },
  durationSeconds: 0,
  load: {},
  errors: {},
};

/** Runs one section; a failure is reported in the table instead of stopping the others. */
async function section<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  if (!sections.has(name)) return undefined;
  log(`${name}: start`);
  const before = os.loadavg()[0]!;
  try {
    return await work();
  } catch (error) {
    log(`${name}: failed: ${(error as Error).stack ?? String(error)}`);
    results.errors[name] = (error as Error).message;
    return undefined;
  } finally {
    results.load[name] = { before: Math.round(before * 100) / 100, after: Math.round(os.loadavg()[0]! * 100) / 100 };
  }
}

results.widget = await section('widget', () => benchWidget({ workDir: logDir, runs: quick ? 3 : 7, log }));
results.relevance = await section('relevance', () => measureRelevance(path.join(repoRoot, 'site/dist')));
results.suggestions = await section('suggestions', () => benchSuggestions({ workDir: logDir, runs: quick ? 3 : 5, log }));
results.search = await section('search', () => benchSearch({ sizes, workDir, keep: values.keep, log, logDir }));
results.server = await section('server', () =>
  benchServer({
    seconds: quick ? 3 : 10,
    workDir: logDir,
    log,
    ...(values.profile ? { profileDir } : {}),
  }),
);
results.crash = await section('crash', () =>
  benchCrashSafety({
    tickets: quick ? 200 : 1000,
    kills: quick ? 3 : 6,
    sendSeconds: quick ? 6 : 20,
    // A delivery claimed by a killed server waits for its lease (5 min) to run out.
    drainTimeoutSeconds: quick ? 15 : 330,
    workDir: logDir,
    log,
  }),
);
// Issue 15: three instances on one PostgreSQL, each killed with SIGKILL several times (npm test runs a small version).
results.instances = await section('instances', () =>
  benchMultiInstance({
    instances: 3,
    tickets: quick ? 200 : 1000,
    kills: quick ? 3 : 9,
    sendSeconds: quick ? 6 : 20,
    simultaneousKeys: quick ? 20 : 100,
    rateLimit: 10,
    drainTimeoutSeconds: quick ? 30 : 120,
    workDir: logDir,
    log,
  }),
);
results.fuzz = await section('fuzz', () => benchFuzz({ runs: quick ? 2_000 : 10_000, log }));
// Issue 14's scale (100,000 events, 10,000 tickets) in both modes: the target is stated at that size.
results.console = await section('console', () => benchConsole({ events: 100_000, tickets: 10_000, runs: quick ? 5 : 15, log }));
results.durationSeconds = (performance.now() - started) / 1000;

for (const key of ['widget', 'relevance', 'suggestions', 'search', 'server', 'crash', 'instances', 'fuzz', 'console'] as const) if (results[key] === undefined) delete results[key];
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
updateDocs(path.join(repoRoot, 'docs/benchmarks.md'), results);
if (!values.keep) rmSync(workDir, { recursive: true, force: true });
else log(`kept the synthetic KBs and built sites in ${workDir}`);
console.log(markdownTable(results));
log(`wrote bench/results/latest.json and docs/benchmarks.md; logs in ${path.relative(repoRoot, logDir)}/`);
process.exit(Object.keys(results.errors).length ? 1 : 0);
