/**
 * Schema migrations, versioned in code and applied in order on open (SQLite's `user_version` holds
 * the number applied). Never edit a shipped migration: add the next one.
 */
export const migrations: readonly string[] = [
  /* 1 */ `
  CREATE TABLE ticket_counters (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expected_reply_by TEXT NOT NULL,
    lang TEXT NOT NULL,
    department TEXT NOT NULL,
    priority TEXT NOT NULL,
    data TEXT NOT NULL,
    redacted INTEGER NOT NULL,
    verified_customer_id TEXT,
    client_hash TEXT NOT NULL
  );
  CREATE INDEX tickets_created ON tickets (created_at);
  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    path TEXT NOT NULL
  );
  CREATE INDEX attachments_ticket ON attachments (ticket_id);
  CREATE TABLE ticket_events (
    ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT
  );
  CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
  CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ticket_id TEXT REFERENCES tickets (id) ON DELETE CASCADE,
    PRIMARY KEY (scope, key)
  );
  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    forwarder TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    external_id TEXT,
    delivered_at TEXT
  );
  CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
  CREATE TABLE votes (
    article_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    voter_hash TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, lang, voter_hash)
  );
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    query TEXT NOT NULL,
    lang TEXT NOT NULL,
    article TEXT,
    day TEXT NOT NULL
  );
  `,
  /* 2: retention deletes votes and events by age every day */ `
  CREATE INDEX votes_updated ON votes (updated_at);
  CREATE INDEX events_day ON events (day);
  `,
  /* 3: the staff console (issue 14): funnel sessions on events, ticket filters and the privacy lookup,
        staff accounts and their sessions, sign-in throttling, one-time form tokens, the audit log, gaps
        marked as covered. Every console query has an index (sqlite-console.test.ts checks the plans). */ `
  ALTER TABLE events ADD COLUMN session TEXT;
  CREATE INDEX events_session ON events (session, lang, day, type) WHERE session IS NOT NULL;
  CREATE INDEX events_type_day ON events (type, day, session);
  CREATE INDEX events_article ON events (day, article, lang, type, session) WHERE article IS NOT NULL;

  ALTER TABLE tickets ADD COLUMN topic TEXT;
  ALTER TABLE tickets ADD COLUMN customer_email TEXT;
  UPDATE tickets SET topic = json_extract(data, '$.topic'), customer_email = lower(trim(json_extract(data, '$.customer.email')));
  CREATE INDEX tickets_customer_email ON tickets (customer_email);
  -- One per filter of the ticket list, each in creation order: the list and its count never read the whole table.
  CREATE INDEX tickets_status_created ON tickets (status, created_at);
  CREATE INDEX tickets_department_created ON tickets (department, created_at);
  CREATE INDEX tickets_topic_created ON tickets (topic, created_at);
  CREATE INDEX tickets_priority_created ON tickets (priority, created_at);
  CREATE INDEX tickets_lang_created ON tickets (lang, created_at);
  CREATE INDEX tickets_verified_created ON tickets (created_at) WHERE verified_customer_id IS NOT NULL;
  CREATE INDEX tickets_unverified_created ON tickets (created_at) WHERE verified_customer_id IS NULL;
  CREATE INDEX deliveries_ticket ON deliveries (ticket_id);
  -- Deleting a ticket (retention, a privacy request) cascades here: without it, every deletion scanned the table.
  CREATE INDEX idempotency_ticket ON idempotency (ticket_id);
  CREATE INDEX deliveries_state_ticket ON deliveries (state, ticket_id);
  CREATE INDEX votes_not_helpful ON votes (updated_at) WHERE helpful = 0 AND comment IS NOT NULL;

  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    last_sign_in_at TEXT
  );
  CREATE TABLE staff_sessions (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
  CREATE INDEX staff_sessions_seen ON staff_sessions (last_seen_at);
  CREATE INDEX staff_sessions_created ON staff_sessions (created_at);
  CREATE TABLE sign_in_failures (key TEXT NOT NULL, at TEXT NOT NULL);
  CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);
  CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
  CREATE TABLE used_form_tokens (nonce TEXT PRIMARY KEY, used_at TEXT NOT NULL);
  CREATE INDEX used_form_tokens_at ON used_form_tokens (used_at);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE TABLE gap_coverage (
    gap TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    covered_at TEXT NOT NULL,
    covered_by TEXT NOT NULL
  );
  `,
  /* 4: one row per widget session, kept as its events arrive: the funnel and the session flags the
        gaps and article figures need no longer group 100,000 events at every page view. */ `
  CREATE TABLE event_sessions (
    session TEXT PRIMARY KEY,
    lang TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    searched INTEGER NOT NULL,
    opened INTEGER NOT NULL,
    deflected INTEGER NOT NULL,
    undone INTEGER NOT NULL,
    ticket INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX event_sessions_first_day ON event_sessions (first_day, lang, searched, opened, deflected, undone, ticket);
  CREATE INDEX event_sessions_last_day ON event_sessions (last_day);
  INSERT INTO event_sessions (session, lang, first_day, last_day, searched, opened, deflected, undone, ticket)
    SELECT session, lang, MIN(day), MAX(day), MAX(type IN ('search', 'search-miss')), MAX(type = 'suggestion-opened'),
      SUM(type = 'deflected'), SUM(type = 'deflection-undone'), MAX(type = 'ticket-sent')
    FROM events WHERE session IS NOT NULL GROUP BY session;
  `,
  /* 5: the content gaps read every search of the period with its query and language: an index
        that holds them all, in (type, day) order, so SQLite neither looks rows up nor sorts to group them. */ `
  DROP INDEX events_type_day;
  CREATE INDEX events_search ON events (type, day, query, lang, session);
  `,
  /* 6: what the PostgreSQL store shares between instances, kept the same way here so both stores
        run one code path (issue 15): requests in flight by idempotency key, and who claimed a delivery. */ `
  CREATE TABLE idempotency_claims (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    instance TEXT NOT NULL,
    token TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
  `,
  /* 7: after Send (issue 17): history entries of each kind (replies with their text and files),
        outbox rows that carry an entry in order after the ticket, helpdesk updates applied once in
        the helpdesk's time order, the helpdesk's number, auto-close, polling under a lease, and a
        signed-in customer's open tickets. */ `
  ALTER TABLE ticket_events ADD COLUMN id TEXT;
  ALTER TABLE ticket_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';
  ALTER TABLE ticket_events ADD COLUMN actor TEXT;
  ALTER TABLE ticket_events ADD COLUMN message TEXT;
  ALTER TABLE ticket_events ADD COLUMN attachments INTEGER;
  ALTER TABLE ticket_events ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
  CREATE UNIQUE INDEX ticket_events_id ON ticket_events (id) WHERE id IS NOT NULL;
  -- A reply's files: the ticket's own have none.
  ALTER TABLE attachments ADD COLUMN event_id TEXT;
  CREATE INDEX attachments_event ON attachments (event_id) WHERE event_id IS NOT NULL;
  -- position orders a ticket's rows per forwarder: 0 the ticket, then its entries as they came.
  ALTER TABLE deliveries ADD COLUMN event_id TEXT;
  ALTER TABLE deliveries ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN poll_at TEXT;
  ALTER TABLE deliveries ADD COLUMN poll_lease_until TEXT;
  ALTER TABLE deliveries ADD COLUMN poll_lease_owner TEXT;
  CREATE INDEX deliveries_order ON deliveries (ticket_id, forwarder, position);
  CREATE INDEX deliveries_external ON deliveries (forwarder, external_id) WHERE external_id IS NOT NULL;
  CREATE INDEX deliveries_poll ON deliveries (forwarder, poll_at) WHERE event_id IS NULL AND state = 'delivered';
  ALTER TABLE tickets ADD COLUMN updated_at TEXT;
  UPDATE tickets SET updated_at = COALESCE((SELECT MAX(at) FROM ticket_events e WHERE e.ticket_id = tickets.id), created_at);
  ALTER TABLE tickets ADD COLUMN waiting_since TEXT;
  UPDATE tickets SET waiting_since = updated_at WHERE status IN ('waiting-customer', 'answered');
  ALTER TABLE tickets ADD COLUMN helpdesk TEXT;
  ALTER TABLE tickets ADD COLUMN helpdesk_number TEXT;
  -- The helpdesk's own time of the latest update applied: older ones change nothing.
  ALTER TABLE tickets ADD COLUMN helpdesk_at TEXT;
  CREATE INDEX tickets_customer_open ON tickets (verified_customer_id, created_at) WHERE verified_customer_id IS NOT NULL AND status <> 'closed';
  CREATE INDEX tickets_waiting ON tickets (waiting_since) WHERE waiting_since IS NOT NULL;
  CREATE TABLE status_updates (
    ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (ticket_id, id)
  ) WITHOUT ROWID;
  `,
];
