/**
 * The benchmark's verdict: every figure as a table row with its target from issue 7 (relevance: issue
 * 12) (met, missed, or not measured in this run), printed as markdown and spliced into docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { FuzzFigures } from './api-fuzz.ts';
import type { CrashFigures } from './crash-safety.ts';
import type { MultiInstanceFigures } from './multi-instance.ts';
import type { ConsoleFigures } from './console.ts';
import type { SizeFigures } from './search-at-scale.ts';
import type { ServerFigures } from './server-throughput.ts';
import type { WidgetFigures } from './widget-weight.ts';
import type { SuggestionFigures } from './suggestion-latency.ts';
import type { RelevanceFigures } from '../test/search/relevance.ts';

export interface Machine {
  cpus: number;
  model: string;
  memoryBytes: number;
  os: string;
  node: string;
}

export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  machine: Machine;
  durationSeconds: number;
  /** 1-minute load average when each section started and ended: other work on the machine shows here. */
  load: Record<string, { before: number; after: number }>;
  widget?: WidgetFigures;
  relevance?: RelevanceFigures;
  suggestions?: SuggestionFigures;
  search?: SizeFigures[];
  server?: ServerFigures;
  crash?: CrashFigures;
  instances?: MultiInstanceFigures;
  fuzz?: FuzzFigures;
  console?: ConsoleFigures;
  errors: Record<string, string>;
}

type Status = 'met' | 'missed' | 'n/a' | 'not measured';

