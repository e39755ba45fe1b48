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
];
