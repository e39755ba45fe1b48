/**
 * The staff console's half of the PostgreSQL store (console-store.ts), statement for statement the
 * SQLite one (sqlite-console.ts): the same answers on the same fixtures (console-conformance.ts).
 * Text is ordered byte by byte (`COLLATE "C"`), as SQLite orders it, whatever the database's locale.
 */
import type { ContentLanguage, UiLanguage } from '../../../core/contract/locales.ts';
import type { DeliveryState, TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { Delivery, StoredTicket, TicketEvent } from './records.ts';
import type {
  ArticleActivity, ArticleVotes, AuditEntry, ConsoleStore, FunnelWeek, GapCoverage, NotHelpfulComment, QueryOutcome, StaffAccount, StaffRole,
  TicketFilter, TicketListItem, TicketRecord,
} from './console-store.ts';
import { text, type PgRow, type Queryable } from './pg-store.ts';

export interface PostgresParts {
  db: Queryable;
  transaction: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;
  toTicket: (row: PgRow) => StoredTicket;
  history: (ticketId: string, from?: Queryable) => Promise<TicketEvent[]>;
  deliveries: (ticketId: string, from?: Queryable) => Promise<Delivery[]>;
  toDelivery: (row: PgRow) => Delivery;
}

/** A ticket's columns and its attachments as one JSON list in the order received: one query reads a whole ticket. */
export const ticketColumns = `t.*, COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'type', a.type, 'size', a.size, 'path', a.path) ORDER BY a.position)
  FROM attachments a WHERE a.ticket_id = t.id AND a.event_id IS NULL), '[]') AS attachment_list`;

const optional = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : text(value));

function toStaff(row: PgRow): StaffAccount {
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

/** What the list shows of a ticket, with its attachment count and each forwarder's delivery state in the same row. */
const listColumns = `t.id, t.number, t.status, t.created_at, t.lang, t.department, t.topic, t.priority, t.redacted, t.verified_customer_id, t.subject,
  t.customer_name, t.customer_email, (SELECT COUNT(*) FROM attachments a WHERE a.ticket_id = t.id) AS attachments,
  COALESCE((SELECT json_agg(json_build_object('forwarder', d.forwarder, 'state', d.state) ORDER BY d.forwarder COLLATE "C")
    FROM deliveries d WHERE d.ticket_id = t.id), '[]') AS delivery_states`;

/** The WHERE clause for a filter: only the conditions asked for, numbered from $1. */
function filterClause(filter: TicketFilter): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [['department', filter.department], ['topic', filter.topic], ['priority', filter.priority], ['status', filter.status], ['lang', filter.lang]] as const) {
    if (value === undefined) continue;
    params.push(value);
    conditions.push(`t.${column} = $${params.length}`);
  }
  if (filter.verified !== undefined) conditions.push(`t.verified_customer_id IS ${filter.verified ? 'NOT ' : ''}NULL`);
  return { conditions, params };
}

const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

function toListItem(row: PgRow): TicketListItem {
  const topic = optional(row.topic);
  return {
    id: text(row.id),
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
    attachments: Number(row.attachments),
    deliveries: (row.delivery_states as { forwarder: string; state: DeliveryState }[]).map((d) => ({ forwarder: d.forwarder, state: d.state })),
  };
}

