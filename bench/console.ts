/**
 * The staff console at scale: a synthetic history of about 100,000 search events and 10,000 tickets
 * (server/src/console/demo-history.ts), then each console page and its JSON asked for through the
 * real app in this process (`app.request`, signed in as an agent). The figure is server time: from
 * the request entering the app to the whole answer read, median and worst of several runs after a
 * warm-up, and the process's CPU time per request (which other work on the machine does not
 * inflate). Target (issue 14): every page under 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { hashPassword } from '../server/src/console/auth/password.ts';
import { demoCatalog } from '../server/src/console/demo-data.ts';
import { generateHistory } from '../server/src/console/demo-history.ts';
import { openSqliteStore } from '../server/src/store/sqlite-store.ts';
import { repoRoot } from './server-process.ts';

export interface ConsolePageFigures {
  path: string;
  medianMs: number;
  maxMs: number;
  /** CPU time of this process per request, median: what the page costs, whatever else the machine runs. */
  cpuMedianMs: number;
  bytes: number;
}

export interface ConsoleFigures {
  events: number;
  tickets: number;
  sessions: number;
  votes: number;
  generateSeconds: number;
  runs: number;
  pages: ConsolePageFigures[];
}

export async function benchConsole(options: { events: number; tickets: number; runs: number; log: (line: string) => void }): Promise<ConsoleFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'support-kit-bench-console-'));
  const store = openSqliteStore(path.join(dir, 'support-kit.sqlite'));
  try {
    const catalog = demoCatalog(path.join(repoRoot, 'site/dist'), path.join(repoRoot, 'content'));
    const now = new Date();
    const days = 84;
    const started = performance.now();
    // About 3 events per widget session, the KB's search page included, over 12 weeks with quieter weekends (measured on the generator).
    const sessionsPerDay = Math.round(options.events / 2.9 / days / 0.85);
    const history = await generateHistory(store, { now, days, sessionsPerDay, catalog, attachmentsDir: path.join(dir, 'attachments') });
    const more = await generateHistory(store, { now, days, sessionsPerDay: 0, extraTickets: Math.max(0, options.tickets - history.tickets), catalog: [], attachmentsDir: path.join(dir, 'attachments'), seed: 15 });
    const generateSeconds = (performance.now() - started) / 1000;
    options.log(`console: ${history.events.toLocaleString('en-US')} events, ${(history.tickets + more.tickets).toLocaleString('en-US')} tickets in ${generateSeconds.toFixed(0)} s`);

    const config = loadConfig({ DATA_DIR: dir, CONTENT_DIR: path.join(repoRoot, 'content'), SITE_DIR: path.join(repoRoot, 'site/dist'), DEMO_PORT: '0' });
    const app = createApp({ config, store, forwarders: ['webhook'], ticketSecret: Buffer.alloc(32, 1), articles: catalog, passwordCost: { logN: 4, r: 1, p: 1 } });
    const at = now.toISOString();
    await store.addStaff({ id: 'bench', email: 'bench@example.com', role: 'agent', passwordHash: await hashPassword('bench password 123', { logN: 4, r: 1, p: 1 }), createdAt: at, passwordChangedAt: at });
    const origin = `http://localhost:${config.port}`;
    const signInPage = await app.request('/console/');
    const pre = /sk_console_pre=([^;]+)/.exec(signInPage.headers.getSetCookie().join(';'))?.[1] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(await signInPage.text())?.[1] ?? '';
    const signedIn = await app.request('/console/sign-in', {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `sk_console_pre=${pre}` },
      body: new URLSearchParams({ email: 'bench@example.com', password: 'bench password 123', csrf }).toString(),
    });
    const session = /sk_console=([^;]+)/.exec(signedIn.headers.getSetCookie().join(';'))?.[1];
    if (!session) throw new Error(`console sign-in failed: HTTP ${signedIn.status}`);
    const cookie = `sk_console=${session}`;

    const [someTicket] = (await store.listTickets({}, { limit: 1, offset: 0 })).items;
    const paths = [
      '/console/funnel', '/console/funnel?weeks=26', '/console/gaps', '/console/gaps?days=365', '/console/articles', '/console/tickets',
      '/console/tickets?status=open&language=pt-BR', `/console/tickets/${someTicket?.number ?? 'BR-000001'}`,
      `/console/privacy?email=${encodeURIComponent(someTicket?.customerEmail ?? 'ana@example.com')}`, '/console/audit',
      '/console/api/funnel', '/console/api/gaps', '/console/api/articles', '/console/api/tickets',
    ];
    const pages: ConsolePageFigures[] = [];
    for (const url of paths) {
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < options.runs + 2; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        const answer = await app.request(url, { headers: { Cookie: cookie } });
        const body = await answer.arrayBuffer();
        const elapsed = performance.now() - t;
        const used = process.cpuUsage(c);
        if (answer.status !== 200) throw new Error(`${url}: HTTP ${answer.status}`);
        bytes = body.byteLength;
        if (i < 2) continue; // two warm-up runs: prepared statements, JIT
        times.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
      }
      const median = (list: number[]) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]! * 10) / 10;
      pages.push({ path: url, medianMs: median(times), maxMs: Math.round(Math.max(...times) * 10) / 10, cpuMedianMs: median(cpu), bytes });
      options.log(`console: ${url} median ${pages.at(-1)!.medianMs} ms`);
    }
    return { events: history.events + more.events, tickets: history.tickets + more.tickets, sessions: history.sessions, votes: history.votes, generateSeconds, runs: options.runs, pages };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node bench/console.ts`: this section alone.
if (import.meta.main) {
  const figures = await benchConsole({ events: 100_000, tickets: 10_000, runs: 10, log: (line) => console.error(line) });
  console.log(JSON.stringify(figures, null, 2));
}
