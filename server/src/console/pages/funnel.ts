/** Page 1: the deflection funnel per language, week by week, with the deflection rate and its trend. */
import { contentLanguages } from '../../../../core/contract/locales.ts';
import { lastWeeks } from '../insights/days.ts';
import { funnelReport, funnelSteps } from '../insights/funnel.ts';
import { barChart, lineChart } from '../render/charts.ts';
import { html } from '../render/html.ts';
import { renderTable, type Column, type DataTable } from '../render/table.ts';
import { choice, csvHref, type PageContext, type PageView } from './context.ts';
import { windowForm } from './window-form.ts';

export const funnelWeeks = [4, 8, 12, 26] as const;

export async function funnelPage(ctx: PageContext): Promise<PageView> {
  const { t, formats } = ctx;
  const weeks = choice(ctx.query.get('weeks'), funnelWeeks, 12);
  const range = lastWeeks(ctx.now, weeks);
  const report = funnelReport(await ctx.store.funnel(range), range, contentLanguages);
  const stepColumns: Column[] = funnelSteps.map((step) => ({ key: step, label: t.funnel.steps[step], format: 'integer' }));
  const langName = (lang: string) => t.languageNames[lang as keyof typeof t.languageNames];

  const totals: DataTable = {
    id: 'totals',
    caption: t.funnel.totalsTable,
    columns: [{ key: 'lang', label: t.funnel.language }, ...stepColumns, { key: 'rate', label: t.funnel.rate, format: 'percent' }, { key: 'trend', label: t.funnel.trend, format: 'points' }],
    rows: report.languages.map((l) => ({ lang: langName(l.lang), sessions: l.sessions, searched: l.searched, suggestionOpened: l.suggestionOpened, solved: l.solved, ticketSent: l.ticketSent, rate: l.rate, trend: l.trend })),
    empty: t.funnel.empty,
  };
  const weekly: DataTable = {
    id: 'weekly',
    caption: t.funnel.weeklyTable,
    columns: [{ key: 'week', label: t.funnel.week, format: 'date' }, { key: 'lang', label: t.funnel.language }, ...stepColumns, { key: 'rate', label: t.funnel.rate, format: 'percent' }],
    rows: report.rows.map((r) => ({ week: r.week, lang: langName(r.lang), sessions: r.sessions, searched: r.searched, suggestionOpened: r.suggestionOpened, solved: r.solved, ticketSent: r.ticketSent, rate: r.rate })),
    empty: t.funnel.empty,
  };

  const anySession = report.languages.some((l) => l.sessions > 0);
  const cards = report.languages.map((l) => {
    if (l.rate === null) return html`<li>${t.funnel.noRate(langName(l.lang))}</li>`;
    const trend = l.trend === null ? null : Math.abs(l.trend) < 0.0005 ? t.funnel.trendFlat : l.trend > 0 ? t.funnel.trendUp(formats.points(Math.abs(l.trend)).replace(/^\+/, '')) : t.funnel.trendDown(formats.points(Math.abs(l.trend)).replace(/^\+/, ''));
    return html`<li><span>${langName(l.lang)}</span><strong>${formats.percent(l.rate)}</strong>${trend && l.latestWeek ? t.funnel.summary(langName(l.lang), formats.percent(l.rate), trend, formats.date(l.latestWeek)) : t.funnel.noTrend}</li>`;
  });

  const maxSessions = Math.max(1, ...report.languages.map((l) => l.sessions));
  const funnelChart = barChart({
    id: 'funnel-chart',
    title: t.funnel.funnelChartTitle,
    description: t.funnel.funnelChartDescription,
    max: maxSessions,
    bars: report.languages.flatMap((l) => funnelSteps.map((step) => ({ group: langName(l.lang), label: t.funnel.steps[step], value: l[step], text: formats.integer(l[step]) }))),
  });
  const rateChart = lineChart({
    id: 'rate-chart',
    title: t.funnel.rateChartTitle,
    description: t.funnel.rateChartDescription,
    xLabels: report.weeks.map((w) => formats.shortDate(w)),
    series: report.languages.map((l) => ({ name: langName(l.lang), values: report.rows.filter((r) => r.lang === l.lang).map((r) => r.rate) })),
    yLabel: (v) => formats.percent(v).replace(/[,.]0(?=\s?%)/, ''),
  });

  const body = html`<p class="intro">${t.funnel.intro}</p>
<p class="intro">${t.funnel.rateDefinition}</p>
${windowForm(ctx, '/console/funnel', 'weeks', funnelWeeks, weeks, t.window.weeks, t.window.weeksOption)}
${anySession ? '' : html`<p class="notice">${t.funnel.empty}</p>`}
<h2>${t.funnel.summaryTitle}</h2>
<ul class="cards">${cards}</ul>
<h2>${t.funnel.funnelChartTitle}</h2>
<figure>${funnelChart}</figure>
${renderTable(totals, formats, csvHref('funnel', totals.id, ctx.query))}
<h2>${t.funnel.rateChartTitle}</h2>
<figure>${rateChart}</figure>
${renderTable(weekly, formats, csvHref('funnel', weekly.id, ctx.query))}`;
  return { title: t.pages.funnel, body, tables: [totals, weekly], data: { range, languages: report.languages } };
}
