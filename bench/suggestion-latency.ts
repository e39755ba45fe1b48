/**
 * How soon the widget's suggestions are on screen, in Chromium on the server's /demo/ page, typed
 * as a customer types (one key at a time):
 * - warm: the search bundle loaded, each query of the relevance suite typed into a cleared subject;
 *   from the last keystroke to the last change of the suggestions (the answer for what was typed);
 * - cold, with the CPU slowed 4x (a mid-range phone): a fresh page, the subject focused and a first
 *   query typed; from its last keystroke to the first suggestion link, and from the focus.
 * Targets (the deflection issue): warm <= 300 ms; the first answer on the slowed CPU < 1 s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchChromium, median } from './browser.ts';
import { freePort, repoRoot, startProcess, stopProcess } from './server-process.ts';

export interface SuggestionFigures {
  /** Warm: milliseconds from the last keystroke to the suggestions for the whole query, per query. */
  warmMs: { p50: number; p95: number; max: number; queries: number };
  /** Cold, CPU 4x slower: from the last keystroke of the first query to the first suggestion (median over runs). */
  coldFromLastKeyMs4x: number;
  /** The same, from the moment the subject was focused (the customer's first contact). */
  coldFromFocusMs4x: number;
  runs: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** In the page: times of the last input in the subject and of each change to the suggestions or their status line. */
const watchSuggestions = () => {
  const w = window as unknown as { __lastInput: number; __focusAt: number; __changes: number[]; __firstLinkAt: number };
  w.__changes = [];
  w.__lastInput = 0;
  w.__focusAt = 0;
  w.__firstLinkAt = 0;
  const attach = () => {
    const root = document.querySelector('support-ticket')?.shadowRoot;
    if (!root) return void requestAnimationFrame(attach);
    root.addEventListener('input', (e) => (e.target as HTMLElement).id === 'f-subject' && (w.__lastInput = performance.now()), true);
    root.addEventListener('focusin', (e) => (e.target as HTMLElement).id === 'f-subject' && !w.__focusAt && (w.__focusAt = performance.now()), true);
    new MutationObserver((records) => {
      const now = performance.now();
      const relevant = records.some((r) => {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        return node?.closest('[part~="suggestions"], [part~="search-status"]') || [...r.addedNodes].some((n) => n instanceof Element && n.matches('[part~="suggestions"], [part~="search-status"]'));
      });
      if (!relevant) return;
      w.__changes.push(now);
      if (!w.__firstLinkAt && root.querySelector('[part~="suggestions"] a[href]')) w.__firstLinkAt = now;
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  };
  attach();
};

async function typeQuery(page: Page, query: string): Promise<void> {
  const field = page.locator('support-ticket #f-subject');
  await field.fill('');
  // One key at a time, as fast as a quick typist (about 12 characters a second).
  await field.pressSequentially(query, { delay: 80 });
}

export async function benchSuggestions(options: { workDir: string; runs?: number; log?: (line: string) => void }): Promise<SuggestionFigures> {
  const runs = options.runs ?? 5;
  const suite = parse(readFileSync(path.join(repoRoot, 'test/search/queries.pt-BR.yaml'), 'utf8')) as { queries: { q: string; expect: string[] }[] };
  // Subjects a customer types (not pasted errors, not nonsense): the first 20 answered queries.
  const queries = suite.queries.filter((q) => q.expect.length && q.q.length <= 60).slice(0, 20).map((q) => q.q);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'support-kit-bench-suggest-'));
  const server = await startProcess({ script: 'server/src/main.ts', port: await freePort(), env: { DATA_DIR: dataDir, EVENT_LIMIT: '100000' }, logFile: path.join(options.workDir, 'server-suggestions.log') });
  const browser = await launchChromium();
  try {
    const open = async (slowdown: number) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      await page.addInitScript(watchSuggestions);
      await page.goto(`${server.origin}/demo/`, { waitUntil: 'load' });
      return { context, page };
    };
    const read = (page: Page) => page.evaluate(() => {
      const w = window as unknown as { __lastInput: number; __focusAt: number; __changes: number[]; __firstLinkAt: number };
      return { lastInput: w.__lastInput, focusAt: w.__focusAt, changes: [...w.__changes], firstLinkAt: w.__firstLinkAt };
    });

    // Cold, on a slowed CPU: a first query on a fresh page.
    const cold: { fromKey: number; fromFocus: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const { context, page } = await open(4);
      await page.locator('support-ticket #f-subject').focus();
      await typeQuery(page, 'meu site caiu');
      await page.waitForFunction(() => (window as unknown as { __firstLinkAt: number }).__firstLinkAt > 0, null, { timeout: 20_000 });
      const t = await read(page);
      cold.push({ fromKey: t.firstLinkAt - t.lastInput, fromFocus: t.firstLinkAt - t.focusAt });
      await context.close();
    }

    // Warm: one page, the bundle loaded by a first query, then each query typed afresh.
    const { context, page } = await open(1);
    await page.locator('support-ticket #f-subject').focus();
    await typeQuery(page, 'site fora do ar');
    await page.waitForFunction(() => (window as unknown as { __firstLinkAt: number }).__firstLinkAt > 0, null, { timeout: 20_000 });
    const warm: number[] = [];
    for (const query of queries) {
      await typeQuery(page, query);
      // Longer than the pause before a search and the search itself: whatever changes later is no answer to this query.
      await page.waitForTimeout(1200);
      const t = await read(page);
      const answered = t.changes.filter((at) => at >= t.lastInput).at(-1);
      warm.push(answered === undefined ? 0 : answered - t.lastInput);
    }
    await context.close();
    options.log?.(`suggestions: warm p95 ${percentile(warm, 95).toFixed(0)} ms over ${warm.length} queries; cold 4x ${median(cold.map((c) => c.fromKey)).toFixed(0)} ms after the last key`);
    return {
      warmMs: { p50: Math.round(percentile(warm, 50)), p95: Math.round(percentile(warm, 95)), max: Math.round(Math.max(...warm)), queries: warm.length },
      coldFromLastKeyMs4x: Math.round(median(cold.map((c) => c.fromKey))),
      coldFromFocusMs4x: Math.round(median(cold.map((c) => c.fromFocus))),
      runs,
    };
  } finally {
    await browser.close();
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node bench/suggestion-latency.ts`: this section alone.
if (import.meta.main) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'support-kit-bench-'));
  console.log(JSON.stringify(await benchSuggestions({ workDir, runs: 3, log: console.log }), null, 2));
  rmSync(workDir, { recursive: true, force: true });
}
