/** Page 3: article health, "not helpful" comments, missing translations, stale articles. */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import { articleReport, redactedComment } from '../insights/articles.ts';
import { lastDays } from '../insights/days.ts';
import { barChart } from '../render/charts.ts';
import { html } from '../render/html.ts';
import { renderTable, type DataTable } from '../render/table.ts';
import { choice, csvHref, type PageContext, type PageView } from './context.ts';
import { windowForm } from './window-form.ts';

export const articleDays = [30, 90, 365] as const;
/** Comments listed on the page (the newest say the most); the CSV has more. */
const commentsShown = 30;
const commentsExported = 5000;

export async function articlesPage(ctx: PageContext): Promise<PageView> {
  const { t, formats, store } = ctx;
  const days = choice(ctx.query.get('days'), articleDays, 90);
  const range = lastDays(ctx.now, days);
  const comments = await store.notHelpfulComments(ctx.exporting ? commentsExported : commentsShown);
  const report = articleReport({
    catalog: ctx.catalog ?? [],
    activity: await store.articleActivity(range),
    votes: await store.articleVotes(),
    comments,
    today: range.to,
    staleDays: ctx.config.console.staleArticleDays,
  });
  const langName = (lang: ContentLanguage) => t.languageNames[lang];
  const titleOf = new Map((ctx.catalog ?? []).map((a) => [`${a.translationKey} ${a.lang}`, a]));
  const link = (title: string, path: string | undefined) => (path ? { value: title, href: path } : title);

  const articles: DataTable = {
    id: 'articles',
    caption: t.articles.table,
    columns: [
      { key: 'title', label: t.articles.title },
      { key: 'lang', label: t.articles.language },
      { key: 'updated', label: t.articles.updated, format: 'date' },
      { key: 'opened', label: t.articles.opened, format: 'integer' },
      { key: 'solved', label: t.articles.solved, format: 'integer' },
      { key: 'ticketsAfter', label: t.articles.ticketsAfter, format: 'integer' },
      { key: 'votes', label: t.articles.votes, format: 'integer' },
      { key: 'helpfulShare', label: t.articles.helpfulShare, format: 'percent' },
      { key: 'comments', label: t.articles.comments, format: 'integer' },
    ],
    rows: report.articles.map((a) => ({
      title: link(a.title, a.path),
      lang: langName(a.lang),
      updated: a.updated ?? null,
      opened: a.opened,
      solved: a.solved,
      ticketsAfter: a.ticketsAfter,
      votes: a.votes,
      helpfulShare: a.helpfulShare,
      comments: a.notHelpfulComments,
    })),
    empty: t.articles.empty,
  };
  const commentsTable: DataTable = {
    id: 'comments',
    caption: t.articles.commentsTable,
    columns: [{ key: 'title', label: t.articles.title }, { key: 'lang', label: t.articles.language }, { key: 'date', label: t.articles.date, format: 'date' }, { key: 'comment', label: t.articles.comment }],
    rows: comments.map((c) => {
      const article = titleOf.get(`${c.articleId} ${c.lang}`);
      return { title: link(article?.title ?? c.articleId, article?.path), lang: langName(c.lang), date: c.at, comment: redactedComment(c.comment) };
    }),
    empty: t.articles.commentsEmpty,
  };
  const missing: DataTable = {
    id: 'missing-translations',
    caption: t.articles.missingTable,
    columns: [{ key: 'title', label: t.articles.title }, { key: 'has', label: t.articles.has }, { key: 'missing', label: t.articles.missing }],
    rows: report.missingTranslations.map((m) => ({ title: link(m.title, titleOf.get(`${m.translationKey} ${m.has}`)?.path), has: langName(m.has), missing: langName(m.missing) })),
    empty: t.articles.missingEmpty,
  };
  const stale: DataTable = {
    id: 'stale',
    caption: t.articles.staleTable,
    columns: [{ key: 'title', label: t.articles.title }, { key: 'lang', label: t.articles.language }, { key: 'updated', label: t.articles.updated, format: 'date' }, { key: 'age', label: t.articles.age, format: 'integer' }],
    rows: report.stale.map((a) => ({ title: link(a.title, a.path), lang: langName(a.lang), updated: a.updated ?? null, age: a.ageDays ?? null })),
    empty: t.articles.staleEmpty,
  };
  const unknown: DataTable = {
    id: 'unknown-pages',
    caption: t.articles.unknownTable,
    columns: [{ key: 'page', label: t.articles.page }, { key: 'lang', label: t.articles.language }, { key: 'opened', label: t.articles.opened, format: 'integer' }, { key: 'solved', label: t.articles.solved, format: 'integer' }, { key: 'ticketsAfter', label: t.articles.ticketsAfter, format: 'integer' }],
    rows: report.unknownPages.map((p) => ({ page: p.article, lang: langName(p.lang), opened: p.opened, solved: p.solved, ticketsAfter: p.ticketsAfter })),
    empty: t.articles.unknownEmpty,
  };

  const voted = report.articles.filter((a) => a.helpfulShare !== null).sort((a, b) => (a.helpfulShare ?? 0) - (b.helpfulShare ?? 0) || b.votes - a.votes).slice(0, 15);
  const chart = voted.length
    ? html`<figure>${barChart({
        id: 'helpful-chart',
        title: t.articles.chartTitle,
        description: t.articles.chartDescription,
        max: 1,
        bars: voted.map((a) => ({ label: `${a.title} (${a.lang})`, value: a.helpfulShare ?? 0, text: `${formats.percent(a.helpfulShare ?? 0)} · ${formats.integer(a.votes)}` })),
      })}</figure>`
    : '';

  const body = html`<p class="intro">${t.articles.intro}</p>
${windowForm(ctx, '/console/articles', 'days', articleDays, days, t.window.days, t.window.daysOption)}
${voted.length ? html`<h2>${t.articles.chartTitle}</h2>${chart}` : ''}
<h2>${t.articles.table}</h2>
${renderTable(articles, formats, csvHref('articles', articles.id, ctx.query))}
<h2>${t.articles.commentsTable}</h2>
<p class="intro">${t.articles.commentsIntro}</p>
${renderTable(commentsTable, formats, csvHref('articles', commentsTable.id, ctx.query))}
<h2>${t.articles.missingTable}</h2>
${renderTable(missing, formats, csvHref('articles', missing.id, ctx.query))}
<h2>${t.articles.staleTable}</h2>
<p class="intro">${t.articles.staleIntro(ctx.config.console.staleArticleDays)}</p>
${renderTable(stale, formats, csvHref('articles', stale.id, ctx.query))}
${report.unknownPages.length ? html`<h2>${t.articles.unknownTable}</h2>${renderTable(unknown, formats, csvHref('articles', unknown.id, ctx.query))}` : ''}`;
  return { title: t.pages.articles, body, tables: [articles, commentsTable, missing, stale, unknown], data: { range } };
}
