/** Page 2: content gaps, ranked, each with a way to say which article now covers it, and the follow-up of covered ones. */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import { lastDays } from '../insights/days.ts';
import { gapReport, type Gap } from '../insights/gaps.ts';
import { barChart } from '../render/charts.ts';
import { html } from '../render/html.ts';
import { renderTable, type DataTable } from '../render/table.ts';
import { choice, csvHref, type PageContext, type PageView } from './context.ts';
import { windowForm } from './window-form.ts';

export const gapDays = [30, 90, 365] as const;
/** Rows on the page; the CSV has every gap. */
const shownGaps = 50;

export async function gapsPage(ctx: PageContext): Promise<PageView> {
  const { t, formats, catalog } = ctx;
  const days = choice(ctx.query.get('days'), gapDays, 90);
  const range = lastDays(ctx.now, days);
  const gaps = gapReport(await ctx.store.queryOutcomes(range), range.to, await ctx.store.gapCoverage());
  const open = gaps.filter((g) => !g.coverage);
  const covered = gaps.filter((g) => g.coverage);
  const langNames = (langs: readonly string[]) => langs.map((l) => t.languageNames[l as ContentLanguage]).join(', ');
  const titleOf = (translationKey: string, langs: readonly ContentLanguage[]) => {
    const versions = catalog?.filter((a) => a.translationKey === translationKey) ?? [];
    return (versions.find((a) => langs.includes(a.lang)) ?? versions[0])?.title ?? translationKey;
  };
  const articleKeys = [...new Set((catalog ?? []).map((a) => a.translationKey))];

  const coverForm = (gap: Gap) => {
    if (!catalog) return html`<span class="muted">—</span>`;
    const options = articleKeys
      .map((key) => ({ key, title: titleOf(key, gap.languages) }))
      .sort((a, b) => a.title.localeCompare(b.title, ctx.lang));
    const id = `cover-${Buffer.from(gap.key).toString('hex').slice(0, 40)}`;
    return html`<form class="inline" method="post" action="/console/api/gaps/cover">
  <input type="hidden" name="csrf" value="${ctx.formToken()}"><input type="hidden" name="gap" value="${gap.key}"><input type="hidden" name="days" value="${days}">
  <label class="visually-hidden" for="${id}">${t.gaps.articleFor(gap.key)}</label>
  <select id="${id}" name="article" required><option value="">${t.gaps.choose}</option>${options.map((o) => html`<option value="${o.key}">${o.title}</option>`)}</select>
  <button class="button secondary" type="submit">${t.gaps.mark}</button>
</form>`;
  };

  const table: DataTable = {
    id: 'gaps',
    caption: t.gaps.table,
    columns: [
      { key: 'gap', label: t.gaps.gap },
      { key: 'rank', label: t.gaps.rank, format: 'integer' },
      { key: 'languages', label: t.gaps.languages },
      { key: 'searches', label: t.gaps.searches, format: 'integer' },
      { key: 'misses', label: t.gaps.misses, format: 'integer' },
      { key: 'weak', label: t.gaps.weak, format: 'integer' },
      { key: 'endedInTicket', label: t.gaps.endedInTicket, format: 'integer' },
      { key: 'lastSeen', label: t.gaps.lastSeen, format: 'date' },
      { key: 'examples', label: t.gaps.examples },
      { key: 'action', label: t.gaps.action, pageOnly: true },
    ],
    rows: (ctx.exporting ? open : open.slice(0, shownGaps)).map((g, i) => ({
      gap: g.key,
      rank: i + 1,
      languages: langNames(g.languages),
      searches: g.searches,
      misses: g.misses,
      weak: g.weak,
      endedInTicket: g.endedInTicket,
      lastSeen: g.lastSeen,
      examples: g.examples.join(' · '),
      action: { value: null, html: coverForm(g) },
    })),
    empty: t.gaps.empty,
  };

  const coveredTable: DataTable = {
    id: 'covered',
    caption: t.gaps.coveredTable,
    columns: [
      { key: 'gap', label: t.gaps.gap },
      { key: 'article', label: t.gaps.coveredBy },
      { key: 'coveredOn', label: t.gaps.coveredOn, format: 'date' },
      { key: 'coveredBy', label: t.gaps.coveredByWhom },
      { key: 'sinceCovered', label: t.gaps.sinceCovered, format: 'integer' },
      { key: 'searches', label: t.gaps.searches, format: 'integer' },
    ],
    rows: covered.map((g) => {
      const coverage = g.coverage!;
      const versions = catalog?.filter((a) => a.translationKey === coverage.article) ?? [];
      const missing = g.languages.filter((lang) => catalog && !versions.some((v) => v.lang === lang));
      const title = titleOf(coverage.article, g.languages);
      const text = missing.length ? `${title} (${t.gaps.missingIn(langNames(missing))})` : title;
      const path = versions.find((v) => g.languages.includes(v.lang))?.path ?? versions[0]?.path;
      return { gap: g.key, article: path ? { value: text, href: path } : text, coveredOn: coverage.coveredAt, coveredBy: coverage.coveredBy, sinceCovered: g.searchesSinceCovered ?? 0, searches: g.searches };
    }),
    empty: t.gaps.coveredEmpty,
  };

  const top = open.slice(0, 10);
  const chart = top.length
    ? html`<h2>${t.gaps.chartTitle}</h2><figure>${barChart({ id: 'gaps-chart', title: t.gaps.chartTitle, description: t.gaps.chartDescription, bars: top.map((g) => ({ label: g.key, value: g.searches, text: formats.integer(g.searches) })) })}</figure>`
    : '';

  const body = html`<p class="intro">${t.gaps.intro}</p>
${windowForm(ctx, '/console/gaps', 'days', gapDays, days, t.window.days, t.window.daysOption)}
${catalog ? '' : html`<p class="notice">${t.gaps.noCatalog}</p>`}
${chart}
<h2>${t.gaps.table}</h2>
${renderTable(table, formats, csvHref('gaps', table.id, ctx.query))}
<h2>${t.gaps.coveredTable}</h2>
<p class="intro">${t.gaps.coveredIntro}</p>
${renderTable(coveredTable, formats, csvHref('gaps', coveredTable.id, ctx.query))}`;
  return { title: t.pages.gaps, body, tables: [table, coveredTable], data: { range } };
}
