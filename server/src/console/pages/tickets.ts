/** Page 4 (agents): the ticket list with filters, tickets whose delivery failed on top. */
import { uiLanguages } from '../../../../core/contract/locales.ts';
import { ticketStatuses, type TicketStatus } from '../../../../core/contract/ticket-status.ts';
import type { TicketFilter, TicketListItem } from '../../store/console-store.ts';
import { html, type Html } from '../render/html.ts';
import { renderTable, type DataTable, type Row } from '../render/table.ts';
import { csvHref, type PageContext, type PageView } from './context.ts';
import { supportNames } from './names.ts';

export const ticketsPerPage = 50;
/** A CSV holds every matching ticket, up to this many. */
const exportLimit = 100_000;

/** The filters a query string asks for; unknown values are ignored, never an error. */
export function ticketFilter(query: URLSearchParams, known: { departments: readonly string[]; topics: readonly string[]; priorities: readonly string[] }): TicketFilter {
  const pick = (name: string, options: readonly string[]) => {
    const value = query.get(name);
    return value && options.includes(value) ? value : undefined;
  };
  const verified = query.get('verified');
  const filter: TicketFilter = {};
  const department = pick('department', known.departments);
  const topic = pick('topic', known.topics);
  const priority = pick('priority', known.priorities);
  const status = pick('status', ticketStatuses) as TicketStatus | undefined;
  const lang = pick('language', uiLanguages) as TicketFilter['lang'];
  if (department) filter.department = department;
  if (topic) filter.topic = topic;
  if (priority) filter.priority = priority;
  if (status) filter.status = status;
  if (lang) filter.lang = lang;
  if (verified === 'yes' || verified === 'no') filter.verified = verified === 'yes';
  return filter;
}

export async function ticketsPage(ctx: PageContext): Promise<PageView> {
  const { t, formats, store } = ctx;
  const names = supportNames(ctx.config.support, ctx.lang);
  const filter = ticketFilter(ctx.query, { departments: names.departments.map(([k]) => k), topics: names.topics.map(([k]) => k), priorities: names.priorities.map(([k]) => k) });
  const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1));
  const limit = ctx.exporting ? exportLimit : ticketsPerPage;
  const offset = ctx.exporting ? 0 : (pageNumber - 1) * ticketsPerPage;
  const [list, failed] = await Promise.all([store.listTickets(filter, { limit, offset }), store.ticketsWithFailedDeliveries(filter, ctx.exporting ? exportLimit : 100)]);

  const row = (ticket: TicketListItem): Row => ({
    number: { value: ticket.number, href: `/console/tickets/${encodeURIComponent(ticket.number)}` },
    created: ticket.createdAt,
    status: t.statuses[ticket.status],
    lang: t.languageNames[ticket.lang],
    department: names.department(ticket.department),
    topic: names.topic(ticket.topic),
    priority: names.priority(ticket.priority),
    subject: ticket.subject,
    customer: `${ticket.customerName} <${ticket.customerEmail}>`,
    verified: ticket.verified ? t.yes : t.no,
    attachments: ticket.attachments,
    deliveries: {
      value: ticket.deliveries.map((d) => `${d.forwarder}: ${t.deliveryStates[d.state]}`).join(', ') || null,
      html: html`${ticket.deliveries.map((d, i) => html`${i ? ', ' : ''}${d.forwarder}: <span class="state-${d.state}">${t.deliveryStates[d.state]}</span>`)}`,
    },
  });
  const columns: DataTable['columns'] = [
    { key: 'number', label: t.tickets.number },
    { key: 'created', label: t.tickets.created, format: 'datetime' },
    { key: 'status', label: t.tickets.status },
    { key: 'lang', label: t.tickets.language },
    { key: 'department', label: t.tickets.department },
    { key: 'topic', label: t.tickets.topic },
    { key: 'priority', label: t.tickets.priority },
    { key: 'subject', label: t.tickets.subject },
    { key: 'customer', label: t.tickets.customer },
    { key: 'verified', label: t.tickets.verified },
    { key: 'attachments', label: t.tickets.attachments, format: 'integer' },
    { key: 'deliveries', label: t.tickets.deliveries },
  ];
  const failedTable: DataTable = { id: 'failed', caption: t.tickets.failedTable, columns, rows: failed.map(row), empty: t.tickets.failedEmpty };
  const table: DataTable = { id: 'tickets', caption: t.tickets.table, columns, rows: list.items.map(row), empty: t.tickets.empty };

  const select = (name: string, label: string, options: readonly (readonly [string, string])[]) => {
    const current = ctx.query.get(name) ?? '';
    return html`<label>${label}<select name="${name}"><option value="">${t.tickets.all}</option>${options.map(([value, text]) => html`<option value="${value}"${value === current ? html` selected` : ''}>${text}</option>`)}</select></label>`;
  };
  const filters = html`<form class="filters" method="get" action="/console/tickets" aria-label="${t.tickets.filters}">
  ${select('department', t.tickets.department, names.departments)}
  ${select('topic', t.tickets.topic, names.topics)}
  ${select('priority', t.tickets.priority, names.priorities)}
  ${select('status', t.tickets.status, ticketStatuses.map((s) => [s, t.statuses[s]] as const))}
  ${select('language', t.tickets.language, uiLanguages.map((l) => [l, t.languageNames[l]] as const))}
  ${select('verified', t.tickets.verified, [['yes', t.yes], ['no', t.no]])}
  <button class="button secondary" type="submit">${t.tickets.apply}</button>
</form>`;

  const pager = (label: string): Html => {
    if (list.total <= ticketsPerPage) return html``;
    const link = (n: number, text: string, rel: string) => {
      const params = new URLSearchParams(ctx.query);
      params.set('page', String(n));
      params.delete('lang');
      return html`<a href="/console/tickets?${params.toString()}" rel="${rel}">${text}</a>`;
    };
    const from = offset + 1;
    const to = Math.min(list.total, offset + ticketsPerPage);
    return html`<nav class="pager" aria-label="${label}">${pageNumber > 1 ? link(pageNumber - 1, t.tickets.previous, 'prev') : ''}<span>${t.tickets.page(from, to, list.total)}</span>${to < list.total ? link(pageNumber + 1, t.tickets.next, 'next') : ''}</nav>`;
  };

  const body = html`${filters}
<h2>${t.tickets.failedTable}</h2>
<p class="intro">${t.tickets.failedIntro}</p>
${renderTable(failedTable, formats, csvHref('tickets', failedTable.id, ctx.query))}
<h2>${t.tickets.table}</h2>
${pager(t.tickets.pagination)}
${renderTable(table, formats, csvHref('tickets', table.id, ctx.query))}
${pager(t.tickets.paginationEnd)}`;
  return { title: t.pages.tickets, body, tables: [failedTable, table], data: { total: list.total, page: pageNumber, filter } };
}
