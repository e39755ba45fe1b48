/**
 * The default store: one SQLite file (node:sqlite, no native build) in WAL mode. Statements are
 * synchronous and short; a ticket, its attachments, its outbox rows and its idempotency record are
 * written in one transaction, so a crash leaves either all of them or none.
 */
import { DatabaseSync, type SQLOutputValue } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createdTicket, ticketFromRow, waitingOnCustomer, type Delivery, type StoredAttachment, type StoredTicket, type TicketStatus } from './records.ts';
import type { EventInput, IdempotentResponse, NewTicket, NewTicketEvent, Store, VoteInput } from './store.ts';
import { migrations } from './migrations.ts';
import { walCheckpointer } from './wal-checkpointer.ts';
import { sqliteConsole } from './sqlite-console.ts';
import { entryOfUpdate, toHistoryEntry } from './history-entries.ts';

type Row = Record<string, SQLOutputValue>;
type CreatedTicket = Awaited<ReturnType<Store['createTicket']>>;

/** A TEXT column's value (node:sqlite answers TEXT as strings; a BLOB would be a schema mistake, read as UTF-8). */
const text = (value: SQLOutputValue | undefined): string => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value));

export function openSqliteStore(file: string): Store {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(db);
  // A WAL file only (an in-memory database, as some tests use, has none).
  const checkpointer = text((db.prepare('PRAGMA journal_mode').get() as Row).journal_mode) === 'wal' ? walCheckpointer(file) : undefined;
  // One server owns the file, so a claim or a lease of another process is a dead one's (the staff
  // command line opens the file too, but never claims).
  const instance = randomUUID();
  /**
   * Requests in flight by idempotency key live in this process's memory: another process's claim
   * (a dead one's) was taken over at once anyway, so a table gave nothing more, and cost two more
   * write transactions per ticket. A process that dies takes its claims with it, as it should.
   */
  const claims = new Map<string, { token: string; until: number }>();
  const claimId = (scope: string, key: string) => `${scope.length}:${scope}${key}`;
  /** Client hash salts stay in this process's memory: nothing on disk links an address to its hash. */
  const salts = new Map<string, string>();

  const q = {
    nextNumber: db.prepare(
      'INSERT INTO ticket_counters (prefix, last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last',
    ),
    // topic and customer_email repeat fields of `data` for the console's filters and privacy requests (indexed).
    insertTicket: db.prepare(`INSERT INTO tickets (id, number, token_hash, status, created_at, updated_at, expected_reply_by, lang, department, priority, data, redacted, verified_customer_id, client_hash, topic, customer_email)
      VALUES (?1, ?2, ?3, 'open', ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`),
    insertAttachment: db.prepare('INSERT INTO attachments (id, ticket_id, position, name, type, size, path, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertEvent: db.prepare('INSERT INTO ticket_events (ticket_id, at, status, note) VALUES (?, ?, ?, ?)'),
    insertEntry: db.prepare(`INSERT INTO ticket_events (ticket_id, at, status, note, id, kind, actor, message, attachments, redacted)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    // A new wait restarts the auto-close clock; any other status stops it.
    setStatus: db.prepare(`UPDATE tickets SET status = ?1, updated_at = max(COALESCE(updated_at, ?2), ?2),
      waiting_since = CASE WHEN ?3 THEN ?2 END WHERE id = ?4`),
    ticketState: db.prepare('SELECT status, helpdesk_at FROM tickets WHERE id = ?'),
    insertEntryDelivery: db.prepare(`INSERT INTO deliveries (id, ticket_id, forwarder, state, next_attempt_at, event_id, position)
      SELECT ?1, ?2, ?3, 'pending', ?4, ?5, COALESCE(MAX(position), 0) + 1 FROM deliveries WHERE ticket_id = ?2 AND forwarder = ?3`),
    insertIdempotencyAnswer: db.prepare('INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    updateSeen: db.prepare('SELECT 1 FROM status_updates WHERE ticket_id = ? AND id = ?'),
    recordUpdate: db.prepare('INSERT INTO status_updates (ticket_id, id, at) VALUES (?, ?, ?)'),
    helpdeskAt: db.prepare('UPDATE tickets SET helpdesk_at = ? WHERE id = ?'),
    helpdeskNumber: db.prepare('UPDATE tickets SET helpdesk = ?, helpdesk_number = ? WHERE id = ?'),
    entry: db.prepare('SELECT * FROM ticket_events WHERE id = ?'),
    entryFiles: db.prepare('SELECT * FROM attachments WHERE event_id = ? ORDER BY position'),
    replyFiles: db.prepare(`SELECT a.*, e.at AS reply_at FROM attachments a JOIN ticket_events e ON e.id = a.event_id
      WHERE a.ticket_id = ? ORDER BY e.rowid, a.position`),
    byExternalId: db.prepare(`SELECT t.* FROM tickets t WHERE t.id = (SELECT ticket_id FROM deliveries WHERE forwarder = ? AND external_id = ? LIMIT 1)`),
    externalId: db.prepare(`SELECT external_id FROM deliveries WHERE ticket_id = ? AND forwarder = ? AND external_id IS NOT NULL
      ORDER BY position DESC LIMIT 1`),
    waiting: db.prepare(`SELECT id, lang FROM tickets WHERE waiting_since IS NOT NULL AND waiting_since < ? AND status <> 'closed'`),
    pollDue: db.prepare(`SELECT d.id, d.ticket_id FROM deliveries d JOIN tickets t ON t.id = d.ticket_id
      WHERE d.forwarder = ?1 AND d.event_id IS NULL AND d.state = 'delivered' AND t.status <> 'closed'
        AND (d.poll_at IS NULL OR d.poll_at <= ?2) AND (d.poll_lease_until IS NULL OR d.poll_lease_until <= ?2 OR d.poll_lease_owner <> ?3)
      ORDER BY d.poll_at IS NOT NULL, d.poll_at LIMIT ?4`),
    pollLease: db.prepare('UPDATE deliveries SET poll_lease_until = ?, poll_lease_owner = ? WHERE id = ?'),
    schedulePoll: db.prepare('UPDATE deliveries SET poll_at = ?, poll_lease_until = NULL, poll_lease_owner = NULL WHERE id = ?'),
    insertDelivery: db.prepare("INSERT INTO deliveries (id, ticket_id, forwarder, state, next_attempt_at) VALUES (?, ?, ?, 'pending', ?)"),
    insertIdempotency: db.prepare('INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    idempotent: db.prepare('SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?'),
    ticketByNumber: db.prepare('SELECT * FROM tickets WHERE number = ?'),
    ticketById: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    attachments: db.prepare('SELECT * FROM attachments WHERE ticket_id = ? AND event_id IS NULL ORDER BY position'),
    allAttachments: db.prepare('SELECT path FROM attachments WHERE ticket_id = ?'),
    history: db.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY rowid'),
    customerTickets: db.prepare(`SELECT * FROM tickets WHERE verified_customer_id = ?1 AND status <> 'closed' AND (?2 IS NULL OR department = ?2)
      ORDER BY created_at DESC, rowid DESC LIMIT ?3`),
    deliveriesFor: db.prepare('SELECT * FROM deliveries WHERE ticket_id = ? ORDER BY forwarder'),
    upsertVote: db.prepare(`INSERT INTO votes (article_id, lang, voter_hash, helpful, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (article_id, lang, voter_hash) DO UPDATE SET helpful = excluded.helpful,
        comment = COALESCE(excluded.comment, CASE WHEN votes.helpful = excluded.helpful THEN votes.comment END), updated_at = excluded.updated_at`),
    voteCounts: db.prepare('SELECT COALESCE(SUM(helpful), 0) AS helpful, COUNT(*) AS total FROM votes WHERE article_id = ? AND lang = ?'),
    addEvent: db.prepare('INSERT INTO events (type, query, lang, article, day, session) VALUES (?, ?, ?, ?, ?, ?)'),
    // A session keeps the language it started in; its flags only ever turn on, its counts only grow.
    addToSession: db.prepare(`INSERT INTO event_sessions (session, lang, first_day, last_day, searched, opened, deflected, undone, ticket) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (session) DO UPDATE SET first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day),
        searched = max(searched, excluded.searched), opened = max(opened, excluded.opened), deflected = deflected + excluded.deflected,
        undone = undone + excluded.undone, ticket = max(ticket, excluded.ticket)`),
    // A reply or an update goes only after the ticket and the entries before it reached that forwarder.
    due: db.prepare(`SELECT * FROM deliveries d WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
        AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.ticket_id = d.ticket_id AND e.forwarder = d.forwarder AND e.position < d.position AND e.state <> 'delivered')
      ORDER BY next_attempt_at, position LIMIT ?`),
    lease: db.prepare('UPDATE deliveries SET lease_until = ?, lease_owner = ?, attempts = attempts + 1 WHERE id = ?'),
    delivered: db.prepare("UPDATE deliveries SET state = 'delivered', delivered_at = ?, external_id = ?, lease_until = NULL, lease_owner = NULL, last_error = NULL WHERE id = ?"),
    // A late failure must not undo a later success: only pending rows change.
    retry: db.prepare("UPDATE deliveries SET next_attempt_at = ?, last_error = ?, lease_until = NULL, lease_owner = NULL WHERE id = ? AND state = 'pending'"),
    giveUp: db.prepare("UPDATE deliveries SET state = 'failed', last_error = ?, lease_until = NULL, lease_owner = NULL WHERE id = ? AND state = 'pending'"),
    releaseLeases: db.prepare("UPDATE deliveries SET lease_until = NULL, lease_owner = NULL WHERE state = 'pending' AND lease_until IS NOT NULL"),
    releaseDeadLeases: db.prepare(`UPDATE deliveries SET lease_until = NULL, lease_owner = NULL
      WHERE state = 'pending' AND lease_until IS NOT NULL AND (lease_owner IS NULL OR lease_owner <> ?)`),
    oldTickets: db.prepare('SELECT id FROM tickets WHERE created_at < ?'),
    deleteTicket: db.prepare('DELETE FROM tickets WHERE id = ?'),
    allPaths: db.prepare('SELECT path FROM attachments'),
    purgeVotes: db.prepare('DELETE FROM votes WHERE updated_at < ?'),
    purgeEvents: db.prepare('DELETE FROM events WHERE day < ?'),
    purgeSessions: db.prepare('DELETE FROM event_sessions WHERE last_day < ?'),
    stats: db.prepare(`SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM attachments) AS attachments,
      (SELECT COUNT(*) FROM deliveries WHERE state = 'pending') AS pending, (SELECT COUNT(*) FROM deliveries WHERE state = 'delivered') AS delivered,
      (SELECT COUNT(*) FROM deliveries WHERE state = 'failed') AS failed`),
  };

  // Prepared once: db.exec compiles its SQL on every call, a ticket's transaction each time.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  /** Runs `work` in one IMMEDIATE transaction (node:sqlite has no transaction helper). */
  function transaction<T>(work: () => T): T {
    begin.run();
    let result: T;
    try {
      result = work();
      commit.run();
    } catch (error) {
      // A full disk can end the transaction itself; ROLLBACK would then hide SQLITE_FULL behind "cannot rollback".
      if (db.isTransaction) rollback.run();
      throw error;
    }
    checkpointer?.committed(); // after the commit: nothing it does may undo or fail a written transaction
    return result;
  }

  /** Writes one ticket with its attachments, first event, outbox rows and idempotent answer; runs inside a transaction. */
  function writeTicket(input: NewTicket): CreatedTicket {
    const seq = Number((q.nextNumber.get(input.numberPrefix) as Row).last);
    const number = `${input.numberPrefix}-${String(seq).padStart(6, '0')}`;
    const t = input.ticket;
    q.insertTicket.run(input.id, number, input.tokenHash, input.createdAt, input.expectedReplyBy, t.lang, t.department, t.priority,
      JSON.stringify(t), input.redacted ? 1 : 0, input.verifiedCustomerId ?? null, input.clientHash, t.topic ?? null, t.customer.email.trim().toLowerCase());
    input.attachments.forEach((a, position) => q.insertAttachment.run(a.id, input.id, position, a.name, a.type, a.size, a.path, null));
    q.insertEvent.run(input.id, input.createdAt, 'open', null);
    for (const forwarder of input.forwarders) q.insertDelivery.run(randomUUID(), input.id, forwarder, input.createdAt);
    const ticket = createdTicket(input, number);
    const response = input.respond(ticket);
    const { scope, key, fingerprint } = input.idempotency;
    q.insertIdempotency.run(scope, key, fingerprint, response.status, response.body, input.createdAt, input.id);
    return { ticket, response };
  }

  /**
   * Tickets waiting for the next write: those that arrive while the server is busy (one turn of the
   * event loop) share one transaction. A ticket costs about twenty page writes to the WAL, most of
   * them to the same pages (the right-hand ends of the tickets table and of its indexes by date): a
   * shared commit writes each once, and checkpoints come less often. Nobody is answered before the
   * commit. When one ticket fails, the others are written again each in its own transaction, so a
   * failure is its own ticket's only (SQLite's savepoints would cost a statement journal each).
   */
  const queuedTickets: { input: NewTicket; resolve: (created: CreatedTicket) => void; reject: (error: unknown) => void }[] = [];

  function writeQueuedTickets(): void {
    const batch = queuedTickets.splice(0);
    let created: CreatedTicket[];
    try {
      created = transaction(() => batch.map((item) => writeTicket(item.input)));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const item of batch) {
        try {
          item.resolve(transaction(() => writeTicket(item.input)));
        } catch (own) {
          item.reject(own);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(created[i]!));
  }

  function toTicket(row: Row): StoredTicket & { tokenHash: string } {
    const id = text(row.id);
    const attachments = (q.attachments.all(id) as Row[]).map(
      (a): StoredAttachment => ({ id: text(a.id), ticketId: id, name: text(a.name), type: text(a.type), size: Number(a.size), path: text(a.path) }),
    );
    return ticketFromRow(row, attachments, text);
  }

  function toDelivery(row: Row): Delivery {
    return {
      id: text(row.id),
      ticketId: text(row.ticket_id),
      forwarder: text(row.forwarder),
      state: text(row.state) as Delivery['state'],
      attempts: Number(row.attempts),
      nextAttemptAt: text(row.next_attempt_at),
      ...(row.last_error ? { lastError: text(row.last_error) } : {}),
      ...(row.external_id ? { externalId: text(row.external_id) } : {}),
      ...(row.delivered_at ? { deliveredAt: text(row.delivered_at) } : {}),
      ...(row.event_id ? { eventId: text(row.event_id) } : {}),
    };
  }

  const toFile = (a: Row): StoredAttachment => ({ id: text(a.id), ticketId: text(a.ticket_id), name: text(a.name), type: text(a.type), size: Number(a.size), path: text(a.path) });
  const history = (ticketId: string) => (q.history.all(ticketId) as Row[]).map(toHistoryEntry);

  /** Writes one history entry with everything it brings; runs inside a transaction. */
  function writeEntry(e: NewTicketEvent): boolean {
    if (!q.ticketState.get(e.ticketId)) return false;
    const files = e.attachments ?? [];
    q.insertEntry.run(e.ticketId, e.at, e.status, e.note ?? null, e.id, e.kind, e.by ?? null, e.message ?? null, files.length || null, e.redacted ? 1 : 0);
    files.forEach((a, position) => q.insertAttachment.run(a.id, e.ticketId, position, a.name, a.type, a.size, a.path, e.id));
    q.setStatus.run(e.status, e.at, waitingOnCustomer.includes(e.status) ? 1 : 0, e.ticketId);
    for (const forwarder of e.deliverTo ?? []) q.insertEntryDelivery.run(randomUUID(), e.ticketId, forwarder, e.at, e.id);
    if (e.idempotency) {
      const { scope, key, fingerprint, status, body } = e.idempotency;
      q.insertIdempotencyAnswer.run(scope, key, fingerprint, status, body, e.at, e.ticketId);
    }
    return true;
  }
  const withoutToken = (row: Row): StoredTicket => {
    const { tokenHash: _secret, ...ticket } = toTicket(row);
    return ticket;
  };

  return {
    ...sqliteConsole({ db, transaction, toTicket: withoutToken, history, deliveries: (ticketId) => (q.deliveriesFor.all(ticketId) as Row[]).map(toDelivery), toDelivery }),
    createTicket(input: NewTicket) {
      return new Promise((resolve, reject) => {
        if (queuedTickets.push({ input, resolve, reject }) === 1) setImmediate(writeQueuedTickets);
      });
    },
    async ticketByNumber(number) {
      const row = q.ticketByNumber.get(number);
      return row ? toTicket(row) : undefined;
    },
    async ticketById(id) {
      const row = q.ticketById.get(id);
      return row ? withoutToken(row) : undefined;
    },
    async history(ticketId) {
      return history(ticketId);
    },
    async deliveriesFor(ticketId) {
      return (q.deliveriesFor.all(ticketId) as Row[]).map(toDelivery);
    },
    async idempotent(scope, key): Promise<IdempotentResponse | undefined> {
      const row = q.idempotent.get(scope, key);
      return row ? { fingerprint: text(row.fingerprint), status: Number(row.status), body: text(row.body) } : undefined;
    },
    async claimIdempotencyKey(scope, key, now, leaseMs) {
      const id = claimId(scope, key);
      const t = now.getTime();
      const held = claims.get(id);
      if (held && held.until > t) return undefined;
      // Every claim is released when its request ends; a lease that ran out unreleased is swept now and then.
      if (claims.size >= 10_000) for (const [other, claim] of claims) if (claim.until <= t) claims.delete(other);
      const token = randomUUID();
      claims.set(id, { token, until: t + leaseMs });
      return token;
    },
    async releaseIdempotencyKey(scope, key, token) {
      const id = claimId(scope, key);
      if (claims.get(id)?.token === token) claims.delete(id);
    },
    async addTicketEvent(input) {
      return transaction(() => writeEntry(input));
    },
    async setTicketStatus(ticketId, status, at, note, deliverTo) {
      return transaction(() => writeEntry({ id: randomUUID(), ticketId, at: at.toISOString(), kind: 'status', by: 'support', status, ...(note ? { note } : {}), ...(deliverTo ? { deliverTo } : {}) }));
    },
    async applyStatusUpdate({ ticketId, source, update, showReplyText, deliverTo }) {
      return transaction(() => {
        const state = q.ticketState.get(ticketId);
        if (!state) return 'no-ticket';
        if (q.updateSeen.get(ticketId, update.id)) return 'duplicate';
        const at = new Date(update.at).toISOString();
        if (state.helpdesk_at && at < text(state.helpdesk_at)) return 'stale';
        q.recordUpdate.run(ticketId, update.id, at);
        q.helpdeskAt.run(at, ticketId);
        if (update.helpdeskNumber) q.helpdeskNumber.run(source, update.helpdeskNumber, ticketId);
        const entry = entryOfUpdate(ticketId, text(state.status) as TicketStatus, update, at, showReplyText, deliverTo);
        if (entry) writeEntry(entry);
        return 'applied';
      });
    },
    async replyFiles(ticketId) {
      return (q.replyFiles.all(ticketId) as Row[]).map((row) => ({ at: text(row.reply_at), file: toFile(row) }));
    },
    async ticketEvent(eventId) {
      const row = q.entry.get(eventId);
      if (!row) return undefined;
      return { id: eventId, ticketId: text(row.ticket_id), event: toHistoryEntry(row), attachments: (q.entryFiles.all(eventId) as Row[]).map(toFile) };
    },
    async ticketByExternalId(forwarder, externalId) {
      const row = q.byExternalId.get(forwarder, externalId);
      return row ? withoutToken(row) : undefined;
    },
    async externalIdFor(ticketId, forwarder) {
      const row = q.externalId.get(ticketId, forwarder);
      return row ? text(row.external_id) : undefined;
    },
    async customerTickets(customerId, { department, limit }) {
      return (q.customerTickets.all(customerId, department ?? null, limit) as Row[]).map(withoutToken);
    },
    async closeWaitingTickets({ langs, waitingBefore, at, note, deliverTo }) {
      return transaction(() => {
        const closed: string[] = [];
        for (const row of q.waiting.all(waitingBefore.toISOString()) as Row[]) {
          if (!langs.includes(text(row.lang))) continue;
          const id = text(row.id);
          writeEntry({ id: randomUUID(), ticketId: id, at: at.toISOString(), kind: 'status', status: 'closed', ...(note ? { note } : {}), ...(deliverTo ? { deliverTo } : {}) });
          closed.push(id);
        }
        return closed;
      });
    },
    async claimTicketsToPoll(forwarder, now, limit, leaseMs) {
      return transaction(() => {
        const rows = q.pollDue.all(forwarder, now.toISOString(), instance, limit) as Row[];
        const until = new Date(now.getTime() + leaseMs).toISOString();
        return rows.flatMap((row) => {
          const externalId = q.externalId.get(text(row.ticket_id), forwarder);
          if (!externalId) return [];
          q.pollLease.run(until, instance, text(row.id));
          return [{ deliveryId: text(row.id), ticketId: text(row.ticket_id), externalId: text(externalId.external_id) }];
        });
      });
    },
    async schedulePoll(deliveryId, next) {
      q.schedulePoll.run(next.toISOString(), deliveryId);
    },
    async upsertVote(vote: VoteInput, at: Date) {
      q.upsertVote.run(vote.articleId, vote.lang, vote.voterHash, vote.helpful ? 1 : 0, vote.comment ?? null, at.toISOString());
    },
    async voteCounts(articleId, lang) {
      const row = q.voteCounts.get(articleId, lang) as Row;
      return { helpful: Number(row.helpful), total: Number(row.total) };
    },
    async addEvent(event: EventInput, at: Date) {
      const day = at.toISOString().slice(0, 10);
      const { type, session } = event;
      transaction(() => {
        q.addEvent.run(type, event.query, event.lang, event.article ?? null, day, session ?? null);
        if (!session) return;
        const flag = (is: boolean) => (is ? 1 : 0);
        q.addToSession.run(session, event.lang, day, day, flag(type === 'search' || type === 'search-miss'), flag(type === 'suggestion-opened'),
          flag(type === 'deflected'), flag(type === 'deflection-undone'), flag(type === 'ticket-sent'));
      });
    },
    async claimDueDeliveries(now, limit, leaseMs) {
      return transaction(() => {
        const at = now.toISOString();
        const rows = (q.due.all(at, at, limit) as Row[]).map(toDelivery);
        const until = new Date(now.getTime() + leaseMs).toISOString();
        for (const d of rows) q.lease.run(until, instance, d.id);
        return rows.map((d) => ({ ...d, attempts: d.attempts + 1 }));
      });
    },
    async markDelivered(deliveryId, at, externalId) {
      q.delivered.run(at.toISOString(), externalId ?? null, deliveryId);
    },
    async markFailed(deliveryId, error, nextAttemptAt) {
      if (nextAttemptAt) q.retry.run(nextAttemptAt.toISOString(), error.slice(0, 1000), deliveryId);
      else q.giveUp.run(error.slice(0, 1000), deliveryId);
    },
    async releaseLeases() {
      return Number(q.releaseLeases.run().changes);
    },
    async releaseDeadLeases() {
      return Number(q.releaseDeadLeases.run(instance).changes);
    },
    async clientSalt(day, candidate) {
      const eve = new Date(Date.parse(`${day}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10);
      for (const kept of salts.keys()) if (kept < eve) salts.delete(kept);
      if (!salts.has(day)) salts.set(day, candidate);
      return salts.get(day)!;
    },
    async purgeTicketsBefore(before) {
      return transaction(() => {
        const paths: string[] = [];
        for (const row of q.oldTickets.all(before.toISOString()) as Row[]) {
          for (const a of q.allAttachments.all(text(row.id)) as Row[]) paths.push(text(a.path));
          q.deleteTicket.run(text(row.id));
        }
        return paths;
      });
    },
    async purgeVotesBefore(before) {
      return Number(q.purgeVotes.run(before.toISOString()).changes);
    },
    async purgeEventsBefore(before) {
      return transaction(() => {
        const day = before.toISOString().slice(0, 10);
        // A session goes with its last event; one still going on keeps its whole summary.
        q.purgeSessions.run(day);
        return Number(q.purgeEvents.run(day).changes);
      });
    },
    async attachmentPaths() {
      return new Set((q.allPaths.all() as Row[]).map((r) => text(r.path)));
    },
    async stats() {
      const row = q.stats.get() as Row;
      return { tickets: Number(row.tickets), attachments: Number(row.attachments), pending: Number(row.pending), delivered: Number(row.delivered), failed: Number(row.failed) };
    },
    close() {
      if (queuedTickets.length) writeQueuedTickets(); // a ticket handed over is written before the file closes
      checkpointer?.stop(); // first, so that this close is the file's last and removes the WAL
      db.close();
    },
  };
}

function migrate(db: DatabaseSync): void {
  const current = Number((db.prepare('PRAGMA user_version').get() as Row).user_version);
  for (let version = current; version < migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`database migration ${version + 1} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
