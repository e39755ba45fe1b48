/**
 * The staff console's half of the SQLite store (console-store.ts): accounts, sessions, throttling,
 * the audit log, the deflection figures and the ticket desk. Every statement is in `consoleSql` (or
 * built by `ticketQuery`), so a test can ask SQLite for each plan and refuse a full table scan.
 */
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import type { ContentLanguage, UiLanguage } from '../../../core/contract/locales.ts';
import type { DeliveryState, TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { Delivery, StoredTicket, TicketEvent } from './records.ts';
import type {
  ArticleActivity, ArticleVotes, AuditEntry, ConsoleStore, DayRange, FunnelWeek, GapCoverage, NotHelpfulComment, QueryOutcome, StaffAccount,
  StaffRole, StaffSession, TicketFilter, TicketListItem, TicketRecord,
} from './console-store.ts';

type Row = Record<string, SQLOutputValue>;

const text = (value: SQLOutputValue | undefined): string => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value));
const optional = (value: SQLOutputValue | undefined): string | undefined => (value === null || value === undefined ? undefined : text(value));

/** Every fixed statement of the console, by name. */
export const consoleSql = {
  addStaff: `INSERT INTO staff (id, email, role, password_hash, created_at, password_changed_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (email) DO NOTHING`,
  staffByEmail: 'SELECT * FROM staff WHERE email = ?',
  listStaff: 'SELECT s.*, (SELECT COUNT(*) FROM staff_sessions x WHERE x.staff_id = s.id) AS sessions FROM staff s ORDER BY s.email',
  countStaff: 'SELECT COUNT(*) AS n FROM staff',
  removeStaff: 'DELETE FROM staff WHERE email = ?',
  setPassword: 'UPDATE staff SET password_hash = ?, password_changed_at = ? WHERE email = ? RETURNING id',
  deleteStaffSessions: 'DELETE FROM staff_sessions WHERE staff_id = ?',
  markSignedIn: 'UPDATE staff SET last_sign_in_at = ? WHERE id = ?',
  rehash: 'UPDATE staff SET password_hash = ? WHERE id = ?',
  createSession: 'INSERT INTO staff_sessions (id, staff_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
  session: `SELECT x.id AS session_id, x.created_at AS session_created_at, x.last_seen_at AS session_last_seen_at, s.*
    FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.id = ?`,
  touchSession: 'UPDATE staff_sessions SET last_seen_at = ? WHERE id = ?',
  deleteSession: 'DELETE FROM staff_sessions WHERE id = ?',
  purgeSessions: 'DELETE FROM staff_sessions WHERE last_seen_at < ? OR created_at < ?',
  recordFailure: 'INSERT INTO sign_in_failures (key, at) VALUES (?, ?)',
  failures: 'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM sign_in_failures WHERE key = ? AND at >= ?',
  clearFailures: 'DELETE FROM sign_in_failures WHERE key = ?',
  purgeFailures: 'DELETE FROM sign_in_failures WHERE at < ?',
  spendToken: 'INSERT INTO used_form_tokens (nonce, used_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING',
  purgeTokens: 'DELETE FROM used_form_tokens WHERE used_at < ?',
  addAudit: 'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
  audit: 'SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?',
  purgeAudit: 'DELETE FROM audit_log WHERE at < ?',

  // Widget sessions are summarized as their events arrive (event_sessions, migration 4).
  funnel: `SELECT date(first_day, 'weekday 0', '-6 days') AS week, lang, COUNT(*) AS sessions, SUM(searched) AS searched,
      SUM(opened) AS opened, SUM(deflected > undone) AS solved, SUM(ticket) AS ticket
    FROM event_sessions WHERE first_day BETWEEN ?1 AND ?2
    GROUP BY week, lang ORDER BY week, lang`,
  // Grouped by day first, then by query with the days as "day events" pairs: a few hundred rows reach
  // JavaScript instead of one per query and day (building those objects cost more than the query).
  queryOutcomes: `SELECT kind, query, lang, SUM(events) AS events, SUM(ended) AS ended_in_ticket, group_concat(day || ' ' || events, ',') AS days
    FROM (
      SELECT CASE e.type WHEN 'search-miss' THEN 'miss' ELSE 'weak' END AS kind, e.query, e.lang, e.day, COUNT(*) AS events, COALESCE(SUM(s.ticket), 0) AS ended
      FROM events e LEFT JOIN event_sessions s ON s.session = e.session
      WHERE e.type IN ('search', 'search-miss') AND e.day BETWEEN ?1 AND ?2
        AND (e.type = 'search-miss' OR (s.session IS NOT NULL AND s.opened = 0 AND s.deflected <= s.undone))
      GROUP BY e.type, e.query, e.lang, e.day
    )
    GROUP BY kind, query, lang`,
  articleActivity: `SELECT e.article, e.lang, SUM(e.type = 'suggestion-opened') AS opened,
      SUM(e.type = 'deflected') - SUM(e.type = 'deflection-undone') AS solved,
      COUNT(DISTINCT CASE WHEN e.type IN ('suggestion-opened', 'deflected') AND s.ticket = 1 THEN e.session END) AS tickets_after
    FROM events e LEFT JOIN event_sessions s ON s.session = e.session
    WHERE e.article IS NOT NULL AND e.day BETWEEN ?1 AND ?2
    GROUP BY e.article, e.lang`,
  articleVotes: 'SELECT article_id, lang, SUM(helpful) AS helpful, COUNT(*) AS total FROM votes GROUP BY article_id, lang',
  notHelpful: 'SELECT article_id, lang, comment, updated_at FROM votes WHERE helpful = 0 AND comment IS NOT NULL ORDER BY updated_at DESC LIMIT ?',
  coverGap: `INSERT INTO gap_coverage (gap, article, covered_at, covered_by) VALUES (?, ?, ?, ?)
    ON CONFLICT (gap) DO UPDATE SET article = excluded.article, covered_at = excluded.covered_at, covered_by = excluded.covered_by`,
  // Ordered by its key, so the read walks the primary key instead of scanning the table.
  gapCoverage: 'SELECT gap, article, covered_at, covered_by FROM gap_coverage ORDER BY gap',

  deliveryById: 'SELECT * FROM deliveries WHERE id = ?',
  retryDelivery: "UPDATE deliveries SET state = 'pending', next_attempt_at = ?, lease_until = NULL WHERE id = ? AND state <> 'delivered'",
  deliveryStates: 'SELECT forwarder, state FROM deliveries WHERE ticket_id = ? ORDER BY forwarder',
  attachmentCount: 'SELECT COUNT(*) AS n FROM attachments WHERE ticket_id = ?',
  ticketsByEmail: 'SELECT * FROM tickets WHERE customer_email = ? ORDER BY created_at DESC',
  attachmentPaths: 'SELECT path FROM attachments WHERE ticket_id = ?',
  deleteTicket: 'DELETE FROM tickets WHERE id = ?',
} as const;

