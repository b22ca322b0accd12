-- The cool-down reads detector_last_matches (V72) since detector2; nothing reads detector_matches by
-- (flow, customer) any more, and the index cost every recorded match an index entry (a first pass
-- records hundreds of thousands).
DROP INDEX IF EXISTS detector_matches_flow_customer_idx;
