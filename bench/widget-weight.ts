/**
 * Widget weight: the script a host page loads (the entry) gzipped and brotli-compressed, and the
 * chunks it loads on the first interaction; what the widget makes the browser download before the
 * customer interacts (Chromium on the server's /demo/ page); and the main-thread time from the
 * script's arrival to the first render of its shadow root.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium, median, recordNetwork } from './browser.ts';
import { freePort, repoRoot, startProcess, stopProcess } from './server-process.ts';

export interface WidgetFigures {
  /** The entry's minified bytes by source folder or package (from the source map). */
  composition: Record<string, number>;
  /** The entry, which the host page's script tag loads. */
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  /** The chunks the entry loads on the first interaction, each with its minified bytes by source. */
  lazyChunks: { file: string; gzipBytes: number; brotliBytes: number; composition: Record<string, number> }[];
  /** The entry and every chunk, gzipped one by one. */
  totalGzipBytes: number;
  /** Requests at or after the widget's script request, before any interaction (the script included). */
  requestsBeforeInteraction: number;
  /** What those requests transferred from the reference server (headers included; it does not compress). */
  transferredBytesBeforeInteraction: number;
  urlsBeforeInteraction: string[];
  /** Median over runs: from the script's last byte to the element rendered (compile, evaluate, define, first render). */
  scriptToRenderMs: number;
  /** Median: from the script's last byte to customElements.define (compile and evaluate the module). */
  scriptToDefinedMs: number;
  /** Median over runs: JavaScript execution time on the main thread by then (DevTools' ScriptDuration). */
  scriptDurationMs: number;
  /** The same two figures with the CPU slowed 4x (a mid-range phone). */
  scriptToRenderMs4xSlowdown: number;
  scriptDurationMs4xSlowdown: number;
  runs: number;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * What the bundle is made of: its minified bytes attributed to their source files through the
 * source map, grouped by folder (widget/src/<folder>) or package. Gzip does not add up across
 * groups, so this is the raw share; it says where bytes can be saved.
 */
export function bundleComposition(code: string, map: { sources: string[]; mappings: string }): Record<string, number> {
  const bySource = new Array<number>(map.sources.length).fill(0);
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, row) => {
    let column = 0;
    const segments: [number, number][] = [];
    for (const segment of line.split(',').filter(Boolean)) {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = base64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, source]);
    }
    const length = Buffer.byteLength(lines[row] ?? '');
    segments.forEach(([start, src], i) => (bySource[src] = (bySource[src] ?? 0) + (segments[i + 1]?.[0] ?? length) - start));
  });
  const groups: Record<string, number> = {};
  map.sources.forEach((name, i) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name)?.[1];
    const group = pkg ?? `widget/src/${/src\/([^/]+)\//.exec(name)?.[1] ?? path.basename(name)}`;
    groups[group] = (groups[group] ?? 0) + (bySource[i] ?? 0);
  });
  return Object.fromEntries(Object.entries(groups).sort((a, b) => b[1] - a[1]));
}

/** Runs before the page's own scripts: marks when the element is defined and when its first render completes. */
const markRender = `(() => {
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    define(name, ctor, options);
    if (name !== 'support-ticket') return;
    performance.mark('support-ticket:defined');
    const element = document.querySelector('support-ticket');
    (element?.updateComplete ?? Promise.resolve()).then(() => {
      performance.mark('support-ticket:rendered');
      window.__renderedInShadow = Boolean(element?.shadowRoot?.childElementCount);
    });
  };
})();`;

