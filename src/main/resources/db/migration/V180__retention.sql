-- Retention (io.comeback.privacy.Retention): message bodies, inbound texts, raw webhooks and event properties
-- are blanked or deleted once past their time; figures, consent history and the suppression list stay.

-- How far each kind has been handled: every row of that kind older than done_before is done. A run handles
-- [done_before, its cutoff) and moves done_before up to the cutoff, so it reads one run's worth of rows, not the
-- whole history of rows already blanked.
CREATE TABLE retention_progress (
    kind         TEXT PRIMARY KEY,
    done_before  TIMESTAMPTZ NOT NULL
);

-- Block-range indexes on the time each kind is kept by: rows arrive in time order, so a few block ranges hold
-- one day. They stay small (a summary per 128 pages) and cost little on the writes of these busy tables.
-- outbound_messages (created_at) and inbound_messages (received_at) have theirs since V50.
CREATE INDEX twilio_inbound_messages_received_brin ON twilio_inbound_messages USING brin (received_at);
CREATE INDEX twilio_status_callbacks_received_brin ON twilio_status_callbacks USING brin (received_at);
CREATE INDEX engagement_events_created_brin ON engagement_events USING brin (created_at);
