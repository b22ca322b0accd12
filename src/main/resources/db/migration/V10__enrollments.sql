-- Flow runtime: every enrollment is a row whose next_wake_at is its timer (no Quartz trigger per
-- enrollment). Workers claim due rows in batches with FOR UPDATE SKIP LOCKED.

-- The source of every flow version ever loaded: a running enrollment keeps the version it started
-- on, and any replica (even one started after the file changed) must be able to run it.
CREATE TABLE flow_versions (
    flow_id          TEXT NOT NULL,
    version          TEXT NOT NULL,
    source           TEXT NOT NULL,
    first_loaded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (flow_id, version)
);

-- Tags flows add and remove (set: {tag: …}) and test in conditions ({tag: vip}).
ALTER TABLE customers ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{}';

CREATE TABLE enrollments (
    id             BIGSERIAL PRIMARY KEY,
    flow_id        TEXT NOT NULL,
    flow_version   TEXT NOT NULL,
    customer_id    BIGINT NOT NULL,
    -- The interpreter's status in lower case (new, waiting_timer, waiting_reply, deferred_send,
    -- deferred_re_ask, exited), or held_out for a customer kept out to measure lift.
    status         TEXT NOT NULL,
    step_id        TEXT,
    -- EnrollmentState as JSON; null until the Started event has been applied.
    state          JSONB,
    -- Variables of what triggered the entry (order.id, order.total…), applied at start.
    start_context  JSONB NOT NULL DEFAULT '{}'::jsonb,
    -- The timer: due when <= now. Also set to "now" when a signal (reply, order…) is waiting.
    next_wake_at   TIMESTAMPTZ,
    entered_at     TIMESTAMPTZ NOT NULL,
    entry_reason   TEXT,
    exited_at      TIMESTAMPTZ,
    exit_reason    TEXT,
    exit_label     TEXT,
    conversion     BOOLEAN NOT NULL DEFAULT false,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
) WITH (fillfactor = 70);
-- Only waiting rows are in the index the claim query walks, however many have exited.
CREATE INDEX enrollments_due_idx ON enrollments (next_wake_at) WHERE next_wake_at IS NOT NULL;
CREATE INDEX enrollments_customer_idx ON enrollments (customer_id, flow_id);
-- One running enrollment per customer and flow, whatever the replicas and triggers race to do.
CREATE UNIQUE INDEX enrollments_one_running_idx ON enrollments (flow_id, customer_id) WHERE exited_at IS NULL;

-- Events for a running enrollment (a reply, an order, a click) queued by ingest and consumed by
-- the worker that next claims it, so ingest never waits for an interpreter run.
CREATE TABLE enrollment_signals (
    id             BIGSERIAL PRIMARY KEY,
    enrollment_id  BIGINT NOT NULL,
    event          JSONB NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX enrollment_signals_enrollment_idx ON enrollment_signals (enrollment_id, id);

-- Every time a trigger fired for a customer: whether they entered and, if not, why.
CREATE TABLE entry_log (
    id             BIGSERIAL PRIMARY KEY,
    flow_id        TEXT NOT NULL,
    customer_id    BIGINT NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    outcome        TEXT NOT NULL,
    detail         TEXT,
    enrollment_id  BIGINT
);
CREATE INDEX entry_log_customer_idx ON entry_log (customer_id, at);
CREATE INDEX entry_log_flow_idx ON entry_log (flow_id, at);
