/** The audit log (agents): sign-ins, ticket views, exports, deletions, status changes. */
import { html } from '../render/html.ts';
import { renderTable, type DataTable } from '../render/table.ts';
import { csvHref, type PageContext, type PageView } from './context.ts';

export const auditShown = 500;

export async function auditPage(ctx: PageContext): Promise<PageView> {
  const { t, formats } = ctx;
  const entries = await ctx.store.auditEntries(ctx.exporting ? 100_000 : auditShown);
  const table: DataTable = {
    id: 'audit',
    caption: t.audit.table,
    columns: [{ key: 'when', label: t.audit.when, format: 'datetime' }, { key: 'who', label: t.audit.who }, { key: 'action', label: t.audit.action }, { key: 'target', label: t.audit.target }, { key: 'detail', label: t.audit.detail }],
    rows: entries.map((e) => ({ when: e.at, who: e.actor, action: t.audit.actions[e.action], target: e.target ?? null, detail: e.detail ?? null })),
    empty: t.audit.empty,
  };
  const body = html`<p class="intro">${t.audit.intro}</p>
${renderTable(table, formats, csvHref('audit', table.id, ctx.query))}`;
  return { title: t.pages.audit, body, tables: [table] };
}
