/**
 * `npm run demo:data`: fills an empty store with eight weeks of synthetic support history
 * (console/demo-history.ts), so the staff console has something to show at once. The store the
 * server uses: PostgreSQL when DATABASE_URL is set, else DATA_DIR (default ./data). Then:
 * `npm run staff -- add you@example.com --role agent` and `npm start`.
 *
 *   --weeks 8      how far back
 *   --per-day 60   widget sessions on a weekday
 *   --force        add to a data folder that already holds tickets (never do this with real data)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { contentLanguages, languagePath, type ContentLanguage } from '../../../core/contract/locales.ts';
import { loadArticleCatalog, type CatalogArticle } from '../published-articles.ts';
import { openServerStore } from '../store/server-store.ts';
import { generateHistory } from './demo-history.ts';

/**
 * The KB's articles: from the built site when there is one, else read from the content folder
 * (titles, translation keys, pages), so the demo needs no build.
 */
export function demoCatalog(siteDir: string, contentDir: string): CatalogArticle[] {
  const built = loadArticleCatalog(siteDir, () => {});
  if (built?.length) return built;
  const articles: CatalogArticle[] = [];
  for (const lang of contentLanguages as readonly ContentLanguage[]) {
    const folder = path.join(contentDir, languagePath[lang]);
    for (const file of readdirSync(folder).filter((f) => /\.mdx?$/.test(f))) {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(folder, file), 'utf8'))?.[1] ?? '';
      const data = parseYaml(front) as { title?: string; translationKey?: string; updated?: string | Date };
      if (!data.translationKey) continue;
      const updated = data.updated instanceof Date ? data.updated.toISOString().slice(0, 10) : data.updated;
      articles.push({ translationKey: data.translationKey, lang, ...(data.title ? { title: data.title } : {}), path: `/${languagePath[lang]}/${file.replace(/\.mdx?$/, '')}/`, ...(updated ? { updated } : {}) });
    }
  }
  return articles;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { weeks: { type: 'string', default: '8' }, 'per-day': { type: 'string', default: '60' }, force: { type: 'boolean', default: false } } });
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  let opened: Awaited<ReturnType<typeof openServerStore>>;
  try {
    opened = await openServerStore();
  } catch (error) {
    console.error(`[support-kit demo] ${(error as Error).message}`);
    process.exit(1);
  }
  const { store, where } = opened;
  try {
    const { tickets } = await store.stats();
    if (tickets > 0 && !values.force) {
      console.error(`[support-kit demo] ${where} already holds ${tickets} tickets: demo data goes into an empty one, e.g. DATA_DIR=./data-demo npm run demo:data (then start the server with the same DATA_DIR), or a new PostgreSQL database`);
      process.exitCode = 1;
    } else {
      const catalog = demoCatalog(path.resolve(process.env.SITE_DIR ?? 'site/dist'), path.resolve(process.env.CONTENT_DIR ?? 'content'));
      const started = performance.now();
      const counts = await generateHistory(store, {
        now: new Date(),
        days: Number(values.weeks) * 7,
        sessionsPerDay: Number(values['per-day']),
        extraTickets: 40,
        catalog,
        // Files live in DATA_DIR with either store (every instance shares it).
        attachmentsDir: path.join(dataDir, 'attachments'),
      });
      console.log(`[support-kit demo] ${where}: ${counts.sessions.toLocaleString('en-US')} widget sessions, ${counts.events.toLocaleString('en-US')} events, ${counts.tickets.toLocaleString('en-US')} tickets, ${counts.votes.toLocaleString('en-US')} votes (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      if ((await store.countStaff()) === 0) console.log('Next: npm run staff -- add you@example.com --role agent   (then npm start, and open /console/)');
      else console.log('Next: npm start, and open /console/');
    }
  } finally {
    await opened.end();
  }
}
