/**
 * Page 4, one ticket (agents): everything the customer sent with each removed secret marked, the
 * attachments (downloaded through the console only), the delivery to each forwarder with a retry,
 * the status (what the customer's status page shows) and its history.
 */
import { ticketStatuses, type TicketStatus } from '../../../../core/contract/ticket-status.ts';
import { limits } from '../../../../core/contract/limits.ts';
import type { StoredAttachment } from '../../store/records.ts';
import { redactionMarkers } from '../../intake/redact.ts';
import type { TicketRecord } from '../../store/console-store.ts';
import { escapeHtml, Html, html } from '../render/html.ts';
import { renderTable, type DataTable } from '../render/table.ts';
import { csvHref, type PageContext, type PageView } from './context.ts';
import { supportNames } from './names.ts';

const markerPattern = new RegExp(redactionMarkers.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** Text as typed, with each place a secret was removed marked (<mark>) so the agent sees what is missing. */
export function withRedactionMarks(text: string): Html {
  return new Html(escapeHtml(text).replace(markerPattern, (found) => `<mark>${found}</mark>`));
}

/** A ticket with what its page shows besides the record: the files of the customer's replies. */
export type TicketPageRecord = TicketRecord & { replyFiles: { at: string; file: StoredAttachment }[] };

/** The statuses an agent's reply may leave a ticket in: answered, waiting on the customer, or solved. */
export const replyStatuses: readonly TicketStatus[] = ['answered', 'waiting-customer', 'closed'];

export async function ticketRecord(ctx: PageContext, number: string): Promise<TicketPageRecord | undefined> {
  const stored = await ctx.store.ticketByNumber(number);
  if (!stored) return undefined;
  const { tokenHash: _secret, ...ticket } = stored;
  return {
    ticket, history: await ctx.store.history(ticket.id), deliveries: await ctx.store.deliveriesFor(ticket.id), replyFiles: await ctx.store.replyFiles(ticket.id),
  };
}

export function ticketPage(ctx: PageContext, record: TicketPageRecord): PageView {
  const { t, formats } = ctx;
  const { ticket: stored, history, deliveries, replyFiles } = record;
  const data = stored.ticket;
  const names = supportNames(ctx.config.support, ctx.lang);
  const number = stored.number;
  const fact = (label: string, value: Html | string | null | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');

  const deliveriesTable: DataTable = {
    id: 'deliveries',
    caption: t.ticket.deliveriesTable,
    columns: [
      { key: 'forwarder', label: t.ticket.forwarder },
      { key: 'state', label: t.ticket.state },
      { key: 'attempts', label: t.ticket.attempts, format: 'integer' },
      { key: 'nextAttempt', label: t.ticket.nextAttempt, format: 'datetime' },
      { key: 'lastError', label: t.ticket.lastError },
      { key: 'externalId', label: t.ticket.externalId },
      { key: 'deliveredAt', label: t.ticket.deliveredAt, format: 'datetime' },
      { key: 'retry', label: t.ticket.retry, pageOnly: true },
    ],
    // Failed first: they are what an agent opens the ticket for.
    rows: [...deliveries].sort((a, b) => Number(b.state === 'failed') - Number(a.state === 'failed') || a.forwarder.localeCompare(b.forwarder)).map((d) => ({
      forwarder: d.forwarder,
      state: { value: t.deliveryStates[d.state], html: html`<span class="state-${d.state}">${t.deliveryStates[d.state]}</span>` },
      attempts: d.attempts,
      nextAttempt: d.state === 'pending' ? d.nextAttemptAt : null,
      lastError: d.lastError ?? null,
      externalId: d.externalId ?? null,
      deliveredAt: d.deliveredAt ?? null,
      retry: {
        value: null,
        html:
          d.state === 'delivered'
            ? html``
            : html`<form class="inline" method="post" action="/console/api/deliveries/${d.id}/retry"><input type="hidden" name="csrf" value="${ctx.formToken()}"><button class="button secondary" type="submit" aria-label="${t.ticket.retryLabel(d.forwarder)}">${t.ticket.retry}</button></form>`,
      },
    })),
    empty: t.ticket.noDeliveries,
  };
  const historyTable: DataTable = {
    id: 'history',
    caption: t.ticket.historyTable,
    columns: [
      { key: 'when', label: t.ticket.when, format: 'datetime' },
      { key: 'what', label: t.ticket.historyWhat },
      { key: 'status', label: t.tickets.status },
      { key: 'text', label: t.ticket.historyText },
      { key: 'files', label: t.ticket.historyFiles, format: 'integer' },
    ],
    rows: history.map((h) => ({
      when: h.at,
      what: `${t.ticket.kinds[h.kind]}${h.by === 'customer' ? ` ${t.ticket.byCustomer}` : h.by === 'support' ? ` ${t.ticket.bySupport}` : ''}`,
      status: t.statuses[h.status],
      // The customer's text with each removed secret marked, as in their ticket.
      text: h.message || h.note ? { value: [h.message, h.note].filter(Boolean).join('\n'), html: withRedactionMarks([h.message, h.note].filter(Boolean).join('\n')) } : null,
      files: h.attachments ?? null,
    })),
    empty: '—',
  };

  const download = (a: StoredAttachment, detail = '') =>
    html`<li><a href="/console/api/tickets/${encodeURIComponent(number)}/attachments/${encodeURIComponent(a.id)}" download="${a.name}">${t.ticket.download(a.name, formats.bytes(a.size))}</a> <span class="muted">${a.type}${detail}</span></li>`;
  const attachments = stored.attachments.length
    ? html`<ul>${stored.attachments.map((a) => download(a))}</ul>`
    : html`<p class="muted">${t.ticket.noAttachments}</p>`;
  const replyAttachments = replyFiles.length
    ? html`<h3>${t.ticket.replyFilesTitle}</h3><ul>${replyFiles.map(({ at, file }) => download(file, ` · ${t.ticket.replyFile(formats.dateTime(at))}`))}</ul>`
    : '';

  const body = html`<p><a href="/console/tickets">${t.ticket.backToList}</a></p>
<h2>${data.subject}</h2>
${stored.redacted ? html`<p class="notice">${t.ticket.redactedNotice}</p>` : ''}
<dl class="facts">
  ${fact(t.tickets.status, t.statuses[stored.status])}
  ${fact(t.tickets.created, formats.dateTime(stored.createdAt))}
  ${fact(t.ticket.expectedReply, formats.dateTime(stored.expectedReplyBy))}
  ${fact(t.tickets.language, t.languageNames[data.lang])}
  ${fact(t.tickets.department, names.department(data.department))}
  ${fact(t.tickets.topic, names.topic(data.topic))}
  ${fact(t.tickets.priority, names.priority(data.priority))}
  ${fact(t.ticket.name, withRedactionMarks(data.customer.name))}
  ${fact(t.ticket.email, data.customer.email)}
  ${fact(t.tickets.verified, stored.verifiedCustomerId ? t.ticket.verifiedYes : t.ticket.verifiedNo)}
  ${fact(t.ticket.service, data.service && withRedactionMarks(data.service))}
  ${fact(t.ticket.domain, data.domain)}
  ${fact(t.ticket.panelUser, data.panelUser && withRedactionMarks(data.panelUser))}
</dl>
${data.high ? html`<p class="notice">${withRedactionMarks(data.high.reason)}</p>` : ''}
<h2>${t.ticket.message}</h2>
<pre>${withRedactionMarks(data.message)}</pre>
${data.errorMessage ? html`<h2>${t.ticket.errorMessage}</h2><pre>${withRedactionMarks(data.errorMessage)}</pre>` : ''}
${data.deflection ? html`<h2>${t.ticket.deflection}</h2><p>${withRedactionMarks(data.deflection.query)}</p>${data.deflection.suggested.length ? html`<p>${t.ticket.suggested}:</p><ul>${data.deflection.suggested.map((url) => html`<li>${withRedactionMarks(url)}</li>`)}</ul>` : ''}` : ''}
<h2>${t.ticket.attachmentsTitle}</h2>
${attachments}
${replyAttachments}
<h2>${t.ticket.deliveriesTable}</h2>
${renderTable(deliveriesTable, formats, csvHref('tickets', deliveriesTable.id, new URLSearchParams({ number })))}
<h2>${t.ticket.statusTitle}</h2>
<p class="intro">${t.ticket.statusIntro}</p>
<form method="post" action="/console/api/tickets/${encodeURIComponent(number)}/status">
  <input type="hidden" name="csrf" value="${ctx.formToken()}">
  <div class="field"><label>${t.ticket.newStatus}<select name="status">${ticketStatuses.map((s) => html`<option value="${s}"${s === stored.status ? html` selected` : ''}>${t.statuses[s]}</option>`)}</select></label></div>
  <div class="field"><label>${t.ticket.note}<textarea name="note" rows="3" maxlength="1000"></textarea></label></div>
  <button class="button" type="submit">${t.ticket.setStatus}</button>
</form>
<h2>${t.ticket.replyTitle}</h2>
<p class="intro">${t.ticket.replyIntro}</p>
<form method="post" action="/console/api/tickets/${encodeURIComponent(number)}/reply">
  <input type="hidden" name="csrf" value="${ctx.formToken()}">
  <div class="field"><label>${t.ticket.replyMessage}<textarea name="message" rows="6" required maxlength="${limits.reply.max}"></textarea></label></div>
  <div class="field"><label>${t.ticket.replyStatus}<select name="status">${replyStatuses.map((s) => html`<option value="${s}">${t.statuses[s]}</option>`)}</select></label></div>
  <button class="button" type="submit">${t.ticket.sendReply}</button>
</form>
${renderTable(historyTable, formats, csvHref('tickets', historyTable.id, new URLSearchParams({ number })))}`;
  return { title: t.ticket.title(number), body, tables: [deliveriesTable, historyTable], data: record };
}