export function postgresConsole({ db, transaction, toTicket, history, deliveries, toDelivery }: PostgresParts): Omit<ConsoleStore, 'setTicketStatus'> {
  return {
    async addStaff(account) {
      const rows = await db.query(
        `INSERT INTO staff (id, email, role, password_hash, created_at, password_changed_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [account.id, account.email, account.role, account.passwordHash, account.createdAt, account.passwordChangedAt, account.lastSignInAt ?? null],
      );
      return rows.length === 1;
    },
    async staffByEmail(email) {
      const [row] = await db.query('SELECT * FROM staff WHERE email = $1', [email]);
      return row ? toStaff(row) : undefined;
    },
    async listStaff() {
      const rows = await db.query('SELECT s.*, (SELECT COUNT(*) FROM staff_sessions x WHERE x.staff_id = s.id) AS sessions FROM staff s ORDER BY s.email COLLATE "C"');
      return rows.map((row) => ({ ...toStaff(row), sessions: Number(row.sessions) }));
    },
    async countStaff() {
      const [row] = await db.query('SELECT COUNT(*) AS n FROM staff');
      return Number(row?.n);
    },
    async removeStaff(email) {
      // Sessions go with the account (ON DELETE CASCADE).
      return (await db.query('DELETE FROM staff WHERE email = $1 RETURNING id', [email])).length === 1;
    },
    async setStaffPassword(email, passwordHash, at) {
      return transaction(async (tx) => {
        const [row] = await tx.query('UPDATE staff SET password_hash = $1, password_changed_at = $2 WHERE email = $3 RETURNING id', [passwordHash, at.toISOString(), email]);
        if (!row) return false;
        await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1', [row.id]);
        return true;
      });
    },
    async rehashPassword(staffId, passwordHash) {
      await db.query('UPDATE staff SET password_hash = $1 WHERE id = $2', [passwordHash, staffId]);
    },
    async markSignedIn(staffId, at) {
      await db.query('UPDATE staff SET last_sign_in_at = $1 WHERE id = $2', [at.toISOString(), staffId]);
    },

    async createSession(session) {
      await db.query('INSERT INTO staff_sessions (id, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)', [session.id, session.staffId, session.createdAt, session.lastSeenAt]);
    },
    async session(id) {
      const [row] = await db.query(
        `SELECT x.id AS session_id, x.created_at AS session_created_at, x.last_seen_at AS session_last_seen_at, s.*
         FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.id = $1`,
        [id],
      );
      if (!row) return undefined;
      return {
        session: { id: text(row.session_id), staffId: text(row.id), createdAt: text(row.session_created_at), lastSeenAt: text(row.session_last_seen_at) },
        staff: toStaff(row),
      };
    },
    async touchSession(id, at) {
      await db.query('UPDATE staff_sessions SET last_seen_at = $1 WHERE id = $2', [at.toISOString(), id]);
    },
    async deleteSession(id) {
      await db.query('DELETE FROM staff_sessions WHERE id = $1', [id]);
    },
    async purgeSessions(idleBefore, createdBefore) {
      return (await db.query('DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING 1', [idleBefore.toISOString(), createdBefore.toISOString()])).length;
    },

    async recordSignInFailure(keys, at) {
      await db.query('INSERT INTO sign_in_failures (key, at) SELECT unnest($1::text[]), $2', [keys, at.toISOString()]);
    },
    async signInFailures(key, since) {
      const [row] = await db.query('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM sign_in_failures WHERE key = $1 AND at >= $2', [key, since.toISOString()]);
      const oldest = optional(row?.oldest);
      return { count: Number(row?.n), ...(oldest ? { oldest } : {}) };
    },
    async clearSignInFailures(key) {
      await db.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
    },
    async purgeSignInFailuresBefore(before) {
      return (await db.query('DELETE FROM sign_in_failures WHERE at < $1 RETURNING 1', [before.toISOString()])).length;
    },

    async spendFormToken(nonce, at) {
      return (await db.query('INSERT INTO used_form_tokens (nonce, used_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING 1', [nonce, at.toISOString()])).length === 1;
    },
    async purgeFormTokensBefore(before) {
      return (await db.query('DELETE FROM used_form_tokens WHERE used_at < $1 RETURNING 1', [before.toISOString()])).length;
    },

    async addAudit(entry: AuditEntry) {
      await db.query('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [entry.at, entry.actor, entry.action, entry.target ?? null, entry.detail ?? null]);
    },
    async auditEntries(limit) {
      const rows = await db.query('SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT $1', [limit]);
      return rows.map((row): AuditEntry => {
        const target = optional(row.target);
        const detail = optional(row.detail);
        return { at: text(row.at), actor: text(row.actor), action: text(row.action) as AuditEntry['action'], ...(target ? { target } : {}), ...(detail ? { detail } : {}) };
      });
    },
    async purgeAuditBefore(before) {
      return (await db.query('DELETE FROM audit_log WHERE at < $1 RETURNING 1', [before.toISOString()])).length;
    },

    async funnel(range) {
      // The Monday of a session's first day: ISO weekday 1.
      const rows = await db.query(
        `SELECT first_day - (extract(isodow FROM first_day)::int - 1) AS week, lang, COUNT(*) AS sessions, SUM(searched) AS searched,
           SUM(opened) AS opened, COUNT(*) FILTER (WHERE deflected > undone) AS solved, SUM(ticket) AS ticket
         FROM event_sessions WHERE first_day BETWEEN $1 AND $2
         GROUP BY week, lang ORDER BY week, lang COLLATE "C"`,
        [range.from, range.to],
      );
      return rows.map(
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
      const rows = await db.query(
        `SELECT kind, query, lang, SUM(events) AS events, SUM(ended) AS ended_in_ticket, json_agg(json_build_object('day', day, 'events', events) ORDER BY day) AS days
         FROM (
           SELECT CASE e.type WHEN 'search-miss' THEN 'miss' ELSE 'weak' END AS kind, e.query, e.lang, e.day, COUNT(*) AS events, COALESCE(SUM(s.ticket), 0) AS ended
           FROM events e LEFT JOIN event_sessions s ON s.session = e.session
           WHERE e.type IN ('search', 'search-miss') AND e.day BETWEEN $1 AND $2
             AND (e.type = 'search-miss' OR (s.session IS NOT NULL AND s.opened = 0 AND s.deflected <= s.undone))
           GROUP BY e.type, e.query, e.lang, e.day
         ) per_day
         GROUP BY kind, query, lang`,
        [range.from, range.to],
      );
      return rows.map(
        (row): QueryOutcome => ({
          kind: text(row.kind) as QueryOutcome['kind'],
          query: text(row.query),
          lang: text(row.lang) as ContentLanguage,
          events: Number(row.events),
          endedInTicket: Number(row.ended_in_ticket),
          days: (row.days as { day: string; events: number }[]).map((d) => ({ day: d.day, events: Number(d.events) })),
        }),
      );
    },
    async articleActivity(range) {
      const rows = await db.query(
        `SELECT e.article, e.lang, COUNT(*) FILTER (WHERE e.type = 'suggestion-opened') AS opened,
           COUNT(*) FILTER (WHERE e.type = 'deflected') - COUNT(*) FILTER (WHERE e.type = 'deflection-undone') AS solved,
           COUNT(DISTINCT e.session) FILTER (WHERE e.type IN ('suggestion-opened', 'deflected') AND s.ticket = 1) AS tickets_after
         FROM events e LEFT JOIN event_sessions s ON s.session = e.session
         WHERE e.article IS NOT NULL AND e.day BETWEEN $1 AND $2
         GROUP BY e.article, e.lang`,
        [range.from, range.to],
      );
      return rows.map(
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
      const rows = await db.query('SELECT article_id, lang, COUNT(*) FILTER (WHERE helpful) AS helpful, COUNT(*) AS total FROM votes GROUP BY article_id, lang');
      return rows.map((row): ArticleVotes => ({ articleId: text(row.article_id), lang: text(row.lang) as ContentLanguage, helpful: Number(row.helpful), total: Number(row.total) }));
    },
    async notHelpfulComments(limit) {
      const rows = await db.query('SELECT article_id, lang, comment, updated_at FROM votes WHERE NOT helpful AND comment IS NOT NULL ORDER BY updated_at DESC LIMIT $1', [limit]);
      return rows.map(
        (row): NotHelpfulComment => ({ articleId: text(row.article_id), lang: text(row.lang) as ContentLanguage, comment: text(row.comment), at: text(row.updated_at) }),
      );
    },
    async coverGap(coverage: GapCoverage) {
      await db.query(
        `INSERT INTO gap_coverage (gap, article, covered_at, covered_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (gap) DO UPDATE SET article = excluded.article, covered_at = excluded.covered_at, covered_by = excluded.covered_by`,
        [coverage.gap, coverage.article, coverage.coveredAt, coverage.coveredBy],
      );
    },
    async gapCoverage() {
      const rows = await db.query('SELECT gap, article, covered_at, covered_by FROM gap_coverage ORDER BY gap COLLATE "C"');
      return rows.map((row): GapCoverage => ({ gap: text(row.gap), article: text(row.article), coveredAt: text(row.covered_at), coveredBy: text(row.covered_by) }));
    },

    async listTickets(filter, page) {
      const { conditions, params } = filterClause(filter);
      const [count] = await db.query(`SELECT COUNT(*) AS n FROM tickets t ${where(conditions)}`, params);
      const rows = await db.query(
        `SELECT ${listColumns} FROM tickets t ${where(conditions)} ORDER BY t.created_at DESC, t.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      );
      return { total: Number(count?.n), items: rows.map(toListItem) };
    },
    async ticketsWithFailedDeliveries(filter, limit) {
      const { conditions, params } = filterClause(filter);
      conditions.push("EXISTS (SELECT 1 FROM deliveries d WHERE d.ticket_id = t.id AND d.state = 'failed')");
      const rows = await db.query(`SELECT ${listColumns} FROM tickets t ${where(conditions)} ORDER BY t.created_at DESC, t.seq DESC LIMIT $${params.length + 1}`, [...params, limit]);
      return rows.map(toListItem);
    },
    async deliveryById(id) {
      const [row] = await db.query('SELECT * FROM deliveries WHERE id = $1', [id]);
      return row ? toDelivery(row) : undefined;
    },
    async retryDelivery(deliveryId, at) {
      const rows = await db.query(
        "UPDATE deliveries SET state = 'pending', next_attempt_at = $1, lease_until = NULL, lease_owner = NULL WHERE id = $2 AND state <> 'delivered' RETURNING id",
        [at.toISOString(), deliveryId],
      );
      return rows.length === 1;
    },
    async ticketsByCustomerEmail(email) {
      const rows = await db.query(`SELECT ${ticketColumns} FROM tickets t WHERE t.customer_email = $1 ORDER BY t.created_at DESC, t.seq DESC`, [email.trim().toLowerCase()]);
      const records: TicketRecord[] = [];
      for (const row of rows) {
        const ticket = toTicket(row);
        records.push({ ticket, history: await history(ticket.id), deliveries: await deliveries(ticket.id) });
      }
      return records;
    },
    async deleteTicketsByCustomerEmail(email) {
      const address = email.trim().toLowerCase();
      return transaction(async (tx) => {
        const paths = await tx.query(
          'SELECT a.path FROM attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.customer_email = $1 ORDER BY t.created_at, t.seq, a.position',
          [address],
        );
        // Attachments, history, deliveries and the stored idempotent answer go with it (ON DELETE CASCADE).
        const gone = await tx.query('DELETE FROM tickets WHERE customer_email = $1 RETURNING number', [address]);
        return { numbers: gone.map((r) => text(r.number)), paths: paths.map((r) => text(r.path)) };
      });
    },
  };
}
