-- Outbound ledger, delivery status history, inbound texts, and the simulator gateway's own record.

-- Where a status stands in the forward-only order; blocked/refused rows never change again.
CREATE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'pending' THEN 0 WHEN 'dispatching' THEN 0 WHEN 'unknown' THEN 0
        WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3
        WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4 WHEN 'failed' THEN 4
        ELSE 9 END
$$;

CREATE TABLE outbound_messages (
    id                   BIGSERIAL PRIMARY KEY,
    -- Null for texts that belong to no enrollment (inbox auto-replies).
    enrollment_id        BIGINT,
    -- Decision.Send#ledgerKey(): step, purpose and occurrence.
    send_key             TEXT,
    customer_id          BIGINT,
    flow_id              TEXT,
    flow_version         TEXT,
    step_id              TEXT,
    to_phone             TEXT,
    body                 TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    locale               TEXT,
    segments             INTEGER,
    encoding             TEXT,
    coupon_code          TEXT,
    -- pending → dispatching → queued/sending/sent → delivered/undelivered/failed;
    -- dispatching left behind by a crash becomes unknown (reconciled, never resent blindly);
    -- blocked (by the compliance gate) and refused (by the provider) are final.
    status               TEXT NOT NULL,
    status_reason        TEXT,
    error_code           TEXT,
    gateway              TEXT,
    provider_message_id  TEXT UNIQUE,
    attempts             INTEGER NOT NULL DEFAULT 0,
    not_before           TIMESTAMPTZ NOT NULL,
    dispatched_at        TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    status_at            TIMESTAMPTZ NOT NULL
);
-- The idempotency key of decision 3: one row per enrollment, step and occurrence.
CREATE UNIQUE INDEX outbound_messages_send_key_idx ON outbound_messages (enrollment_id, send_key)
    WHERE enrollment_id IS NOT NULL;
CREATE INDEX outbound_messages_pending_idx ON outbound_messages (not_before) WHERE status = 'pending';
CREATE INDEX outbound_messages_in_flight_idx ON outbound_messages (dispatched_at)
    WHERE status IN ('dispatching', 'unknown');
CREATE INDEX outbound_messages_customer_idx ON outbound_messages (customer_id, id);
-- No index by flow or status: every status change is a non-HOT update that writes every index of
-- the row again, so each index costs on every message; the message log filters recent rows by id.

-- Every status a message went through, stored once per (message, status).
CREATE TABLE message_status_history (
    id                   BIGSERIAL PRIMARY KEY,
    message_id           BIGINT,
    provider_message_id  TEXT,
    status               TEXT NOT NULL,
    error_code           TEXT,
    detail               TEXT,
    at                   TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX message_status_history_once_idx
    ON message_status_history (COALESCE(provider_message_id, '#' || message_id::text), status);
CREATE INDEX message_status_history_message_idx ON message_status_history (message_id);

CREATE TABLE inbound_messages (
    id                   BIGSERIAL PRIMARY KEY,
    provider_message_id  TEXT NOT NULL UNIQUE,
    from_phone           TEXT NOT NULL,
    to_phone             TEXT,
    body                 TEXT NOT NULL,
    received_at          TIMESTAMPTZ NOT NULL,
    customer_id          BIGINT,
    -- enrollment (a waiting flow took it), keyword (it started a flow), inbox (a person answers)
    routed_to            TEXT NOT NULL,
    enrollment_id        BIGINT,
    flow_id              TEXT,
    -- What the sender was answered at once; a retried webhook gets the same answer.
    answer               TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX inbound_messages_inbox_idx ON inbound_messages (received_at) WHERE routed_to = 'inbox';
CREATE INDEX inbound_messages_customer_idx ON inbound_messages (customer_id, received_at);

-- The simulator gateway's side: what "the provider" received. Written by the gateway call itself,
-- in its own transaction, so counting rows per ledger id counts gateway calls.
CREATE TABLE simulator_messages (
    id              BIGSERIAL PRIMARY KEY,
    ledger_id       BIGINT,
    direction       TEXT NOT NULL,
    to_phone        TEXT,
    from_phone      TEXT,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL,
    receipt_due_at  TIMESTAMPTZ,
    at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX simulator_messages_to_idx ON simulator_messages (to_phone, id);
CREATE INDEX simulator_messages_ledger_idx ON simulator_messages (ledger_id);
CREATE INDEX simulator_messages_receipts_idx ON simulator_messages (receipt_due_at) WHERE receipt_due_at IS NOT NULL;
