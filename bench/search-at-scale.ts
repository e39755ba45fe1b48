/**
 * Search at scale: for each size, a synthetic KB (bench/synthetic-kb.ts) built into a temporary
 * folder with Astro + Pagefind + the deflection index (build time, seconds per 1,000 pages, bytes on
 * disk), then in Chromium, through the widget's own loader (core/search/deflection.ts) on a static
 * host: the bytes a 6-query session transfers, the cold first query and warm p50/p95 over 50
 * queries, each query being the loader's `search(subject)`: the whole pipeline over the deflection
 * index plus the top 5 articles' titles and summaries, as the deflection step does.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, percentile, recordNetwork } from './browser.ts';
import { repoRoot } from './server-process.ts';
import { serveStatic } from './static-server.ts';
import { writeSyntheticKb } from './synthetic-kb.ts';
import { sourceImportMap, sourceModules } from './source-modules.ts';

/**
 * What customers type as a ticket subject, per language: 6 for the session, 25 more for the warm
 * queries. Each is searched as typed: the loader's pipeline drops stop words and adds the rest.
 */
export const subjects = {
  'pt-br': {
    session: ['Meu e-mail não chega', 'Erro 500 no site', 'Certificado SSL expirado', 'Como redefinir a senha', 'WordPress está muito lento', 'Preciso restaurar um backup'],
    pool: [
      'E-mail devolvido com erro 550', 'Como apontar o domínio', 'Propagação de DNS demorando', 'Erro de conexão com o banco de dados', 'Fatura vencida',
      'Quero mudar de plano', 'Não consigo acessar o FTP', 'Alterar a versão do PHP', 'Site fora do ar', 'Migrar o site de outra hospedagem',
      'Site invadido com malware', 'Como abrir um ticket', 'Senha da área do cliente', 'Pagamento não foi reconhecido', 'Limpar o cache do WordPress',
      'Plugin quebrou o site', 'Domínio expirado', 'Configurar e-mail no celular', 'IMAP não sincroniza', 'SMTP recusa a senha',
      'Painel de controle não abre', 'Limite de memória do PHP', 'Backup diário', 'Certificado inválido no navegador', 'Prioridade alta para site parado',
    ],
  },
  it: {
    session: ['La posta non arriva', 'Errore 500 sul sito', 'Certificato SSL scaduto', 'Come reimpostare la password', 'WordPress è molto lento', 'Devo ripristinare un backup'],
    pool: [
      'Email respinta con errore 550', 'Come puntare il dominio', 'Propagazione DNS lenta', 'Errore di connessione al database', 'Fattura scaduta',
      'Vorrei cambiare piano', 'Non riesco ad accedere via FTP', 'Cambiare la versione di PHP', 'Sito non raggiungibile', "Migrare il sito da un altro hosting",
      'Sito violato con malware', 'Come aprire un ticket', "Password dell'area clienti", 'Pagamento non registrato', 'Svuotare la cache di WordPress',
      'Un plugin ha rotto il sito', 'Dominio scaduto', 'Configurare la posta sul telefono', 'IMAP non sincronizza', 'SMTP rifiuta la password',
      'Il pannello di controllo non si apre', 'Limite di memoria PHP', 'Backup giornaliero', 'Certificato non valido nel browser', 'Priorità alta per sito fermo',
    ],
  },
} as const;

export interface LanguageSearchFigures {
  /** Bytes on the wire for loading the bundle and running the 6 session queries (headers included). */
  sessionBytes: number;
  sessionRequests: number;
  /** Where the session's bytes went: the manifest (with the vocabulary), word ranges, article blocks. */
  sessionBreakdown: Record<string, { requests: number; bytes: number }>;
  /** Fetching and checking the manifest: before the first query can run. */
  loadMs: number;
  /** The first query after loading (its word ranges and article blocks come from the network). */
  coldQueryMs: number;
  /** 50 queries whose word ranges and article blocks are already loaded. */
  warmP50Ms: number;
  warmP95Ms: number;
  warmQueries: number;
  /** Engine loaded but the words new: 25 queries that may each fetch word ranges and article blocks. */
  newWordsP50Ms: number;
  newWordsP95Ms: number;
  sessionQueries: string[];
  /** Results the session's queries found (top 5 each): a check that the queries hit real text. */
  sessionHits: number;
}

export interface SizeFigures {
  articlesPerLanguage: number;
  pages: number;
  buildSeconds: number;
  secondsPer1000Pages: number;
  buildPhases: BuildPhases;
  /** Bytes on disk of site_out/pagefind/{pt-br,it} (the search page's full-text bundles). */
  indexBytes: number;
  indexFiles: number;
  /** Bytes on disk of site_out/deflection/{pt-br,it} (the widget's deflection indexes). */
  deflectionBytes: number;
  deflectionFiles: number;
  kbWords: Record<string, number>;
  search: Record<'pt-br' | 'it', LanguageSearchFigures>;
}

function folderBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

/** "1m 6s", "11.47s", "214ms" (Astro's durations) in seconds. */
function seconds(text: string): number {
  let total = 0;
  for (const [, value, unit] of text.matchAll(/([\d.]+)\s*(ms|m|s)\b/g)) total += Number(value) * (unit === 'm' ? 60 : unit === 'ms' ? 0.001 : 1);
  return total;
}

export interface BuildPhases {
  /** Bundling every page and MDX article into the prerender chunks (Vite/Rolldown). */
  bundleSeconds: number;
  /** Rendering the HTML pages. */
  renderSeconds: number;
  /** Both Pagefind bundles, from the sitemap step to the last language indexed. */
  pagefindSeconds: number;
}

/** Where a build's time went, read from Astro's log (its own durations, or its line timestamps). */
export function buildPhases(log: string): BuildPhases {
  const at = (pattern: RegExp) => {
    const match = new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d) .*${pattern.source}`, 'm').exec(log);
    return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : NaN;
  };
  const lastAt = (pattern: RegExp) => {
    const matches = [...log.matchAll(new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d) .*${pattern.source}`, 'gm'))];
    const match = matches.at(-1);
    return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : NaN;
  };
  const render = /generating static routes[\s\S]*?✓ Completed in ([^.\n]+(?:\.\d+s)?)/.exec(log)?.[1];
  return {
    bundleSeconds: at(/Rearranging server assets/) - at(/Building static entrypoints/),
    renderSeconds: render ? seconds(render) : NaN,
    pagefindSeconds: lastAt(/support-kit:pagefind-per-language\] .* pages indexed/) - at(/@astrojs\/sitemap/),
  };
}

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
}

/** `astro build --root site` on other content, into other folders; resolves with the seconds it took. */
function buildSite(env: Record<string, string>, logFile: string): Promise<number> {
  const started = performance.now();
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', 'site'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, NODE_OPTIONS: '--max-old-space-size=8192' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      log.end();
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`the site build failed (exit ${code}); see ${logFile}`));
    }),
  );
}

const benchPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>search bench</title>
${sourceImportMap}
<script type="module">
  import { bundleUrl, loadDeflectionSearch } from '/__src/core/search/deflection.ts';
  let engine;
  window.bench = {
    async load(segment) {
      const t0 = performance.now();
      engine = await loadDeflectionSearch(bundleUrl(location.href, segment));
      return performance.now() - t0;
    },
    async query(q) {
      const t0 = performance.now();
      const hits = await engine.search(q, { limit: 5 });
      return { ms: performance.now() - t0, hits: hits.length };
    },
  };
  window.benchReady = true;