interface Row {
  section: string;
  figure: string;
  value: string;
  target?: string;
  status?: Status;
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const num = (value: number) => Math.round(value).toLocaleString('en-US');
const check = (ok: boolean): Status => (ok ? 'met' : 'missed');

export function rows(results: BenchResults): Row[] {
  const out: Row[] = [];
  const { widget: w, search, server: s, crash: c } = results;

  if (w) {
    out.push(
      { section: 'Widget', figure: 'bundle, gzipped (brotli)', value: `${kb(w.gzipBytes)} (${kb(w.brotliBytes)}); ${kb(w.rawBytes)} raw`, target: '≤ 25 KB gzipped', status: check(w.gzipBytes <= 25 * KB) },
      {
        section: 'Widget',
        figure: 'bundle composition (minified, from the source map)',
        value: Object.entries(w.composition)
          .slice(0, 6)
          .map(([name, bytes]) => `${name.replace('widget/src/', '')} ${kb(bytes)}`)
          .join(', '),
      },
      { section: 'Widget', figure: 'requests before interaction, /demo/', value: `${w.requestsBeforeInteraction} (${w.urlsBeforeInteraction.join(', ')})`, target: '≤ 2', status: check(w.requestsBeforeInteraction <= 2) },
      { section: 'Widget', figure: 'bytes before interaction, reference server', value: `${kb(w.transferredBytesBeforeInteraction)} (served uncompressed)` },
      { section: 'Widget', figure: 'script received → element defined / first render', value: `${ms(w.scriptToDefinedMs)} / ${ms(w.scriptToRenderMs)} (JS ${ms(w.scriptDurationMs)})` },
      { section: 'Widget', figure: 'the same with the CPU 4x slower', value: `${ms(w.scriptToRenderMs4xSlowdown)} (JS ${ms(w.scriptDurationMs4xSlowdown)})` },
    );
  }

  const relevance = results.relevance;
  if (relevance) {
    const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
    for (const [lang, f] of Object.entries(relevance)) {
      for (const [where, p] of [['search page (Pagefind)', f.page], ['widget (deflection index)', f.widget]] as const) {
        out.push(
          { section: `Relevance ${lang}`, figure: `${where}: hit@1 / MRR over ${p.counted} queries`, value: `${pct(p.hit1)} / ${p.mrr.toFixed(3)}`, target: '≥ 85%', status: check(p.hit1 >= 0.85) },
          { section: `Relevance ${lang}`, figure: `${where}: hit@3`, value: `${pct(p.hit3)}; ${p.misses.filter((m) => !m.rank || m.rank > 3).length} misses`, target: '≥ 95%', status: check(p.hit3 >= 0.95) },
        );
      }
      const noisy = f.page.nonsense.filter((n) => n.found.length).length + f.widget.nonsense.filter((n) => n.found.length).length;
      out.push(
        { section: `Relevance ${lang}`, figure: `nonsense and off-topic queries (${f.page.nonsense.length}) finding anything`, value: String(noisy), target: '0', status: check(noisy === 0) },
        { section: `Relevance ${lang}`, figure: 'queries waiting for their article', value: String(f.waiting.length) },
      );
    }
  }

  const suggestions = results.suggestions;
  if (suggestions) {
    const { warmMs } = suggestions;
    out.push(
      { section: 'Suggestions', figure: `on screen after the last keystroke, bundle loaded (p50 / p95 / max, ${warmMs.queries} subjects typed)`, value: `${ms(warmMs.p50)} / ${ms(warmMs.p95)} / ${ms(warmMs.max)}`, target: 'p95 ≤ 300 ms', status: check(warmMs.p95 <= 300) },
      { section: 'Suggestions', figure: `first answer, CPU 4x slower, after the last keystroke (median of ${suggestions.runs})`, value: ms(suggestions.coldFromLastKeyMs4x), target: '< 1 s', status: check(suggestions.coldFromLastKeyMs4x < 1000) },
      { section: 'Suggestions', figure: 'the same from focusing the subject (about 1 s of typing included)', value: ms(suggestions.coldFromFocusMs4x) },
    );
  }

  if (search) {
    const largest = Math.max(...search.map((size) => size.articlesPerLanguage));
    for (const size of search) {
      const label = `${num(size.articlesPerLanguage)}/language`;
      const atTarget = size.articlesPerLanguage >= 5000;
      // Issue 16's budgets for a 6-query session, by articles per language.
      const sessionBudget = size.articlesPerLanguage >= 5000 ? 400 : size.articlesPerLanguage >= 1000 ? 200 : undefined;
      const worst = <K extends keyof SizeFigures['search']['it']>(key: K) => Math.max(Number(size.search['pt-br'][key]), Number(size.search.it[key]));
      out.push(
        {
          section: `Search ${label}`,
          figure: `site build (${num(size.pages)} pages)`,
          value: `${size.buildSeconds.toFixed(0)} s; ${size.secondsPer1000Pages.toFixed(1)} s per 1,000 pages`,
          ...(atTarget ? { target: '10,000 pages ≤ 180 s', status: check(size.buildSeconds <= 180) } : {}),
        },
        {
          section: `Search ${label}`,
          figure: 'build phases: bundle / render pages / Pagefind',
          value: `${size.buildPhases.bundleSeconds.toFixed(0)} s / ${size.buildPhases.renderSeconds.toFixed(0)} s / ${size.buildPhases.pagefindSeconds.toFixed(0)} s`,
        },
        { section: `Search ${label}`, figure: 'Pagefind bundles on disk (pt-br + it), the search page\'s', value: `${mb(size.indexBytes)} in ${num(size.indexFiles)} files` },
        { section: `Search ${label}`, figure: 'deflection indexes on disk (pt-br + it), the widget\'s', value: `${mb(size.deflectionBytes)} in ${num(size.deflectionFiles)} files` },
        {
          section: `Search ${label}`,
          figure: '6-query deflection session transferred (pt-br / it)',
          value: `${kb(size.search['pt-br'].sessionBytes)} / ${kb(size.search.it.sessionBytes)} in ${size.search['pt-br'].sessionRequests} / ${size.search.it.sessionRequests} requests`,
          ...(sessionBudget ? { target: `≤ ${sessionBudget} KB`, status: check(worst('sessionBytes') <= sessionBudget * KB) } : {}),
        },
        {
          section: `Search ${label}`,
          figure: 'load + cold first query (pt-br / it)',
          value: `${ms(size.search['pt-br'].loadMs)} + ${ms(size.search['pt-br'].coldQueryMs)} / ${ms(size.search.it.loadMs)} + ${ms(size.search.it.coldQueryMs)}`,
        },
        {
          section: `Search ${label}`,
          figure: 'new words p50 / p95 (pt-br; it)',
          value: `${ms(size.search['pt-br'].newWordsP50Ms)} / ${ms(size.search['pt-br'].newWordsP95Ms)}; ${ms(size.search.it.newWordsP50Ms)} / ${ms(size.search.it.newWordsP95Ms)}`,
        },
        {
          section: `Search ${label}`,
          figure: 'warm p50 / p95 over 50 (pt-br; it)',
          value: `${ms(size.search['pt-br'].warmP50Ms)} / ${ms(size.search['pt-br'].warmP95Ms)}; ${ms(size.search.it.warmP50Ms)} / ${ms(size.search.it.warmP95Ms)}`,
          ...(atTarget ? { target: 'p95 ≤ 50 ms', status: check(worst('warmP95Ms') <= 50) } : {}),
        },
      );
    }
    if (largest < 5000) {
      out.push(
        { section: 'Search', figure: 'targets at 5,000 articles per language', value: `largest size in this run: ${num(largest)}`, target: 'build ≤ 180 s, session ≤ 400 KB, warm p95 ≤ 50 ms', status: 'not measured' },
      );
    }
  }

  if (s) {
    const j = s.real.json;
    const a = s.real.attachment1mb;
    const failures = j.failed + a.failed + s.real.votes.failed + s.bare.json.failed + s.bare.attachment1mb.failed + (!s.postgres || 'error' in s.postgres ? 0 : s.postgres.one.failed + s.postgres.two.failed);
    out.push(
      // Issue 16: the ratio to the bare handler in the same run is the binding figure (absolute rates vary 2x between runs).
      { section: 'Server', figure: `tickets/s, JSON (p50 / p99), ${s.connections} connections; ratio to bare`, value: `${num(j.perSecond)} (${j.p50Ms} / ${j.p99Ms} ms); ratio ${s.ratio.json.toFixed(2)}`, target: 'ratio ≥ 0.3, p99 ≤ 25 ms', status: check(s.ratio.json >= 0.3 && j.p99Ms <= 25) },
      { section: 'Server', figure: 'bare Hono + node:sqlite, JSON (p50 / p99)', value: `${num(s.bare.json.perSecond)} (${s.bare.json.p50Ms} / ${s.bare.json.p99Ms} ms)` },
      // Older results files have no CPU figures.
      ...(j.cpuMsPerOk === undefined ? [] : [{ section: 'Server', figure: 'server CPU per JSON ticket: real / bare (what a busy machine distorts least)', value: `${j.cpuMsPerOk.toFixed(2)} ms / ${s.bare.json.cpuMsPerOk.toFixed(2)} ms; ratio ${(s.bare.json.cpuMsPerOk / j.cpuMsPerOk).toFixed(2)}` }]),
      { section: 'Server', figure: 'tickets/s with a 1 MB attachment (p50 / p99)', value: `${num(a.perSecond)} (${a.p50Ms} / ${a.p99Ms} ms)` },
      { section: 'Server', figure: 'bare, 1 MB body streamed to a file (p50 / p99)', value: `${num(s.bare.attachment1mb.perSecond)} (${s.bare.attachment1mb.p50Ms} / ${s.bare.attachment1mb.p99Ms} ms); ratio ${s.ratio.attachment1mb.toFixed(2)}` },
      ...(!s.postgres ? [] : 'error' in s.postgres
        ? [{ section: 'Server', figure: 'tickets/s on PostgreSQL', value: `not measured: ${s.postgres.error}`, status: 'not measured' as const }]
        : [
            { section: 'Server', figure: 'tickets/s, JSON, PostgreSQL, one instance (p50 / p99)', value: `${num(s.postgres.one.perSecond)} (${s.postgres.one.p50Ms} / ${s.postgres.one.p99Ms} ms); ${(s.postgres.one.perSecond / j.perSecond).toFixed(2)} × SQLite` },
            { section: 'Server', figure: 'tickets/s, JSON, PostgreSQL, two instances (slower p50 / p99)', value: `${num(s.postgres.two.perSecond)} (${s.postgres.two.p50Ms} / ${s.postgres.two.p99Ms} ms); ${(s.postgres.two.perSecond / s.postgres.one.perSecond).toFixed(2)} × one instance` },
          ]),
      { section: 'Server', figure: 'votes/s (p50 / p99)', value: `${num(s.real.votes.perSecond)} (${s.real.votes.p50Ms} / ${s.real.votes.p99Ms} ms)` },
      { section: 'Server', figure: 'failed requests under load (all runs)', value: String(failures), target: '0', status: check(failures === 0) },
      { section: 'Server', figure: 'RSS idle / peak after the load runs', value: `${mb(s.rss.idleBytes)} / ${mb(s.rss.afterLoadPeakBytes)}`, target: 'idle ≤ 100 MB', status: check(s.rss.idleBytes <= 100 * KB * KB) },
      {
        section: 'Server',
        figure: 'peak RSS, 20 concurrent uploads of 1 MB / of 10 MB (the cap)',
        value: `${mb(s.rss.uploads20x1mbPeakBytes)} / ${mb(s.rss.uploads20xCapPeakBytes)} (${s.rss.uploadsAccepted}/40 accepted)`,
        target: '≤ 150 MB at the cap',
        status: check(s.rss.uploads20xCapPeakBytes <= 150 * KB * KB && s.rss.uploadsAccepted === 40),
      },
    );
  }

  if (c) {
    const exact = c.storedTickets === c.tickets && c.unacknowledged === 0 && c.rejected === 0;
    out.push(
      { section: 'Crash safety', figure: `SIGKILL + restart during ${num(c.tickets)} tickets`, value: `${c.kills} kills (down ≤ ${c.longestDowntimeSeconds} s each); ${num(c.requests)} requests, ${num(c.retries)} retries, ${c.replays} replays` },
      { section: 'Crash safety', figure: 'stored tickets', value: `${num(c.storedTickets)} of ${num(c.tickets)} (${c.unacknowledged} unacknowledged, ${c.acknowledgedButMissing} acknowledged but missing)`, target: `exactly ${num(c.tickets)}`, status: check(exact && c.acknowledgedButMissing === 0) },
      { section: 'Crash safety', figure: 'duplicates', value: String(c.duplicates), target: '0', status: check(c.duplicates === 0) },
      { section: 'Crash safety', figure: 'lost attachments', value: `${c.lostAttachments} (${c.attachmentRows} rows; ${c.orphanFiles} orphan files from cut uploads)`, target: '0', status: check(c.lostAttachments === 0) },
      {
        section: 'Crash safety',
        figure: 'webhook: tickets received / distinct ids / POSTs',
        value: `${num(c.outbox.ticketsDelivered)} / ${num(c.outbox.webhookIdsSeen)} / ${num(c.outbox.webhookRequests)}`,
        target: `each of ${num(c.tickets)} once after de-dup`,
        status: check(c.outbox.ticketsDelivered === c.tickets && c.outbox.webhookIdsSeen === c.tickets && c.outbox.ticketsWithSeveralWebhookIds === 0),
      },
      {
        section: 'Crash safety',
        figure: 'outbox drained (delivered / pending / failed)',
        value: `${c.outbox.drained ? 'yes' : 'no'} after ${c.outbox.drainSeconds} s (${num(c.outbox.delivered)} / ${c.outbox.pending} / ${c.outbox.failed})${c.outbox.pending ? `; ${c.outbox.leasedByKilledProcess} held by a killed process's lease` : ''}`,
        target: 'all delivered',
        status: check(c.outbox.drained && c.outbox.failed === 0),
      },
    );
  }

  const m = results.instances;
  if (m) {
    const o = m.outbox;
    const stored = m.tickets + m.simultaneous.keys + m.rateLimit.limit;
    out.push(
      { section: 'Several instances', figure: `${m.instances} instances on PostgreSQL behind a round-robin proxy, ${num(m.tickets)} tickets`, value: `${m.kills} SIGKILLs; ${num(m.requests)} requests, ${num(m.retries)} retries` },
      { section: 'Several instances', figure: 'lost / duplicates / acknowledged but missing / lost attachments', value: `${m.unacknowledged + m.rejected} / ${m.duplicates} / ${m.acknowledgedButMissing} / ${m.lostAttachments} (${num(m.storedTickets)} stored)`, target: `0 / 0 / 0 / 0, ${num(stored)} stored`, status: check(m.unacknowledged + m.rejected + m.duplicates + m.acknowledgedButMissing + m.lostAttachments === 0 && m.storedTickets === stored) },
      { section: 'Several instances', figure: `a key sent to every instance at once (${m.simultaneous.keys} keys)`, value: `${m.simultaneous.differentAnswers} different answers, ${m.simultaneous.duplicates} duplicates, ${m.simultaneous.serverErrors} 5xx, ${m.simultaneous.conflicts} × 409 then retried`, target: '0 / 0 / 0', status: check(m.simultaneous.differentAnswers + m.simultaneous.duplicates + m.simultaneous.serverErrors === 0) },
      { section: 'Several instances', figure: 'every key asked again of every instance', value: `${m.replays.different} of ${num(m.replays.asked)} answers differ`, target: '0', status: check(m.replays.different === 0) },
      { section: 'Several instances', figure: `one client over RATE_LIMIT=${m.rateLimit.limit}, spread over the instances`, value: `${m.rateLimit.accepted} accepted, ${m.rateLimit.refused} refused of ${m.rateLimit.sent}`, target: `${m.rateLimit.limit} accepted`, status: check(m.rateLimit.accepted === m.rateLimit.limit) },
      { section: 'Several instances', figure: 'webhook: tickets received / with several webhook-ids / repeated POSTs (held by a killed instance)', value: `${num(o.ticketsDelivered)} / ${o.ticketsWithSeveralWebhookIds} / ${o.repeatedPosts} (${o.repeatsExcused})`, target: `${num(m.storedTickets)} / 0 / only those`, status: check(o.ticketsDelivered === m.storedTickets && o.ticketsWithSeveralWebhookIds === 0 && o.repeatedPosts === o.repeatsExcused) },
      { section: 'Several instances', figure: 'outbox drained (delivered / pending / failed)', value: `${o.drained ? 'yes' : 'no'} ${o.drainSeconds} s after the last ticket (${num(o.delivered)} / ${o.pending} / ${o.failed})`, target: 'all delivered', status: check(o.drained && o.failed === 0) },
    );
  }

  const f = results.fuzz;
  if (f) {
    const spread = Object.entries(f.statuses).sort(([a], [b]) => Number(a) - Number(b)).map(([status, count]) => `${status}: ${num(count)}`).join(', ');
    out.push(
      { section: 'API fuzz', figure: `random requests (seed ${f.seed}), ${num(f.requestsPerSecond)}/s`, value: `${num(f.runs)}: ${spread}` },
      { section: 'API fuzz', figure: '5xx answers / unhandled rejections', value: `${f.serverErrors} / ${f.unhandledRejections}${f.serverErrorExamples.length ? `; e.g. ${f.serverErrorExamples[0]}` : ''}`, target: '0 / 0', status: check(f.serverErrors === 0 && f.unhandledRejections === 0) },
    );
  }

  const k = results.console;
  if (k) {
    out.push({ section: 'Console', figure: 'synthetic history (server/src/console/demo-history.ts)', value: `${num(k.events)} events, ${num(k.tickets)} tickets, ${num(k.sessions)} widget sessions, ${num(k.votes)} votes; generated in ${k.generateSeconds.toFixed(0)} s` });
    for (const p of k.pages) {
      out.push({ section: 'Console', figure: `${p.path}: server time, median / worst of ${k.runs}; CPU median`, value: `${ms(p.medianMs)} / ${ms(p.maxMs)}; ${ms(p.cpuMedianMs)} (${kb(p.bytes)})`, target: '< 200 ms', status: check(p.medianMs < 200) });
    }
  }

  for (const [section, message] of Object.entries(results.errors)) out.push({ section, figure: 'did not run to the end', value: message.split('\n')[0]!.slice(0, 200), status: 'missed' });
  return out;
}

const escape = (text: string) => text.replace(/\|/g, '\\|');

export function markdownTable(results: BenchResults): string {
  const m = results.machine;
  const header = `${results.mode === 'quick' ? 'Quick run (`--quick`)' : 'Full run'} of ${results.date}, ${results.durationSeconds.toFixed(0)} s: ${m.cpus} × ${m.model}, ${(m.memoryBytes / KB ** 3).toFixed(1)} GB, ${m.os}, Node ${m.node}.`;
  const busiest = Math.max(0, ...Object.values(results.load ?? {}).flatMap((l) => [l.before, l.after]));
  const busy = busiest > m.cpus ? `\n\nOther work was running on this machine (1-minute load average up to ${busiest.toFixed(1)} on ${m.cpus} CPUs): timings are pessimistic; compare ratios, or run again on a quiet machine.` : '';
  const lines = ['| section | figure | value | target | status |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows(results)) {
    const status = row.status === 'met' ? '✅ met' : row.status === 'missed' ? '❌ missed' : row.status === 'not measured' ? '– not measured' : '';
    lines.push(`| ${escape(row.section)} | ${escape(row.figure)} | ${escape(row.value)} | ${escape(row.target ?? '')} | ${status} |`);
  }
  return `${header}${busy}\n\n${lines.join('\n')}\n`;
}

const start = '<!-- bench:table:start (written by `npm run bench`; edit around it) -->';
const end = '<!-- bench:table:end -->';

/** Replaces the table section of docs/benchmarks.md (or appends one), leaving the explanations alone. */
export function updateDocs(file: string, results: BenchResults): void {
  const block = `${start}\n${markdownTable(results)}${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n## Latest results\n\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

// `node bench/report.ts`: prints the table of bench/results/latest.json and writes it into docs/benchmarks.md again.
if (import.meta.main) {
  const root = new URL('..', import.meta.url);
  const results = JSON.parse(readFileSync(new URL('bench/results/latest.json', root), 'utf8')) as BenchResults;
  updateDocs(new URL('docs/benchmarks.md', root).pathname, results);
  console.log(markdownTable(results));
}
