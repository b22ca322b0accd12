-- Loyalty figures of one flow (README "Reports", "How loyalty figures are kept"): the same roll-ups as
-- loyalty_hours and loyalty_days (V73), kept per flow over the flow's customers — everyone with an
-- enrollment in it that was not held out (held_out is decided at entry and never changes). A report of a
-- flow up to t counts the customers who entered before t: when some entered later, it is computed from
-- the orders instead (LoyaltyReports).
CREATE TABLE loyalty_flow_members (
    flow_id      TEXT NOT NULL,
    customer_id  BIGINT NOT NULL,
    entered_at   TIMESTAMPTZ NOT NULL,   -- the first entry that was not held out
    PRIMARY KEY (flow_id, customer_id)
);
CREATE INDEX loyalty_flow_members_entered_idx ON loyalty_flow_members (flow_id, entered_at);
CREATE INDEX loyalty_flow_members_customer_idx ON loyalty_flow_members (customer_id);

CREATE TABLE loyalty_flow_hours (
    flow_id       TEXT NOT NULL,
    hour          TIMESTAMPTZ NOT NULL,
    first_orders  BIGINT NOT NULL,
    spell_starts  BIGINT NOT NULL,
    spell_ends    BIGINT NOT NULL,
    gap_seconds   NUMERIC NOT NULL,
    PRIMARY KEY (flow_id, hour)
);

CREATE TABLE loyalty_flow_days (
    flow_id        TEXT NOT NULL,
    day            DATE NOT NULL,
    prev_day       DATE NOT NULL,
    orders         BIGINT NOT NULL,
    second_orders  BIGINT NOT NULL,
    revenue        NUMERIC NOT NULL,
    PRIMARY KEY (flow_id, day, prev_day)
);

-- Entries not yet folded in, filled by a statement-level trigger like loyalty_pending_orders; every
-- enrollment there is now is queued, so the first fold builds the flows' roll-ups.
CREATE TABLE loyalty_pending_members (
    flow_id      TEXT NOT NULL,
    customer_id  BIGINT NOT NULL,
    entered_at   TIMESTAMPTZ NOT NULL
);
INSERT INTO loyalty_pending_members (flow_id, customer_id, entered_at)
SELECT flow_id, customer_id, min(entered_at) FROM enrollments WHERE status <> 'held_out' GROUP BY 1, 2;

CREATE FUNCTION comeback_loyalty_pending_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO loyalty_pending_members (flow_id, customer_id, entered_at)
    SELECT flow_id, customer_id, entered_at FROM new_enrollments WHERE status <> 'held_out';
    RETURN NULL;
END $$;

CREATE TRIGGER enrollments_loyalty_pending AFTER INSERT ON enrollments
    REFERENCING NEW TABLE AS new_enrollments FOR EACH STATEMENT EXECUTE FUNCTION comeback_loyalty_pending_members();

-- What one fold takes in: the queued orders and entries are moved here first (one statement), so the
-- statements that fold them into all customers' and the flows' roll-ups see the same new orders; orders
-- committed meanwhile are still queued and left to the next fold. Empty outside a fold.
CREATE TABLE loyalty_folding_orders (
    order_id     BIGINT PRIMARY KEY,
    customer_id  BIGINT NOT NULL
);
CREATE TABLE loyalty_folding_members (
    flow_id      TEXT NOT NULL,
    customer_id  BIGINT NOT NULL,
    entered_at   TIMESTAMPTZ NOT NULL
);
