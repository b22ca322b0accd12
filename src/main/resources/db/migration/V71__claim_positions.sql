-- Queue claims resume where the last full batch started (io.comeback.jobs.ClaimFloor) instead of
-- walking, from the beginning, the index entries of every row claimed before. Rows made due at the
-- same instant (one statement, one detector batch) share a key, so the position needs the id too.
DROP INDEX enrollments_due_idx;
CREATE INDEX enrollments_due_idx ON enrollments (next_wake_at, id) WHERE next_wake_at IS NOT NULL;
DROP INDEX simulator_messages_receipts_idx;
CREATE INDEX simulator_messages_receipts_idx ON simulator_messages (receipt_due_at, id) WHERE receipt_due_at IS NOT NULL;
DROP INDEX outbound_messages_pending_idx;
CREATE INDEX outbound_messages_pending_idx ON outbound_messages (not_before, id) WHERE status = 'pending';
-- A ledger row has no provider id until the gateway took it, and a btree stores NULLs too: the plain
-- UNIQUE constraint wrote an entry for the insert and for the dispatching update of every text, for
-- nothing. Look-ups by provider id (receipts, webhooks) say provider_message_id = …, which this serves.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_provider_message_id_key;
CREATE UNIQUE INDEX outbound_messages_provider_message_id_key ON outbound_messages (provider_message_id)
    WHERE provider_message_id IS NOT NULL;