/** What the list shows of a ticket: the columns, and the three fields read out of its JSON without parsing it whole. */
const listColumns = `t.id, t.number, t.status, t.created_at, t.lang, t.department, t.topic, t.priority, t.redacted, t.verified_customer_id,
  json_extract(t.data, '$.subject') AS subject, json_extract(t.data, '$.customer.name') AS customer_name, t.customer_email`;

/** The WHERE clause for a filter: only the conditions asked for, so SQLite can pick an index for them. */
function filterClause(filter: TicketFilter): { where: string; params: SQLInputValue[] } {
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  for (const [column, value] of [['department', filter.department], ['topic', filter.topic], ['priority', filter.priority], ['status', filter.status], ['lang', filter.lang]] as const) {
    if (value === undefined) continue;
    conditions.push(`t.${column} = ?`);
    params.push(value);
  }
  if (filter.verified !== undefined) conditions.push(`t.verified_customer_id IS ${filter.verified ? 'NOT ' : ''}NULL`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** The ticket list's statements for one filter (exported for the query-plan test). */
export function ticketQuery(filter: TicketFilter): { count: string; page: string; failed: string; params: SQLInputValue[] } {
  const { where, params } = filterClause(filter);
  const failedWhere = `${where ? `${where} AND` : 'WHERE'} t.id IN (SELECT ticket_id FROM deliveries WHERE state = 'failed')`;
  return {
    count: `SELECT COUNT(*) AS n FROM tickets t ${where}`,
    // rowid breaks ties in creation order without a sort: the created_at index holds it.
    page: `SELECT ${listColumns} FROM tickets t ${where} ORDER BY t.created_at DESC, t.rowid DESC LIMIT ? OFFSET ?`,
    failed: `SELECT ${listColumns} FROM tickets t ${failedWhere} ORDER BY t.created_at DESC, t.rowid DESC LIMIT ?`,
    params,
  };
}

export interface SqliteParts {
  db: DatabaseSync;
  transaction: <T>(work: () => T) => T;
  toTicket: (row: Row) => StoredTicket;
  history: (ticketId: string) => TicketEvent[];
  deliveries: (ticketId: string) => Delivery[];
  toDelivery: (row: Row) => Delivery;
}

function toStaff(row: Row): StaffAccount {
  const lastSignInAt = optional(row.last_sign_in_at);
  return {
    id: text(row.id),
    email: text(row.email),
    role: text(row.role) as StaffRole,
    passwordHash: text(row.password_hash),
    createdAt: text(row.created_at),
    passwordChangedAt: text(row.password_changed_at),
    ...(lastSignInAt ? { lastSignInAt } : {}),
  };
}

export function sqliteConsole({ db, transaction, toTicket, history, deliveries, toDelivery }: SqliteParts): Omit<ConsoleStore, 'setTicketStatus'> {
  const q = Object.fromEntries(Object.entries(consoleSql).map(([name, sql]) => [name, db.prepare(sql)])) as Record<keyof typeof consoleSql, StatementSync>;
  /** Dynamic statements (the ticket filters), prepared once per shape. */
  const prepared = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  function toListItem(row: Row): TicketListItem {
    const id = text(row.id);
    const topic = optional(row.topic);
    return {
      id,
      number: text(row.number),
      status: text(row.status) as TicketStatus,
      createdAt: text(row.created_at),
      lang: text(row.lang) as UiLanguage,
      department: text(row.department),
      ...(topic ? { topic } : {}),
      priority: text(row.priority),
      subject: text(row.subject),
      customerName: text(row.customer_name),
      customerEmail: text(row.customer_email),
      verified: row.verified_customer_id !== null,
      redacted: Boolean(row.redacted),
      attachments: Number((q.attachmentCount.get(id) as Row).n),
      deliveries: (q.deliveryStates.all(id) as Row[]).map((d) => ({ forwarder: text(d.forwarder), state: text(d.state) as DeliveryState })),
    };
  }

  return {
    async addStaff(account) {
      const result = q.addStaff.run(account.id, account.email, account.role, account.passwordHash, account.createdAt, account.passwordChangedAt, account.lastSignInAt ?? null);
      return Number(result.changes) === 1;
    },
    async staffByEmail(email) {
      const row = q.staffByEmail.get(email);
      return row ? toStaff(row) : undefined;
    },
    async listStaff() {
      return (q.listStaff.all() as Row[]).map((row) => ({ ...toStaff(row), sessions: Number(row.sessions) }));
    },
    async countStaff() {
      return Number((q.countStaff.get() as Row).n);
    },
    async removeStaff(email) {
      // Sessions go with the account (ON DELETE CASCADE).
      return Number(q.removeStaff.run(email).changes) === 1;
    },
    async setStaffPassword(email, passwordHash, at) {
      return transaction(() => {
        const row = q.setPassword.get(passwordHash, at.toISOString(), email);
        if (!row) return false;
        q.deleteStaffSessions.run(text(row.id));
        return true;
      });
    },
    async rehashPassword(staffId, passwordHash) {
      q.rehash.run(passwordHash, staffId);
    },
    async markSignedIn(staffId, at) {
      q.markSignedIn.run(at.toISOString(), staffId);
    },

    async createSession(session: StaffSession) {
      q.createSession.run(session.id, session.staffId, session.createdAt, session.lastSeenAt);
    },
    async session(id) {
      const row = q.session.get(id);
      if (!row) return undefined;
      return {
        session: { id: text(row.session_id), staffId: text(row.id), createdAt: text(row.session_created_at), lastSeenAt: text(row.session_last_seen_at) },
        staff: toStaff(row),
      };
    },
    async touchSession(id, at) {
      q.touchSession.run(at.toISOString(), id);
    },
    async deleteSession(id) {
      q.deleteSession.run(id);
    },
    async purgeSessions(idleBefore, createdBefore) {
      return Number(q.purgeSessions.run(idleBefore.toISOString(), createdBefore.toISOString()).changes);
    },

    async recordSignInFailure(keys, at) {
      transaction(() => {
        for (const key of keys) q.recordFailure.run(key, at.toISOString());
      });
    },
    async signInFailures(key, since) {
      const row = q.failures.get(key, since.toISOString()) as Row;
      const oldest = optional(row.oldest);
      return { count: Number(row.n), ...(oldest ? { oldest } : {}) };
    },
    async clearSignInFailures(key) {
      q.clearFailures.run(key);
    },
    async purgeSignInFailuresBefore(before) {
      return Number(q.purgeFailures.run(before.toISOString()).changes);
    },

    async spendFormToken(nonce, at) {
      return Number(q.spendToken.run(nonce, at.toISOString()).changes) === 1;
    },
    async purgeFormTokensBefore(before) {
      return Number(q.purgeTokens.run(before.toISOString()).changes);
    },

    async addAudit(entry: AuditEntry) {
      q.addAudit.run(entry.at, entry.actor, entry.action, entry.target ?? null, entry.detail ?? null);
    },
    async auditEntries(limit) {
      return (q.audit.all(limit) as Row[]).map((row): AuditEntry => {
        const target = optional(row.target);
        const detail = optional(row.detail);
        return { at: text(row.at), actor: text(row.actor), action: text(row.action) as AuditEntry['action'], ...(target ? { target } : {}), ...(detail ? { detail } : {}) };
      });
    },
    async purgeAuditBefore(before) {
      return Number(q.purgeAudit.run(before.toISOString()).changes);
    },

    async funnel(range: DayRange) {
      return (q.funnel.all(range.from, range.to) as Row[]).map(
        (row): FunnelWeek => ({
          week: text(row.week),
          lang: text(row.lang) as ContentLanguage,
          sessions: Number(row.sessions),
          searched: Number(row.searched),
          suggestionOpened: Number(row.opened),
          solved: Number(row.solved),
          ticketSent: Number(row.ticket),
        }),
      );
    },
    async queryOutcomes(range) {
      return (q.queryOutcomes.all(range.from, range.to) as Row[]).map(
        (row): QueryOutcome => ({
          kind: text(row.kind) as QueryOutcome['kind'],
          query: text(row.query),
          lang: text(row.lang) as ContentLanguage,
          events: Number(row.events),
          endedInTicket: Number(row.ended_in_ticket),
          days: text(row.days)
            .split(',')
            .map((pair) => ({ day: pair.slice(0, 10), events: Number(pair.slice(11)) }))
            .sort((a, b) => a.day.localeCompare(b.day)),
        }),
      );
    },
    async articleActivity(range) {
      return (q.articleActivity.all(range.from, range.to) as Row[]).map(
        (row): ArticleActivity => ({
          article: text(row.article),
          lang: text(row.lang) as ContentLanguage,
          opened: Number(row.opened),
          solved: Number(row.solved),
          ticketsAfter: Number(row.tickets_after),
        }),
      );
    },
    async articleVotes() {
      return (q.articleVotes.all() as Row[]).map(
        (row): ArticleVotes => ({ articleId: text(row.article_id), lang: text(row.lang) as ContentLanguage, helpful: Number(row.helpful), total: Number(row.total) }),
      );
    },
    async notHelpfulComments(limit) {
      return (q.notHelpful.all(limit) as Row[]).map(
        (row): NotHelpfulComment => ({ articleId: text(row.article_id), lang: text(row.lang) as ContentLanguage, comment: text(row.comment), at: text(row.updated_at) }),
      );
    },
    async coverGap(coverage: GapCoverage) {
      q.coverGap.run(coverage.gap, coverage.article, coverage.coveredAt, coverage.coveredBy);
    },
    async gapCoverage() {
      return (q.gapCoverage.all() as Row[]).map(
        (row): GapCoverage => ({ gap: text(row.gap), article: text(row.article), coveredAt: text(row.covered_at), coveredBy: text(row.covered_by) }),
      );
    },

    async listTickets(filter, page) {
      const sql = ticketQuery(filter);
      const total = Number((prepare(sql.count).get(...sql.params) as Row).n);
      const rows = prepare(sql.page).all(...sql.params, page.limit, page.offset) as Row[];
      return { total, items: rows.map(toListItem) };
    },
    async ticketsWithFailedDeliveries(filter, limit) {
      const sql = ticketQuery(filter);
      return (prepare(sql.failed).all(...sql.params, limit) as Row[]).map(toListItem);
    },
    async deliveryById(id) {
      const row = q.deliveryById.get(id);
      return row ? toDelivery(row) : undefined;
    },
    async retryDelivery(deliveryId, at) {
      return Number(q.retryDelivery.run(at.toISOString(), deliveryId).changes) === 1;
    },
    async ticketsByCustomerEmail(email) {
      return (q.ticketsByEmail.all(email.trim().toLowerCase()) as Row[]).map((row): TicketRecord => {
        const ticket = toTicket(row);
        return { ticket, history: history(ticket.id), deliveries: deliveries(ticket.id) };
      });
    },
    async deleteTicketsByCustomerEmail(email) {
      return transaction(() => {
        const numbers: string[] = [];
        const paths: string[] = [];
        for (const row of q.ticketsByEmail.all(email.trim().toLowerCase()) as Row[]) {
          const id = text(row.id);
          numbers.push(text(row.number));
          for (const a of q.attachmentPaths.all(id) as Row[]) paths.push(text(a.path));
          // Attachments, history, deliveries and the stored idempotent answer go with it (ON DELETE CASCADE).
          q.deleteTicket.run(id);
        }
        return { numbers, paths };
      });
    },
  };
}
