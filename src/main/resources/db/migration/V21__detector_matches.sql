-- Every customer the inactivity detector handed to enrollment, why (which window, how late) and
-- what entry made of it. The re-entry cool-down of the next runs reads the latest row per
-- (flow, customer), so a customer who stays lapsed is not matched on every run.
CREATE TABLE detector_matches (
    id            BIGSERIAL PRIMARY KEY,
    flow_id       TEXT NOT NULL,
    flow_version  TEXT,
    customer_id   BIGINT NOT NULL,
    matched_at    TIMESTAMPTZ NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('entered', 'held_out', 'refused', 'recorded')),
    reasons       JSONB NOT NULL
);
-- Covers the cool-down look-up (latest match per customer for one flow) as an index-only scan.
CREATE INDEX detector_matches_flow_customer_idx ON detector_matches (flow_id, customer_id, matched_at)
    INCLUDE (outcome);
