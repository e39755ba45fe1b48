-- The whole schema of the SQLite store (its migrations 1 to 5, server/src/store/migrations.ts) in one
-- step, plus what several instances must share: idempotency claims, the outbox lease's owner, the
-- client hash salts, the server secret and the rate limiter's counters. Instants are timestamptz,
-- UTC days are date; the ticket is kept as the JSON text the server wrote (exactly, like SQLite).
-- Never edit a shipped migration: add the next file.

-- Up Migration
CREATE TABLE ticket_counters (prefix text PRIMARY KEY, last bigint NOT NULL);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  -- Creation order, for ties between tickets of the same millisecond (SQLite's rowid).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  number text NOT NULL UNIQUE,
  token_hash text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  -- An instant, a YYYY-MM-DD date or '' (records.ts, storedReplyExpectation): text, as in SQLite.
  expected_reply_by text NOT NULL,
  lang text NOT NULL,
  department text NOT NULL,
  priority text NOT NULL,
  -- topic, customer_email, subject and customer_name repeat fields of `data` for the console's list,
  -- filters and privacy requests.
  topic text,
  customer_email text NOT NULL,
  subject text NOT NULL,
  customer_name text NOT NULL,
  data text NOT NULL,
  redacted boolean NOT NULL,
  verified_customer_id text,
  client_hash text NOT NULL
);
CREATE INDEX tickets_created ON tickets (created_at, seq);
CREATE INDEX tickets_customer_email ON tickets (customer_email);
-- One per filter of the ticket list, each in creation order: the list and its count never read the whole table.
CREATE INDEX tickets_status_created ON tickets (status, created_at, seq);
CREATE INDEX tickets_department_created ON tickets (department, created_at, seq);
CREATE INDEX tickets_topic_created ON tickets (topic, created_at, seq);
CREATE INDEX tickets_priority_created ON tickets (priority, created_at, seq);
CREATE INDEX tickets_lang_created ON tickets (lang, created_at, seq);
CREATE INDEX tickets_verified_created ON tickets (created_at, seq) WHERE verified_customer_id IS NOT NULL;
CREATE INDEX tickets_unverified_created ON tickets (created_at, seq) WHERE verified_customer_id IS NULL;

CREATE TABLE attachments (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  size bigint NOT NULL,
  path text NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, position);

CREATE TABLE ticket_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status text NOT NULL,
  note text
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

-- A completed request's answer, stored with its ticket in one transaction: the key is unique, so
-- two instances that both got past their claims still create one ticket.
CREATE TABLE idempotency (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  ticket_id text REFERENCES tickets (id) ON DELETE CASCADE,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_ticket ON idempotency (ticket_id);

-- A request being processed: which instance holds its key, until when at the latest. An instance
-- that died (its session-level advisory lock is gone) holds nothing, whatever the lease says.
CREATE TABLE idempotency_claims (
  scope text NOT NULL,
  key text NOT NULL,
  instance bigint NOT NULL,
  token text NOT NULL,
  lease_until timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE deliveries (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  forwarder text NOT NULL,
  state text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  -- The instance that claimed it: its leases are freed as soon as it is gone.
  lease_owner bigint,
  last_error text,
  external_id text,
  delivered_at timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_ticket ON deliveries (ticket_id, forwarder);
CREATE INDEX deliveries_failed ON deliveries (ticket_id) WHERE state = 'failed';
CREATE INDEX deliveries_leased ON deliveries (lease_owner) WHERE state = 'pending' AND lease_owner IS NOT NULL;

-- Each running instance takes a number and holds a session-level advisory lock on it.
CREATE SEQUENCE instance_numbers;

CREATE TABLE votes (
  article_id text NOT NULL,
  lang text NOT NULL,
  voter_hash text NOT NULL,
  helpful boolean NOT NULL,
  comment text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (article_id, lang, voter_hash)
);
CREATE INDEX votes_updated ON votes (updated_at);
CREATE INDEX votes_not_helpful ON votes (updated_at) WHERE NOT helpful AND comment IS NOT NULL;

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type text NOT NULL,
  query text NOT NULL,
  lang text NOT NULL,
  article text,
  day date NOT NULL,
  session text
);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_search ON events (type, day, query, lang, session);
CREATE INDEX events_article ON events (day, article, lang, type, session) WHERE article IS NOT NULL;

-- One row per widget session, kept as its events arrive (see the SQLite store's migration 4).
CREATE TABLE event_sessions (
  session text PRIMARY KEY,
  lang text NOT NULL,
  first_day date NOT NULL,
  last_day date NOT NULL,
  searched integer NOT NULL,
  opened integer NOT NULL,
  deflected integer NOT NULL,
  undone integer NOT NULL,
  ticket integer NOT NULL
);
CREATE INDEX event_sessions_first_day ON event_sessions (first_day, lang);
CREATE INDEX event_sessions_last_day ON event_sessions (last_day);

CREATE TABLE staff (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  role text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  password_changed_at timestamptz NOT NULL,
  last_sign_in_at timestamptz
);
CREATE TABLE staff_sessions (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_seen ON staff_sessions (last_seen_at);
CREATE INDEX staff_sessions_created ON staff_sessions (created_at);
CREATE TABLE sign_in_failures (key text NOT NULL, at timestamptz NOT NULL);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
CREATE TABLE used_form_tokens (nonce text PRIMARY KEY, used_at timestamptz NOT NULL);
CREATE INDEX used_form_tokens_at ON used_form_tokens (used_at);
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE TABLE gap_coverage (
  gap text PRIMARY KEY,
  article text NOT NULL,
  covered_at timestamptz NOT NULL,
  covered_by text NOT NULL
);

-- The random salt of each UTC day for client hashes, the same on every instance; kept for today
-- and tomorrow only, so a copy of the database links no address to an older hash.
CREATE TABLE client_salts (day date PRIMARY KEY, salt text NOT NULL);

-- The server secret when SERVER_SECRET is not set: created once by whichever instance starts first.
CREATE TABLE server_secret (id boolean PRIMARY KEY DEFAULT true CHECK (id), secret text NOT NULL);

-- rate-limiter-flexible's RateLimiterPostgres table (created here, not by it, so instances starting
-- at once do not race to create it).
CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint);
CREATE INDEX rate_limits_expire ON rate_limits (expire);

-- Down Migration
DROP TABLE rate_limits, server_secret, client_salts, gap_coverage, audit_log, used_form_tokens, sign_in_failures, staff_sessions, staff,
  event_sessions, events, votes, deliveries, idempotency_claims, idempotency, ticket_events, attachments, tickets, ticket_counters;
DROP SEQUENCE instance_numbers;
