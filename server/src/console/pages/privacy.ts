/**
 * Page 5 (agents): privacy requests. Everything held about a customer e-mail, exported as JSON or
 * deleted, with the retention settings and what a deletion cannot reach.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TicketRecord } from '../../store/console-store.ts';
import { html } from '../render/html.ts';
import { renderTable, type DataTable } from '../render/table.ts';
import { csvHref, type PageContext, type PageView } from './context.ts';

/** An e-mail address as the search takes it: trimmed, at most the contract's length, with an @. */
export function requestedEmail(value: string | null | undefined): string | undefined {
  const email = value?.trim().toLowerCase();
  return email && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

/** The database copies `npm run backup` left in DATA_DIR/backups/, and when the oldest was made. */
export async function backupsHeld(dataDir: string): Promise<{ count: number; oldest: Date | null }> {
  const dir = path.join(dataDir, 'backups');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.sqlite'));
  } catch {
    return { count: 0, oldest: null };
  }
  let oldest: Date | null = null;
  for (const name of names) {
    const { mtime } = await stat(path.join(dir, name));
    if (!oldest || mtime < oldest) oldest = mtime;
  }
  return { count: names.length, oldest };
}

export async function privacyPage(ctx: PageContext, found: { email: string; records: TicketRecord[] } | undefined): Promise<PageView> {
  const { t, formats, config } = ctx;
  const deleted = ctx.query.get('deleted');
  const ticketsTable: DataTable | undefined = found && {
    id: 'customer-tickets',
    caption: t.privacy.table,
    columns: [
      { key: 'number', label: t.tickets.number },
      { key: 'created', label: t.tickets.created, format: 'datetime' },
      { key: 'status', label: t.tickets.status },
      { key: 'subject', label: t.tickets.subject },
      { key: 'attachments', label: t.tickets.attachments, format: 'integer' },
      { key: 'deliveries', label: t.tickets.deliveries },
    ],
    rows: found.records.map((r) => ({
      number: { value: r.ticket.number, href: `/console/tickets/${encodeURIComponent(r.ticket.number)}` },
      created: r.ticket.createdAt,
      status: t.statuses[r.ticket.status],
      subject: r.ticket.ticket.subject,
      attachments: r.ticket.attachments.length,
      deliveries: r.deliveries.map((d) => `${d.forwarder}: ${t.deliveryStates[d.state]}`).join(', ') || null,
    })),
    empty: found ? t.privacy.nothing(found.email) : '',
  };
  const retention: DataTable = {
    id: 'retention',
    caption: t.privacy.retentionTable,
    columns: [{ key: 'what', label: t.privacy.what }, { key: 'kept', label: t.privacy.kept }, { key: 'setting', label: t.privacy.setting }],
    rows: [
      { what: t.privacy.retention.tickets, kept: t.privacy.days(config.retentionDays), setting: 'RETENTION_DAYS' },
      { what: t.privacy.retention.analytics, kept: t.privacy.days(config.analyticsRetentionDays), setting: 'ANALYTICS_RETENTION_DAYS' },
      { what: t.privacy.retention.audit, kept: t.privacy.days(config.retentionDays), setting: 'RETENTION_DAYS' },
      { what: t.privacy.retention.sessions, kept: t.privacy.sessionLength(config.console.idleMinutes, config.console.sessionHours), setting: 'CONSOLE_IDLE_MINUTES, CONSOLE_SESSION_HOURS' },
    ],
    empty: '',
  };
  const backups = await backupsHeld(config.dataDir);
  const helpdesks = ctx.forwarders.filter((name) => name !== 'confirmation-email');

  const results = found
    ? html`<h2>${t.privacy.results(found.records.length, found.email)}</h2>
${found.records.length ? html`${renderTable(ticketsTable!, formats, csvHref('privacy', 'customer-tickets', new URLSearchParams({ email: found.email })))}
<p><a class="button secondary" href="/console/api/privacy/export?email=${encodeURIComponent(found.email)}" download>${t.privacy.exportJson}</a></p>
<h2>${t.privacy.deleteTitle}</h2>
<p class="intro">${t.privacy.deleteIntro}</p>
<form method="post" action="/console/api/privacy/delete">
  <input type="hidden" name="csrf" value="${ctx.formToken()}"><input type="hidden" name="email" value="${found.email}">
  <div class="confirm"><input type="checkbox" id="confirm-delete" name="confirm" value="yes" required><label for="confirm-delete">${t.privacy.confirm}</label></div>
  <button class="button danger" type="submit">${t.privacy.delete}</button>
</form>` : html`<p>${t.privacy.nothing(found.email)}</p>`}`
    : '';

  const body = html`<p class="intro">${t.privacy.intro}</p>
${deleted !== null ? html`<p class="notice" role="status">${deleted ? t.privacy.deleted(deleted.split(',').join(', ')) : t.privacy.deletedNone}</p>` : ''}
<form class="filters" method="get" action="/console/privacy">
  <label>${t.privacy.search}<input type="email" name="email" required maxlength="254" autocomplete="off" value="${found?.email ?? ''}"></label>
  <button class="button" type="submit">${t.privacy.find}</button>
</form>
${results}
<h2>${t.privacy.retentionTable}</h2>
${renderTable(retention, formats, csvHref('privacy', retention.id, new URLSearchParams()))}
<h2>${t.privacy.reachTitle}</h2>
<ul>
  <li>${t.privacy.backups(backups.count, backups.oldest ? formats.date(backups.oldest.toISOString()) : null)}</li>
  <li>${helpdesks.length ? t.privacy.forwarded(helpdesks.join(', ')) : t.privacy.noForwarders}</li>
  <li>${t.privacy.emails}</li>
  <li>${t.privacy.textMentions}</li>
  <li>${t.privacy.auditKeeps}</li>
</ul>`;
  return { title: t.pages.privacy, body, tables: ticketsTable ? [ticketsTable, retention] : [retention], data: found ? { email: found.email, tickets: found.records.map((r) => r.ticket.number) } : undefined };
}
