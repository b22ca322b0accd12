-- Queue claims resume where the last full batch started (io.comeback.jobs.ClaimFloor) instead of
-- walking, from the beginning, the index entries of every row claimed before. Rows made due at the
-- same instant (one statement, one detector batch) share a key, so the position needs the id too.
DROP INDEX enrollments_due_idx;
CREATE INDEX enrollments_due_idx ON enrollments (next_wake_at, id) WHERE next_wake_at IS NOT NULL;
DROP INDEX simulator_messages_receipts_idx;
CREATE INDEX simulator_messages_receipts_idx ON simulator_messages (receipt_due_at, id) WHERE receipt_due_at IS NOT NULL;
DROP INDEX outbound_messages_pending_idx;
CREATE INDEX outbound_messages_pending_idx ON outbound_messages (not_before, id) WHERE status = 'pending';
