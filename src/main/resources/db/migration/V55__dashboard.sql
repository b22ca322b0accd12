-- Dashboard: server-side sessions (so a login holds on every replica and logout really ends it),
-- the inbox's "handled" state, and the indexes the dashboard pages read through.

CREATE TABLE dashboard_sessions (
    -- SHA-256 of the cookie value: a leaked table does not hand out live sessions.
    token_hash       BYTEA PRIMARY KEY,
    -- Which API key signed in (a SHA-256 prefix, never the key): removing the key ends its sessions.
    key_fingerprint  TEXT NOT NULL,
    csrf_token       TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX dashboard_sessions_expires_idx ON dashboard_sessions (expires_at);

ALTER TABLE inbound_messages ADD COLUMN handled_at TIMESTAMPTZ;
ALTER TABLE inbound_messages ADD COLUMN handled_by TEXT;
-- The inbox page and GET /api/inbox list unhandled replies newest first.
CREATE INDEX inbound_messages_inbox_open_idx ON inbound_messages (received_at DESC, id DESC)
    WHERE routed_to = 'inbox' AND handled_at IS NULL;

-- Recent messages of one flow (flow page, GET /api/messages?flow=) without walking the whole ledger.
CREATE INDEX outbound_messages_flow_idx ON outbound_messages (flow_id, id);
-- Customer timeline: enrollments newest first per customer.
CREATE INDEX enrollments_customer_entered_idx ON enrollments (customer_id, entered_at);