</script></html>`;

/** What a deflection index request is for, from its URL. */
function resourceKind(url: string): string {
  const name = new URL(url).pathname.split('/').at(-1) ?? '';
  if (name.startsWith('terms-')) return 'word ranges';
  if (name.startsWith('articles-')) return 'article blocks';
  if (name === 'index.json') return 'manifest';
  return 'other';
}

interface BenchWindow {
  benchReady: boolean;
  bench: { load(segment: string): Promise<number>; query(q: string): Promise<{ ms: number; hits: number }> };
}

export async function measureSearch(siteDir: string): Promise<Record<'pt-br' | 'it', LanguageSearchFigures>> {
  // The widget's loader and pipeline themselves, types stripped, so the page searches exactly as the widget does.
  const host = await serveStatic(siteDir, sourceModules(repoRoot, { '/__bench/search.html': benchPage }));
  const browser = await launchChromium();
  const figures = {} as Record<'pt-br' | 'it', LanguageSearchFigures>;
  try {
    for (const segment of ['pt-br', 'it'] as const) {
      const context = await browser.newContext(); // an empty HTTP cache: a first-time visitor
      const page = await context.newPage();
      const network = recordNetwork(page);
      await page.goto(`${host.origin}/__bench/search.html`);
      await page.waitForFunction(() => (window as unknown as BenchWindow).benchReady === true);
      await network.idle(200);
      const before = new Set(network.entries);
      const loadMs = await page.evaluate((s) => (window as unknown as BenchWindow).bench.load(s), segment);
      const session: { ms: number; hits: number }[] = [];
      for (const subject of subjects[segment].session) session.push(await page.evaluate((q) => (window as unknown as BenchWindow).bench.query(q), subject));
      await network.idle(300);
      const sessionRequests = network.entries.filter((e) => !before.has(e));
      // Engine loaded, words not seen yet: each query may fetch word ranges and article blocks.
      const pool = subjects[segment].pool;
      const firstTime: number[] = [];
      for (const q of pool) firstTime.push((await page.evaluate((text) => (window as unknown as BenchWindow).bench.query(text), q)).ms);
      // Warm: the same queries again, everything they need already loaded; what typing feels like.
      const warm: number[] = [];
      for (let i = 0; i < 50; i++) warm.push((await page.evaluate((text) => (window as unknown as BenchWindow).bench.query(text), pool[i % pool.length]!)).ms);
      await context.close();
      const breakdown: Record<string, { requests: number; bytes: number }> = {};
      for (const entry of sessionRequests) {
        const kind = resourceKind(entry.url);
        breakdown[kind] ??= { requests: 0, bytes: 0 };
        breakdown[kind].requests += 1;
        breakdown[kind].bytes += entry.bytes;
      }
      figures[segment] = {
        sessionBytes: sessionRequests.reduce((sum, e) => sum + e.bytes, 0),
        sessionRequests: sessionRequests.length,
        sessionBreakdown: breakdown,
        loadMs: Math.round(loadMs * 10) / 10,
        coldQueryMs: Math.round(session[0]!.ms * 10) / 10,
        warmP50Ms: Math.round(percentile(warm, 50) * 10) / 10,
        warmP95Ms: Math.round(percentile(warm, 95) * 10) / 10,
        warmQueries: warm.length,
        newWordsP50Ms: Math.round(percentile(firstTime, 50) * 10) / 10,
        newWordsP95Ms: Math.round(percentile(firstTime, 95) * 10) / 10,
        sessionQueries: [...subjects[segment].session],
        sessionHits: session.reduce((sum, s) => sum + s.hits, 0),
      };
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return figures;
}

export interface SearchBenchOptions {
  sizes: number[];
  /** Temporary folder for the KBs, the built sites and their caches; removed size by size. */
  workDir: string;
  keep?: boolean;
  /** Where the build logs go. Default: `workDir`. */
  logDir?: string;
  log?: (line: string) => void;
}

export async function benchSearch(options: SearchBenchOptions): Promise<SizeFigures[]> {
  const log = options.log ?? (() => {});
  const results: SizeFigures[] = [];
  for (const perLanguage of options.sizes) {
    const kbDir = path.join(options.workDir, `kb-${perLanguage}`);
    const outDir = path.join(options.workDir, `site-${perLanguage}`);
    const cacheDir = path.join(options.workDir, `cache-${perLanguage}`);
    for (const dir of [kbDir, outDir, cacheDir]) rmSync(dir, { recursive: true, force: true });
    log(`search: writing ${perLanguage} synthetic articles per language`);
    const kb = writeSyntheticKb({ outDir: kbDir, perLanguage, contentDir: path.join(repoRoot, 'content') });
    log(`search: building ${2 * perLanguage} articles with Astro + Pagefind`);
    const buildSeconds = await buildSite({ CONTENT_CHECKS: 'warn', CONTENT_DIR: kbDir, SITE_OUT_DIR: outDir, SITE_CACHE_DIR: cacheDir }, path.join(options.logDir ?? options.workDir, `build-${perLanguage}.log`));
    const pages = countPages(outDir);
    const onDisk = { pagefind: { bytes: 0, files: 0 }, deflection: { bytes: 0, files: 0 } };
    for (const segment of ['pt-br', 'it']) {
      for (const kind of ['pagefind', 'deflection'] as const) {
        const dir = path.join(outDir, kind, segment);
        if (!existsSync(dir)) throw new Error(`${dir} is missing: the ${kind} step did not run`);
        const size = folderBytes(dir);
        onDisk[kind].bytes += size.bytes;
        onDisk[kind].files += size.files;
      }
    }
    log(`search: ${pages} pages in ${buildSeconds.toFixed(1)} s; searching in Chromium`);
    const search = await measureSearch(outDir);
    results.push({
      articlesPerLanguage: perLanguage,
      pages,
      buildSeconds: Math.round(buildSeconds * 10) / 10,
      secondsPer1000Pages: Math.round((buildSeconds / pages) * 1000 * 10) / 10,
      buildPhases: buildPhases(readFileSync(path.join(options.logDir ?? options.workDir, `build-${perLanguage}.log`), 'utf8')),
      indexBytes: onDisk.pagefind.bytes,
      indexFiles: onDisk.pagefind.files,
      deflectionBytes: onDisk.deflection.bytes,
      deflectionFiles: onDisk.deflection.files,
      kbWords: kb.words,
      search,
    });
    if (!options.keep) for (const dir of [kbDir, outDir, cacheDir]) rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
