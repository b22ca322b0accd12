-- Write cost of the V90 ledger triggers: 20,000 texts through queued → sent → delivered, 200 rows per
-- statement (as the dispatcher and the receipt batches do), with and without the triggers. Rolled back.
\set ON_ERROR_STOP 1
BEGIN;
SELECT CASE WHEN :'mode' = 'off' THEN 'ALTER TABLE outbound_messages DISABLE TRIGGER USER' ELSE 'SELECT 1' END \gexec
INSERT INTO outbound_messages (customer_id, flow_id, flow_version, step_id, body, kind, status, not_before, created_at, status_at)
SELECT id, 'trigbench', 'b', 's', 'x', 'marketing', 'pending', now(), now(), now() FROM customers WHERE id <= 20000;
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS at;
DO $$
DECLARE lo BIGINT; hi BIGINT; s TEXT;
BEGIN
  SELECT min(id), max(id) INTO lo, hi FROM outbound_messages WHERE flow_id = 'trigbench';
  FOREACH s IN ARRAY ARRAY['queued', 'sent', 'delivered'] LOOP
    FOR b IN 0..((hi - lo) / 200) LOOP
      UPDATE outbound_messages SET status = s, status_at = clock_timestamp()
      WHERE id >= lo + b * 200 AND id < lo + (b + 1) * 200 AND flow_id = 'trigbench';
    END LOOP;
  END LOOP;
END $$;
SELECT :'mode' AS triggers, round(extract(epoch FROM clock_timestamp() - at) * 1000) AS ms_for_60000_status_changes FROM t0;
ROLLBACK;
