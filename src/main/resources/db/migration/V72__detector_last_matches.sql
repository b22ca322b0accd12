-- The latest match that counts for re-entry (every outcome but 'refused') per flow and customer,
-- written in the same statement as the detector_matches row. The cool-down of a detection pass
-- reads one row per customer here instead of aggregating every match the flow ever recorded
-- (hundreds of thousands after a first pass, growing with every later one).
CREATE TABLE detector_last_matches (
    flow_id         TEXT NOT NULL,
    customer_id     BIGINT NOT NULL,
    last_matched_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (flow_id, customer_id)
);

INSERT INTO detector_last_matches (flow_id, customer_id, last_matched_at)
SELECT flow_id, customer_id, max(matched_at) FROM detector_matches
WHERE outcome <> 'refused' GROUP BY flow_id, customer_id;
