-- Control before and during sending (README "How do I stop a flow"): pausing a flow, approving a burst, and what
-- is queued. Shared by every replica: the state lives here, and the holds sit in the claim statements
-- (WakeUpStore.CLAIM, DispatchStore.CLAIM*), so no replica wakes a paused enrollment or sends a held text.

-- A flow's status as a marketer set it. No row means active. Kept by flow id, whatever version runs.
CREATE TABLE flow_controls (
    flow_id     TEXT PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('active', 'paused')),
    changed_by  TEXT NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);

-- A burst waiting for a person: a detection pass that entered more customers than
-- comeback.approval.threshold. At most one pending approval per flow; later passes join it.
CREATE TABLE flow_approvals (
    id            BIGSERIAL PRIMARY KEY,
    flow_id       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    -- What asked for it, e.g. "detection pass as of 2026-03-02T07:00:00Z: 266 matches"
    reason        TEXT NOT NULL,
    threshold     INTEGER NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    decided_by    TEXT,
    decided_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX flow_approvals_one_pending_idx ON flow_approvals (flow_id) WHERE status = 'pending';
CREATE INDEX flow_approvals_flow_idx ON flow_approvals (flow_id, id);

-- approval_id: the pending approval an enrollment waits for (set at entry, cleared when approved; a rejected
-- enrollment keeps it). held_wake_at: the wake-up of an enrollment held by a pause or an approval, out of the
-- due index (next_wake_at is NULL meanwhile) so the claim never walks over held rows; resume and approval put
-- it back. Nullable without a default: a catalogue change only.
ALTER TABLE enrollments ADD COLUMN approval_id BIGINT, ADD COLUMN held_wake_at TIMESTAMPTZ;
CREATE INDEX enrollments_approval_idx ON enrollments (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX enrollments_held_idx ON enrollments (flow_id) WHERE held_wake_at IS NOT NULL;

-- What a flow has queued includes enrollments whose next step is a text the interpreter held back for quiet hours
-- (status deferred_send: the text is written when they wake). Only those rows are in this index.
CREATE INDEX enrollments_deferred_send_idx ON enrollments (flow_id, next_wake_at) WHERE status = 'deferred_send';

-- Two more ledger statuses before a text may leave: held (its flow is paused) and awaiting_approval (its
-- enrollment waits for an approval). Neither is in the pending index the dispatcher walks; this small index
-- holds only them, for resume, approval and the queued figures.
CREATE INDEX outbound_messages_held_idx ON outbound_messages (flow_id, not_before)
    WHERE status IN ('held', 'awaiting_approval');

CREATE OR REPLACE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'pending' THEN 0 WHEN 'dispatching' THEN 0 WHEN 'unknown' THEN 0
        WHEN 'held' THEN 0 WHEN 'awaiting_approval' THEN 0
        WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3
        WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4 WHEN 'failed' THEN 4
        ELSE 9 END
$$;

-- ---- Reports: entered = treated + held out. A rejected enrollment (status 'rejected') never got a text and
-- leaves the funnel: it is neither treated nor held out, and has no lift pairs. flow_day_counts.entered keeps
-- counting the treated (its meaning since V90); the API adds held_out to it for "entered".
CREATE OR REPLACE FUNCTION comeback_enrollment_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    was_held BOOLEAN := OLD.status = 'held_out';
    is_held BOOLEAN := NEW.status = 'held_out';
    was_treated BOOLEAN := OLD.status NOT IN ('held_out', 'rejected');
    is_treated BOOLEAN := NEW.status NOT IN ('held_out', 'rejected');
BEGIN
    INSERT INTO flow_count_deltas (flow_id, day, entered, held_out, converted)
    VALUES (NEW.flow_id, comeback_utc_day(NEW.entered_at),
            is_treated::int - was_treated::int, is_held::int - was_held::int,
            (is_treated AND NEW.conversion)::int - (was_treated AND OLD.conversion)::int);
    IF NEW.status = 'rejected' AND OLD.status <> 'rejected' THEN
        DELETE FROM lift_orders WHERE enrollment_id = NEW.id;
    ELSIF was_held <> is_held THEN
        UPDATE lift_orders SET held_out = is_held WHERE enrollment_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER enrollments_report_changes ON enrollments;
CREATE TRIGGER enrollments_report_changes AFTER UPDATE ON enrollments FOR EACH ROW
    WHEN (OLD.conversion IS DISTINCT FROM NEW.conversion OR (OLD.status = 'held_out') <> (NEW.status = 'held_out')
          OR (OLD.status = 'rejected') <> (NEW.status = 'rejected'))
    EXECUTE FUNCTION comeback_enrollment_changed();

-- Orders placed after a rejected entry are no lift pair of it.
CREATE OR REPLACE FUNCTION comeback_orders_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO order_attributions (order_id, customer_id, placed_at, total, flow_id, message_id, enrollment_id,
                                    text_at, click_at, span)
    SELECT o.id, o.customer_id, o.placed_at, o.total, t.flow_id, t.message_id, t.enrollment_id, t.text_at, t.click_at, t.span
    FROM new_orders o CROSS JOIN LATERAL comeback_order_touch(o.customer_id, o.placed_at) t
    ON CONFLICT (order_id) DO NOTHING;
    INSERT INTO lift_orders (enrollment_id, order_id, flow_id, entered_at, held_out, span, total)
    SELECT e.id, o.id, e.flow_id, e.entered_at, e.status = 'held_out', o.placed_at - e.entered_at, o.total
    FROM new_orders o
    JOIN enrollments e ON e.customer_id = o.customer_id AND e.entered_at < o.placed_at
                      AND e.entered_at >= o.placed_at - comeback_report_span_bound()
    WHERE e.status <> 'rejected'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
