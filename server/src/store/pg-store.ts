/**
 * The PostgreSQL store (`DATABASE_URL=postgres://...`), for several instances behind a load
 * balancer: everything they must agree on lives here. A ticket, its attachments' rows, its outbox
 * rows and its idempotent answer are written in one transaction, as in SQLite; the idempotency key
 * is unique, so two instances racing on one key still make one ticket. Each instance holds a
 * session-level advisory lock on its own number while it runs: the claims (requests in flight,
 * outbox leases) of an instance whose lock is gone are taken over at once, not after their lease.
 * Migrations (pg-migrations/, node-pg-migrate) run at open under node-pg-migrate's advisory lock,
 * so instances starting together on an empty database take turns.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { createdTicket, ticketFromRow, waitingOnCustomer, type Delivery, type StoredAttachment, type StoredTicket, type TicketStatus } from './records.ts';
import type { EventInput, IdempotentResponse, NewTicket, NewTicketEvent, Store, VoteInput } from './store.ts';
import { postgresConsole, ticketColumns } from './pg-console.ts';
import { entryOfUpdate, toHistoryEntry } from './history-entries.ts';

/** Rows as pg answers them, with the type parsers below. */
export type PgRow = Record<string, unknown>;

/** What only the PostgreSQL store has: its pool (the shared rate limiter counts through it), the stored server secret, its instance number. */
export interface PostgresStore extends Store {
  readonly pool: pg.Pool;
  /** This process's number among the running instances (the advisory lock it holds). */
  instance(): number;
  /** The server secret kept in the database: the one stored, else `candidate`, stored now (the first instance to start creates it). */
  serverSecret(candidate: string): Promise<string>;
  /** Closes the pool and the instance lock, and waits until they are closed (`close()` does not wait). */
  end(): Promise<void>;
}

/** The advisory lock namespace ("SKIT") under which each instance locks its number. */
export const instanceLockSpace = 0x534b4954;

