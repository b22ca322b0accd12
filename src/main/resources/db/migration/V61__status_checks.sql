-- Reconciliation of stale statuses (README "Twilio" → "Reconciliation"): messages that stay
-- queued/sending/sent past comeback.reconcile.stale-after are fetched from the provider; the last
-- fetch is remembered so a message the carrier never reports on is asked about once per period,
-- not on every run.
ALTER TABLE outbound_messages ADD COLUMN status_checked_at TIMESTAMPTZ;
-- Only messages in flight are in it, so it stays small; rows leave it when they reach a final status.
CREATE INDEX outbound_messages_in_transit_idx ON outbound_messages ((coalesce(status_checked_at, status_at)))
    WHERE status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL;
