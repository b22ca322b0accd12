-- Reports (README "Reports"): every understood survey answer, and the indexes the report queries need.

-- One row per score a customer gave to an nps question (engine Decision.RecordScore), written in the
-- wake-up batch that interpreted the reply. The customer attribute a flow may set keeps only the
-- latest answer; NPS over time needs them all. inbound_message_id makes a replayed reply harmless.
CREATE TABLE survey_responses (
    id                  BIGSERIAL PRIMARY KEY,
    enrollment_id       BIGINT NOT NULL,
    flow_id             TEXT NOT NULL,
    step_id             TEXT NOT NULL,
    customer_id         BIGINT NOT NULL,
    score               SMALLINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    answered_at         TIMESTAMPTZ NOT NULL,
    inbound_message_id  BIGINT UNIQUE,
    recorded_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX survey_responses_answered_idx ON survey_responses (answered_at) INCLUDE (score);
CREATE INDEX survey_responses_flow_idx ON survey_responses (flow_id, answered_at) INCLUDE (score);

-- Funnel and lift read a flow's enrollments by entry time. flow_id and entered_at never change, so
-- the updates that are HOT today stay HOT; the others (a timer moved) already rewrite every index.
CREATE INDEX enrollments_flow_entered_idx ON enrollments (flow_id, entered_at);
-- "Opted out" also counts enrollments that exited because of it: few rows, written once at exit.
CREATE INDEX enrollments_opted_out_idx ON enrollments (flow_id, exited_at) WHERE exit_reason = 'opted_out';

-- Loyalty figures and attribution read orders by time. Orders are never updated, so this costs one
-- index insert per order; customer_id and total in the index make the period sums index-only scans.
CREATE INDEX orders_placed_idx ON orders (placed_at) INCLUDE (customer_id, total);

-- A flow's texts in a period. Not a btree: every status change of a message is a non-HOT update that
-- rewrites each of its indexes (V11), and a btree by flow or time would be rewritten four times per
-- text. Ledger rows are inserted in created_at order, so a BRIN index (a few pages for millions of
-- rows, cheap to keep) narrows the scan to the blocks of the period.
CREATE INDEX outbound_messages_created_brin ON outbound_messages USING brin (created_at);
-- Replies in a period: inbound rows are inserted as they arrive, same reasoning.
CREATE INDEX inbound_messages_received_brin ON inbound_messages USING brin (received_at);
-- Clicks in a period: engagement events are never updated, and clicks are a small share of them.
CREATE INDEX engagement_events_clicks_idx ON engagement_events (at) INCLUDE (customer_id) WHERE type = 'link_click';