export async function benchWidget(options: { workDir: string; runs?: number; log?: (line: string) => void }): Promise<WidgetFigures> {
  const runs = options.runs ?? 5;
  const read = (dir: string, file: string) => readFileSync(path.join(repoRoot, dir, file));
  const gzipBytes = (code: Buffer) => gzipSync(code, { level: 9 }).length;
  const brotliBytes = (code: Buffer) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const composition = (file: string, code: Buffer) => bundleComposition(code.toString('utf8'), JSON.parse(read('widget/dist', `${file}.map`).toString('utf8')) as { sources: string[]; mappings: string });
  const files = ['support-ticket.js', ...readdirSync(path.join(repoRoot, 'widget/dist')).filter((file) => /^support-ticket-.+\.js$/.test(file))];
  for (const file of files) {
    if (!read('widget/dist', file).equals(read('site/dist/widget', file))) throw new Error(`site/dist/widget/${file} differs from widget/dist/${file}: run \`npm run build\` first`);
  }
  const bundle = read('widget/dist', 'support-ticket.js');
  const lazyChunks = files.slice(1).map((file) => {
    const code = read('widget/dist', file);
    return { file, gzipBytes: gzipBytes(code), brotliBytes: brotliBytes(code), composition: composition(file, code) };
  });
  const sizes = {
    composition: composition('support-ticket.js', bundle),
    rawBytes: bundle.length,
    gzipBytes: gzipBytes(bundle),
    brotliBytes: brotliBytes(bundle),
    lazyChunks,
    totalGzipBytes: gzipBytes(bundle) + lazyChunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
  };

  const dataDir = mkdtempSync(path.join(tmpdir(), 'support-kit-bench-widget-'));
  const server = await startProcess({ script: 'server/src/main.ts', port: await freePort(), env: { DATA_DIR: dataDir }, logFile: path.join(options.workDir, 'server-widget.log') });
  const browser = await launchChromium();
  try {
    const measure = async (slowdown: number) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const network = recordNetwork(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      await page.addInitScript(markRender);
      await page.goto(`${server.origin}/demo/`, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('support-ticket:rendered').length > 0, null, { timeout: 15_000 });
      const { metrics } = await cdp.send('Performance.getMetrics');
      const timing = await page.evaluate(() => {
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget/support-ticket.js')) as PerformanceResourceTiming | undefined;
        const rendered = performance.getEntriesByName('support-ticket:rendered')[0]!.startTime;
        const defined = performance.getEntriesByName('support-ticket:defined')[0]!.startTime;
        return { scriptToRender: rendered - (script?.responseEnd ?? 0), scriptToDefined: defined - (script?.responseEnd ?? 0), shadow: (window as unknown as { __renderedInShadow: boolean }).__renderedInShadow };
      });
      if (!timing.shadow) throw new Error('the widget rendered nothing into its shadow root');
      // Nothing interacts: no pointer, no focus. Whatever arrives now, the widget asked for by itself.
      await page.waitForTimeout(1500);
      await network.idle(500);
      const script = network.entries.find((e) => e.url.endsWith('/widget/support-ticket.js'));
      const widgetRequests = script ? network.after(script.sentAt) : [];
      await context.close();
      return {
        scriptToRender: timing.scriptToRender,
        scriptToDefined: timing.scriptToDefined,
        scriptDuration: (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000,
        requests: widgetRequests,
      };
    };
    await measure(1); // warm the server's file cache and Chromium's code paths alike for every run below
    const normal = [];
    const slow = [];
    for (let i = 0; i < runs; i++) normal.push(await measure(1));
    for (let i = 0; i < runs; i++) slow.push(await measure(4));
    const first = normal[0]!;
    return {
      ...sizes,
      requestsBeforeInteraction: first.requests.length,
      transferredBytesBeforeInteraction: first.requests.reduce((sum, r) => sum + r.bytes, 0),
      urlsBeforeInteraction: first.requests.map((r) => new URL(r.url).pathname),
      scriptToRenderMs: Math.round(median(normal.map((m) => m.scriptToRender)) * 10) / 10,
      scriptToDefinedMs: Math.round(median(normal.map((m) => m.scriptToDefined)) * 10) / 10,
      scriptDurationMs: Math.round(median(normal.map((m) => m.scriptDuration)) * 10) / 10,
      scriptToRenderMs4xSlowdown: Math.round(median(slow.map((m) => m.scriptToRender)) * 10) / 10,
      scriptDurationMs4xSlowdown: Math.round(median(slow.map((m) => m.scriptDuration)) * 10) / 10,
      runs,
    };
  } finally {
    await browser.close();
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
