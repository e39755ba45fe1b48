-- After Send (issue 17), as the SQLite store's migration 7: history entries of each kind (replies
-- with their text and files), outbox rows that carry an entry in order after the ticket, helpdesk
-- updates applied once in the helpdesk's time order, the helpdesk's number, auto-close, polling
-- under a lease, and a signed-in customer's open tickets.

-- Up Migration
ALTER TABLE ticket_events ADD COLUMN event_id text UNIQUE;
ALTER TABLE ticket_events ADD COLUMN kind text NOT NULL DEFAULT 'status';
ALTER TABLE ticket_events ADD COLUMN actor text;
ALTER TABLE ticket_events ADD COLUMN message text;
ALTER TABLE ticket_events ADD COLUMN attachments integer;
ALTER TABLE ticket_events ADD COLUMN redacted boolean NOT NULL DEFAULT false;

-- A reply's files: the ticket's own have none.
ALTER TABLE attachments ADD COLUMN event_id text;
CREATE INDEX attachments_event ON attachments (event_id) WHERE event_id IS NOT NULL;

-- position orders a ticket's rows per forwarder: 0 the ticket, then its entries as they came.
ALTER TABLE deliveries ADD COLUMN event_id text;
ALTER TABLE deliveries ADD COLUMN position integer NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN poll_at timestamptz;
ALTER TABLE deliveries ADD COLUMN poll_lease_until timestamptz;
ALTER TABLE deliveries ADD COLUMN poll_lease_owner bigint;
CREATE INDEX deliveries_order ON deliveries (ticket_id, forwarder, position);
CREATE INDEX deliveries_external ON deliveries (forwarder, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deliveries_poll ON deliveries (forwarder, poll_at) WHERE event_id IS NULL AND state = 'delivered';

ALTER TABLE tickets ADD COLUMN updated_at timestamptz;
UPDATE tickets t SET updated_at = COALESCE((SELECT MAX(at) FROM ticket_events e WHERE e.ticket_id = t.id), t.created_at);
ALTER TABLE tickets ADD COLUMN waiting_since timestamptz;
UPDATE tickets SET waiting_since = updated_at WHERE status IN ('waiting-customer', 'answered');
ALTER TABLE tickets ADD COLUMN helpdesk text;
ALTER TABLE tickets ADD COLUMN helpdesk_number text;
-- The helpdesk's own time of the latest update applied: older ones change nothing.
ALTER TABLE tickets ADD COLUMN helpdesk_at timestamptz;
CREATE INDEX tickets_customer_open ON tickets (verified_customer_id, created_at, seq) WHERE verified_customer_id IS NOT NULL AND status <> 'closed';
CREATE INDEX tickets_waiting ON tickets (waiting_since) WHERE waiting_since IS NOT NULL;

CREATE TABLE status_updates (
  ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, id)
);

-- Down Migration
DROP TABLE status_updates;
DROP INDEX tickets_waiting, tickets_customer_open, deliveries_poll, deliveries_external, deliveries_order, attachments_event;
ALTER TABLE tickets DROP COLUMN helpdesk_at, DROP COLUMN helpdesk_number, DROP COLUMN helpdesk, DROP COLUMN waiting_since, DROP COLUMN updated_at;
ALTER TABLE deliveries DROP COLUMN poll_lease_owner, DROP COLUMN poll_lease_until, DROP COLUMN poll_at, DROP COLUMN position, DROP COLUMN event_id;
ALTER TABLE attachments DROP COLUMN event_id;
ALTER TABLE ticket_events DROP COLUMN redacted, DROP COLUMN attachments, DROP COLUMN message, DROP COLUMN actor, DROP COLUMN kind, DROP COLUMN event_id;