/** True while the instance `column` names holds its lock in this database. */
export const instanceAlive = (column: string) => `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ${instanceLockSpace}::oid
  AND l.objsubid = 2 AND l.granted AND l.objid::bigint = ${column}
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;

/** Type ids of the columns parsed below (pg_type.oid). */
const oids = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184 } as const;
type Parser = (value: string) => unknown;
/**
 * Counts (int8, numeric) as numbers, days (date) as the `YYYY-MM-DD` they are stored as, instants
 * (timestamptz) as `Date.toISOString()` writes them, which is what the Store interface speaks.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === oids.int8 || oid === oids.numeric) return (value: string) => Number(value);
    if (oid === oids.date) return (value: string) => value;
    if (oid === oids.timestamptz) {
      const parse = pg.types.getTypeParser(oids.timestamptz, 'text') as (value: string) => Date;
      return (value: string) => parse(value).toISOString();
    }
    return (format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text')) as Parser;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A column's value as text (the columns read this way are text, or numbers and instants parsed above). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/**
 * PostgreSQL text cannot hold U+0000, which JSON and the contract allow: a customer's NUL becomes
 * U+FFFD instead of a 5xx. The ticket itself is stored as JSON text, where NUL is already escaped.
 */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
  if (Array.isArray(value)) return value.map(clean);
  return value;
}

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<PgRow[]>;
}

const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
  async query(text, values = []) {
    return (await client.query<PgRow>(text, values.map(clean))).rows;
  },
});

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Where migration messages go (default: one console line each when a migration runs). */
  log?: (line: string) => void;
}

/** Applies the migrations in pg-migrations/ that this database has not had yet, one instance at a time. */
export async function migratePostgres(url: string, log: (line: string) => void = (line) => console.log(`[support-kit store] ${line}`)): Promise<void> {
  const quiet = (line: string) => {
    if (!/No migrations to run/.test(line)) log(line);
  };
  await runner({
    databaseUrl: url,
    dir: path.join(import.meta.dirname, 'pg-migrations'),
    migrationsTable: 'pgmigrations',
    direction: 'up',
    // Several instances starting at once: the others wait for the first to finish, then find nothing to do.
    advisoryLockMode: 'wait',
    // Its errors are thrown too, and main.ts says them in one line: logged here they would come twice, with a stack.
    logger: { debug: () => {}, info: quiet, warn: quiet, error: () => {} },
  });
}

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  await migratePostgres(url, options.log);
  // UTC, so anything PostgreSQL itself writes as text (a day, a week) is a UTC one, like the events' days.
  const connection = { connectionString: url, types, options: '-c TimeZone=UTC' };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  // An idle connection that breaks (a database restart) must not take the process down; the next query reconnects.
  pool.on('error', (error) => console.error('[support-kit store] a PostgreSQL connection failed:', error.message));
  const db = on(pool);
  let closed = false;

  /**
   * This instance's number and the connection that holds its lock. If that connection breaks, the
   * others see this instance as gone and take over its claims; it takes a new number and goes on
   * (a delivery it was making may then be made twice: the outbox promises at least once).
   */
  let number = 0;
  let lockClient: pg.Client | undefined;
  async function holdInstanceLock(): Promise<void> {
    const client = new pg.Client(connection);
    await client.connect();
    const [row] = (await client.query<PgRow>('SELECT nextval(\'instance_numbers\') AS n')).rows;
    const n = Number(row?.n);
    await client.query('SELECT pg_advisory_lock($1, $2)', [instanceLockSpace, n]);
    client.on('error', (error) => {
      console.error(`[support-kit store] lost the connection holding instance lock ${n} (${error.message}); taking a new one`);
      void retake();
    });
    lockClient = client;
    number = n;
  }
  async function retake(): Promise<void> {
    lockClient = undefined;
    while (!closed) {
      try {
        await holdInstanceLock();
        return;
      } catch (error) {
        console.error(`[support-kit store] cannot take an instance lock yet: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
  try {
    await holdInstanceLock();
  } catch (error) {
    await pool.end();
    throw error;
  }

  async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(on(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** A ticket row with its attachments gathered in the same query (`attachment_list`, see ticketColumns). */
  function toTicket(row: PgRow): StoredTicket & { tokenHash: string } {
    const id = text(row.id);
    const attachments = ((row.attachment_list ?? []) as { id: string; name: string; type: string; size: number; path: string }[]).map(
      (a): StoredAttachment => ({ id: a.id, ticketId: id, name: a.name, type: a.type, size: Number(a.size), path: a.path }),
    );
    return ticketFromRow(row, attachments, text);
  }
  const withoutToken = (row: PgRow): StoredTicket => {
    const { tokenHash: _secret, ...ticket } = toTicket(row);
    return ticket;
  };

  function toDelivery(row: PgRow): Delivery {
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

  const history = async (ticketId: string, from: Queryable = db) =>
    (await from.query('SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(toHistoryEntry);

  /** Writes one history entry with everything it brings, in one statement, inside the caller's transaction. */
  async function writeEntry(tx: Queryable, e: NewTicketEvent): Promise<boolean> {
    const files = e.attachments ?? [];
    const forwarders = [...(e.deliverTo ?? [])];
    const answer = e.idempotency;
    // A new wait restarts the auto-close clock; any other status stops it.
    const rows = await tx.query(
      `WITH t AS (
         UPDATE tickets SET status = $3::text, updated_at = GREATEST(COALESCE(updated_at, $2::timestamptz), $2::timestamptz),
           waiting_since = CASE WHEN $10::boolean THEN $2::timestamptz END
         WHERE id = $1 RETURNING id
       ), e AS (
         INSERT INTO ticket_events (ticket_id, at, status, note, event_id, kind, actor, message, attachments, redacted)
         SELECT t.id, $2::timestamptz, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::integer, $11::boolean FROM t
       ), a AS (
         INSERT INTO attachments (id, ticket_id, position, name, type, size, path, event_id)
         SELECT a.id, t.id, a.position - 1, a.name, a.type, a.size, a.path, $5::text
         FROM t, unnest($12::text[], $13::text[], $14::text[], $15::bigint[], $16::text[]) WITH ORDINALITY AS a (id, name, type, size, path, position)
       ), d AS (
         INSERT INTO deliveries (id, ticket_id, forwarder, state, next_attempt_at, event_id, position)
         SELECT d.id, t.id, d.forwarder, 'pending', $2::timestamptz, $5::text,
           COALESCE((SELECT MAX(position) FROM deliveries x WHERE x.ticket_id = t.id AND x.forwarder = d.forwarder), 0) + 1
         FROM t, unnest($17::text[], $18::text[]) AS d (id, forwarder)
       ), i AS (
         INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at, ticket_id)
         SELECT $19::text, $20::text, $21::text, $22::integer, $23::text, $2::timestamptz, t.id FROM t WHERE $19::text IS NOT NULL
       )
       SELECT id FROM t`,
      [
        e.ticketId, e.at, e.status, e.note ?? null, e.id, e.kind, e.by ?? null, e.message ?? null, files.length || null,
        waitingOnCustomer.includes(e.status), Boolean(e.redacted),
        files.map((a) => a.id), files.map((a) => a.name), files.map((a) => a.type), files.map((a) => a.size), files.map((a) => a.path),
        forwarders.map(() => randomUUID()), forwarders,
        answer?.scope ?? null, answer?.key ?? null, answer?.fingerprint ?? null, answer?.status ?? null, answer?.body ?? null,
      ],
    );
    return rows.length === 1;
  }
  // Forwarder names in byte order, as SQLite sorts them.
  const deliveries = async (ticketId: string, from: Queryable = db) =>
    (await from.query('SELECT * FROM deliveries WHERE ticket_id = $1 ORDER BY forwarder COLLATE "C"', [ticketId])).map(toDelivery);

  const store: PostgresStore = {
    ...postgresConsole({ db, transaction, toTicket: withoutToken, history, deliveries, toDelivery }),
    pool,
    instance: () => number,

    async createTicket(input: NewTicket) {
      return transaction(async (tx) => {
        const [counter] = await tx.query(
          'INSERT INTO ticket_counters (prefix, last) VALUES ($1, 1) ON CONFLICT (prefix) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last',
          [input.numberPrefix],
        );
        const number = `${input.numberPrefix}-${String(counter?.last).padStart(6, '0')}`;
        const t = input.ticket;
        const ticket = createdTicket(input, number);
        const response = input.respond(ticket);
        const { scope, key, fingerprint } = input.idempotency;
        // One statement for every row of the ticket: one round trip. A reused key fails it whole (unique violation).
        await tx.query(
          `WITH t AS (
             INSERT INTO tickets (id, number, token_hash, status, created_at, updated_at, expected_reply_by, lang, department, priority, topic, customer_email, subject, customer_name, data, redacted, verified_customer_id, client_hash)
             VALUES ($1, $2, $3, 'open', $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ), a AS (
             INSERT INTO attachments (id, ticket_id, position, name, type, size, path)
             SELECT a.id, $1, a.position - 1, a.name, a.type, a.size, a.path
             FROM unnest($17::text[], $18::text[], $19::text[], $20::bigint[], $21::text[]) WITH ORDINALITY AS a (id, name, type, size, path, position)
           ), e AS (
             INSERT INTO ticket_events (ticket_id, at, status) VALUES ($1, $4, 'open')
           ), d AS (
             INSERT INTO deliveries (id, ticket_id, forwarder, state, next_attempt_at)
             SELECT d.id, $1, d.forwarder, 'pending', $4 FROM unnest($22::text[], $23::text[]) AS d (id, forwarder)
           )
           INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at, ticket_id) VALUES ($24, $25, $26, $27, $28, $4, $1)`,
          [
            input.id, number, input.tokenHash, input.createdAt, input.expectedReplyBy, t.lang, t.department, t.priority, t.topic ?? null,
            t.customer.email.trim().toLowerCase(), t.subject, t.customer.name, JSON.stringify(t), input.redacted, input.verifiedCustomerId ?? null, input.clientHash,
            input.attachments.map((a) => a.id), input.attachments.map((a) => a.name), input.attachments.map((a) => a.type), input.attachments.map((a) => a.size),
            input.attachments.map((a) => a.path),
            input.forwarders.map(() => randomUUID()), input.forwarders,
            scope, key, fingerprint, response.status, response.body,
          ],
        );
        return { ticket, response };
      });
    },
    async ticketByNumber(number) {
      const [row] = await db.query(`SELECT ${ticketColumns} FROM tickets t WHERE t.number = $1`, [number]);
      return row ? toTicket(row) : undefined;
    },
    async ticketById(id) {
      const [row] = await db.query(`SELECT ${ticketColumns} FROM tickets t WHERE t.id = $1`, [id]);
      return row ? withoutToken(row) : undefined;
    },
    async history(ticketId) {
      return history(ticketId);
    },
    async deliveriesFor(ticketId) {
      return deliveries(ticketId);
    },
    async idempotent(scope, key): Promise<IdempotentResponse | undefined> {
      const [row] = await db.query('SELECT fingerprint, status, body FROM idempotency WHERE scope = $1 AND key = $2', [scope, key]);
      return row ? { fingerprint: text(row.fingerprint), status: Number(row.status), body: text(row.body) } : undefined;
    },
    async claimIdempotencyKey(scope, key, now, leaseMs) {
      const token = randomUUID();
      // Taken over when its lease ran out or the instance that holds it is gone.
      const rows = await db.query(
        `INSERT INTO idempotency_claims AS c (scope, key, instance, token, lease_until) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, key) DO UPDATE SET instance = excluded.instance, token = excluded.token, lease_until = excluded.lease_until
           WHERE c.lease_until <= $6 OR NOT ${instanceAlive('c.instance')}
         RETURNING token`,
        [scope, key, number, token, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
      );
      return rows.length ? token : undefined;
    },
    async releaseIdempotencyKey(scope, key, token) {
      await db.query('DELETE FROM idempotency_claims WHERE scope = $1 AND key = $2 AND token = $3', [scope, key, token]);
    },
    async addTicketEvent(input) {
      return transaction((tx) => writeEntry(tx, input));
    },
    async setTicketStatus(ticketId, status, at, note, deliverTo) {
      return transaction((tx) =>
        writeEntry(tx, { id: randomUUID(), ticketId, at: at.toISOString(), kind: 'status', by: 'support', status, ...(note ? { note } : {}), ...(deliverTo ? { deliverTo } : {}) }),
      );
    },
    async applyStatusUpdate({ ticketId, source, update, showReplyText, deliverTo }) {
      return transaction(async (tx) => {
        // FOR UPDATE: two updates of one ticket arriving at once are applied one after the other, in order.
        const [state] = await tx.query('SELECT status, helpdesk_at FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]);
        if (!state) return 'no-ticket';
        if ((await tx.query('SELECT 1 FROM status_updates WHERE ticket_id = $1 AND id = $2', [ticketId, update.id])).length) return 'duplicate';
        const at = new Date(update.at).toISOString();
        if (state.helpdesk_at && at < text(state.helpdesk_at)) return 'stale';
        await tx.query('INSERT INTO status_updates (ticket_id, id, at) VALUES ($1, $2, $3)', [ticketId, update.id, at]);
        await tx.query('UPDATE tickets SET helpdesk_at = $2, helpdesk = CASE WHEN $4::text IS NULL THEN helpdesk ELSE $3 END, helpdesk_number = COALESCE($4, helpdesk_number) WHERE id = $1', [
          ticketId, at, source, update.helpdeskNumber ?? null,
        ]);
        const entry = entryOfUpdate(ticketId, text(state.status) as TicketStatus, update, at, showReplyText, deliverTo);
        if (entry) await writeEntry(tx, entry);
        return 'applied';
      });
    },
    async replyFiles(ticketId) {
      const rows = await db.query(
        `SELECT a.*, e.at AS reply_at FROM attachments a JOIN ticket_events e ON e.event_id = a.event_id WHERE a.ticket_id = $1 ORDER BY e.id, a.position`,
        [ticketId],
      );
      return rows.map((a) => ({ at: text(a.reply_at), file: { id: text(a.id), ticketId: text(a.ticket_id), name: text(a.name), type: text(a.type), size: Number(a.size), path: text(a.path) } }));
    },
    async ticketEvent(eventId) {
      const [row] = await db.query('SELECT * FROM ticket_events WHERE event_id = $1', [eventId]);
      if (!row) return undefined;
      const files = await db.query('SELECT * FROM attachments WHERE event_id = $1 ORDER BY position', [eventId]);
      return {
        id: eventId, ticketId: text(row.ticket_id), event: toHistoryEntry(row),
        attachments: files.map((a): StoredAttachment => ({ id: text(a.id), ticketId: text(a.ticket_id), name: text(a.name), type: text(a.type), size: Number(a.size), path: text(a.path) })),
      };
    },
    async ticketByExternalId(forwarder, externalId) {
      const [row] = await db.query(
        `SELECT ${ticketColumns} FROM tickets t WHERE t.id = (SELECT ticket_id FROM deliveries WHERE forwarder = $1 AND external_id = $2 LIMIT 1)`,
        [forwarder, externalId],
      );
      return row ? withoutToken(row) : undefined;
    },
    async externalIdFor(ticketId, forwarder) {
      const [row] = await db.query(
        'SELECT external_id FROM deliveries WHERE ticket_id = $1 AND forwarder = $2 AND external_id IS NOT NULL ORDER BY position DESC LIMIT 1',
        [ticketId, forwarder],
      );
      return row ? text(row.external_id) : undefined;
    },
    async customerTickets(customerId, { department, limit }) {
      const rows = await db.query(
        `SELECT ${ticketColumns} FROM tickets t WHERE t.verified_customer_id = $1 AND t.status <> 'closed' AND ($2::text IS NULL OR t.department = $2)
         ORDER BY t.created_at DESC, t.seq DESC LIMIT $3`,
        [customerId, department ?? null, limit],
      );
      return rows.map(withoutToken);
    },
    async closeWaitingTickets({ langs, waitingBefore, at, note, deliverTo }) {
      return transaction(async (tx) => {
        // SKIP LOCKED: instances closing at the same moment each close other tickets, never one twice.
        const rows = await tx.query(
          `SELECT id FROM tickets WHERE waiting_since < $1 AND status <> 'closed' AND lang = ANY($2::text[]) ORDER BY waiting_since FOR UPDATE SKIP LOCKED`,
          [waitingBefore.toISOString(), [...langs]],
        );
        for (const row of rows) {
          await writeEntry(tx, { id: randomUUID(), ticketId: text(row.id), at: at.toISOString(), kind: 'status', status: 'closed', ...(note ? { note } : {}), ...(deliverTo ? { deliverTo } : {}) });
        }
        return rows.map((r) => text(r.id));
      });
    },
    async claimTicketsToPoll(forwarder, now, limit, leaseMs) {
      const at = now.toISOString();
      // SKIP LOCKED and the lease: each due ticket goes to one instance; a dead instance's lease is void.
      const rows = await db.query(
        `UPDATE deliveries d SET poll_lease_until = $4, poll_lease_owner = $5
         FROM (SELECT x.id FROM deliveries x JOIN tickets t ON t.id = x.ticket_id
               WHERE x.forwarder = $1 AND x.event_id IS NULL AND x.state = 'delivered' AND t.status <> 'closed'
                 AND (x.poll_at IS NULL OR x.poll_at <= $2)
                 AND (x.poll_lease_until IS NULL OR x.poll_lease_until <= $2 OR NOT ${instanceAlive('x.poll_lease_owner')})
               ORDER BY x.poll_at NULLS FIRST LIMIT $3 FOR UPDATE OF x SKIP LOCKED) due
         WHERE d.id = due.id
         RETURNING d.id, d.ticket_id, d.poll_at,
           (SELECT external_id FROM deliveries e WHERE e.ticket_id = d.ticket_id AND e.forwarder = d.forwarder AND e.external_id IS NOT NULL
            ORDER BY e.position DESC LIMIT 1) AS external_id`,
        [forwarder, at, limit, new Date(now.getTime() + leaseMs).toISOString(), number],
      );
      return rows
        .filter((r) => r.external_id)
        .sort((a, b) => (a.poll_at ? text(a.poll_at) : '').localeCompare(b.poll_at ? text(b.poll_at) : ''))
        .map((r) => ({ deliveryId: text(r.id), ticketId: text(r.ticket_id), externalId: text(r.external_id) }));
    },
    async schedulePoll(deliveryId, next) {
      await db.query('UPDATE deliveries SET poll_at = $2, poll_lease_until = NULL, poll_lease_owner = NULL WHERE id = $1', [deliveryId, next.toISOString()]);
    },
    async upsertVote(vote: VoteInput, at: Date) {
      await db.query(
        `INSERT INTO votes (article_id, lang, voter_hash, helpful, comment, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (article_id, lang, voter_hash) DO UPDATE SET helpful = excluded.helpful,
           comment = COALESCE(excluded.comment, CASE WHEN votes.helpful = excluded.helpful THEN votes.comment END), updated_at = excluded.updated_at`,
        [vote.articleId, vote.lang, vote.voterHash, vote.helpful, vote.comment ?? null, at.toISOString()],
      );
    },
    async voteCounts(articleId, lang) {
      const [row] = await db.query('SELECT COUNT(*) FILTER (WHERE helpful) AS helpful, COUNT(*) AS total FROM votes WHERE article_id = $1 AND lang = $2', [articleId, lang]);
      return { helpful: Number(row?.helpful ?? 0), total: Number(row?.total ?? 0) };
    },
    async addEvent(event: EventInput, at: Date) {
      const day = at.toISOString().slice(0, 10);
      const { type, session } = event;
      const values = [type, event.query, event.lang, event.article ?? null, day, session ?? null];
      if (!session) {
        await db.query('INSERT INTO events (type, query, lang, article, day, session) VALUES ($1, $2, $3, $4, $5, $6)', values);
        return;
      }
      const flag = (is: boolean) => (is ? 1 : 0);
      // One statement: the event and its session's summary. A session keeps the language it started in; its flags only turn on, its counts only grow.
      await db.query(
        `WITH e AS (INSERT INTO events (type, query, lang, article, day, session) VALUES ($1, $2, $3, $4, $5, $6))
         INSERT INTO event_sessions AS s (session, lang, first_day, last_day, searched, opened, deflected, undone, ticket) VALUES ($6, $3, $5, $5, $7, $8, $9, $10, $11)
         ON CONFLICT (session) DO UPDATE SET first_day = LEAST(s.first_day, excluded.first_day), last_day = GREATEST(s.last_day, excluded.last_day),
           searched = GREATEST(s.searched, excluded.searched), opened = GREATEST(s.opened, excluded.opened), deflected = s.deflected + excluded.deflected,
           undone = s.undone + excluded.undone, ticket = GREATEST(s.ticket, excluded.ticket)`,
        [...values, flag(type === 'search' || type === 'search-miss'), flag(type === 'suggestion-opened'), flag(type === 'deflected'), flag(type === 'deflection-undone'), flag(type === 'ticket-sent')],
      );
    },
    async claimDueDeliveries(now, limit, leaseMs) {
      const at = now.toISOString();
      // SKIP LOCKED: instances claiming at the same moment each get other rows, none waits for another.
      const rows = await db.query(
        `UPDATE deliveries d SET lease_until = $3, lease_owner = $4, attempts = d.attempts + 1
         FROM (SELECT id FROM deliveries x WHERE state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
                 -- A reply or an update goes only after the ticket and the entries before it reached that forwarder.
                 AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.ticket_id = x.ticket_id AND e.forwarder = x.forwarder AND e.position < x.position AND e.state <> 'delivered')
               ORDER BY next_attempt_at, position LIMIT $2 FOR UPDATE SKIP LOCKED) due
         WHERE d.id = due.id
         RETURNING d.*`,
        [at, limit, new Date(now.getTime() + leaseMs).toISOString(), number],
      );
      return rows.sort((a, b) => text(a.next_attempt_at).localeCompare(text(b.next_attempt_at)) || Number(a.position) - Number(b.position)).map(toDelivery);
    },
    async markDelivered(deliveryId, at, externalId) {
      await db.query(
        "UPDATE deliveries SET state = 'delivered', delivered_at = $1, external_id = $2, lease_until = NULL, lease_owner = NULL, last_error = NULL WHERE id = $3",
        [at.toISOString(), externalId ?? null, deliveryId],
      );
    },
    async markFailed(deliveryId, error, nextAttemptAt) {
      // A late failure must not undo a later success: only pending rows change.
      if (nextAttemptAt) {
        await db.query("UPDATE deliveries SET next_attempt_at = $1, last_error = $2, lease_until = NULL, lease_owner = NULL WHERE id = $3 AND state = 'pending'", [
          nextAttemptAt.toISOString(), error.slice(0, 1000), deliveryId,
        ]);
      } else {
        await db.query("UPDATE deliveries SET state = 'failed', last_error = $1, lease_until = NULL, lease_owner = NULL WHERE id = $2 AND state = 'pending'", [error.slice(0, 1000), deliveryId]);
      }
    },
    async releaseLeases() {
      const rows = await db.query("UPDATE deliveries SET lease_until = NULL, lease_owner = NULL WHERE state = 'pending' AND lease_until IS NOT NULL RETURNING id");
      return rows.length;
    },
    async releaseDeadLeases() {
      const rows = await db.query(
        `UPDATE deliveries SET lease_until = NULL, lease_owner = NULL
         WHERE state = 'pending' AND lease_owner IS NOT NULL AND NOT ${instanceAlive('lease_owner')} RETURNING id`,
      );
      return rows.length;
    },
    async clientSalt(day, candidate) {
      await db.query('DELETE FROM client_salts WHERE day < $1::date - 1', [day]);
      await db.query('INSERT INTO client_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [day, candidate]);
      // A separate statement: it sees the row another instance inserted first.
      const [row] = await db.query('SELECT salt FROM client_salts WHERE day = $1', [day]);
      return text(row?.salt);
    },
    async serverSecret(candidate) {
      await db.query('INSERT INTO server_secret (secret) VALUES ($1) ON CONFLICT (id) DO NOTHING', [candidate]);
      const [row] = await db.query('SELECT secret FROM server_secret');
      return text(row?.secret);
    },
    async purgeTicketsBefore(before) {
      // The outer SELECT sees the attachments as they were before the DELETE (one snapshot): their paths, for the files.
      const rows = await db.query(
        `WITH gone AS (DELETE FROM tickets WHERE created_at < $1 RETURNING id)
         SELECT a.path FROM attachments a JOIN gone ON gone.id = a.ticket_id`,
        [before.toISOString()],
      );
      return rows.map((r) => text(r.path));
    },
    async purgeVotesBefore(before) {
      return (await db.query('DELETE FROM votes WHERE updated_at < $1 RETURNING 1', [before.toISOString()])).length;
    },
    async purgeEventsBefore(before) {
      const day = before.toISOString().slice(0, 10);
      // A session goes with its last event; one still going on keeps its whole summary.
      const rows = await db.query(
        `WITH s AS (DELETE FROM event_sessions WHERE last_day < $1)
         DELETE FROM events WHERE day < $1 RETURNING 1`,
        [day],
      );
      return rows.length;
    },
    async attachmentPaths() {
      return new Set((await db.query('SELECT path FROM attachments')).map((r) => text(r.path)));
    },
    async stats() {
      const [row] = await db.query(`SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM attachments) AS attachments,
        COUNT(*) FILTER (WHERE state = 'pending') AS pending, COUNT(*) FILTER (WHERE state = 'delivered') AS delivered,
        COUNT(*) FILTER (WHERE state = 'failed') AS failed FROM deliveries`);
      return { tickets: Number(row?.tickets), attachments: Number(row?.attachments), pending: Number(row?.pending), delivered: Number(row?.delivered), failed: Number(row?.failed) };
    },
    close() {
      void store.end();
    },
    async end() {
      if (closed) return;
      closed = true;
      const lock = lockClient;
      lockClient = undefined;
      await Promise.all([pool.end(), lock?.end().catch(() => {})]);
    },
  };
  return store;
}
