-- Facts the inactivity detector reads, kept on the customer row so detection reads one row per
-- customer and never the order or event history.

-- The most recent order times (at most 32, ascending) and the median gap between them.
-- Kept as times, not gaps: an order that arrives late (an import of last year's history) slots in
-- between two known orders and splits a gap, which a list of gaps alone could not express.
-- Bounded, so a customer with thousands of orders costs the same as one with 32; the rhythm that
-- matters is the recent one. io.comeback.engine.run.PurchaseRhythm uses the same bound.
ALTER TABLE customers
    ADD COLUMN recent_order_times     TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    ADD COLUMN median_gap_seconds     BIGINT,
    -- Last reply, link click or site visit.
    ADD COLUMN last_engaged_at        TIMESTAMPTZ,
    -- Marketing texts sent since the customer last replied or clicked; the runtime bumps and resets it.
    ADD COLUMN unanswered_messages    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_marketing_text_at TIMESTAMPTZ;

-- kept ∪ added, the 32 most recent, ascending. kept is ascending already; added may come in
-- any order. Duplicates are kept: two orders in the same second are a gap of 0, as in PurchaseRhythm.
-- PL/pgSQL insertion into a short array: ten times cheaper than unnest + sort, which matters
-- because imports call this for every customer of every batch.
CREATE FUNCTION comeback_recent_order_times(kept TIMESTAMPTZ[], added TIMESTAMPTZ[]) RETURNS TIMESTAMPTZ[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    result TIMESTAMPTZ[] := kept;
    t TIMESTAMPTZ;
    j INT;
BEGIN
    FOREACH t IN ARRAY added LOOP
        CONTINUE WHEN cardinality(result) >= 32 AND t < result[1];
        j := cardinality(result);
        WHILE j >= 1 AND result[j] > t LOOP
            result[j + 1] := result[j];
            j := j - 1;
        END LOOP;
        result[j + 1] := t;
        IF cardinality(result) > 32 THEN
            result := result[2:33];
        END IF;
    END LOOP;
    RETURN result;
END $$;

-- Median of the gaps between consecutive (ascending) times in whole seconds, floored like
-- Duration.getSeconds; with an even number of gaps the mean of the middle two, truncated like
-- Java's long division. NULL with fewer than two times.
CREATE FUNCTION comeback_median_gap_seconds(times TIMESTAMPTZ[]) RETURNS BIGINT
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    n INT := coalesce(cardinality(times), 0) - 1;
    gaps BIGINT[] := '{}';
    gap BIGINT;
    j INT;
BEGIN
    IF n < 1 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..n LOOP
        gap := floor(extract(epoch FROM times[i + 1]) - extract(epoch FROM times[i]));
        j := i - 1;
        WHILE j >= 1 AND gaps[j] > gap LOOP
            gaps[j + 1] := gaps[j];
            j := j - 1;
        END LOOP;
        gaps[j + 1] := gap;
    END LOOP;
    IF n % 2 = 1 THEN
        RETURN gaps[n / 2 + 1];
    END IF;
    RETURN (gaps[n / 2] + gaps[n / 2 + 1]) / 2;
END $$;

-- Databases that already hold orders and events get their facts once, here.
UPDATE customers c SET (recent_order_times, median_gap_seconds) =
        (SELECT r.times, comeback_median_gap_seconds(r.times)
         FROM (SELECT comeback_recent_order_times('{}', o.times) AS times) r)
FROM (SELECT customer_id, array_agg(placed_at) AS times FROM orders GROUP BY customer_id) o
WHERE c.id = o.customer_id;

UPDATE customers c SET last_engaged_at = e.last_at
FROM (SELECT customer_id, max(at) AS last_at FROM engagement_events
      WHERE type IN ('site_visit', 'link_click', 'reply') GROUP BY customer_id) e
WHERE c.id = e.customer_id;
