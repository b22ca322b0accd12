-- A rhythm that means something, and what flows may know from order items.
--
-- 1. The personal rhythm is taken between purchase days, not orders: the orders of one local day in the
--    customer's zone are one occasion (a forgotten item, a second delivery address), so three orders a
--    minute apart make no rhythm of minutes. Mirrors io.comeback.engine.run.PurchaseRhythm#medianGap;
--    InactivitySqlAgreementTest holds the two together.
-- 2. favourite_category and last_product, derived from order items (io.comeback.engine.run.ItemFacts;
--    CustomerFactsAgreementTest), kept on the customer row so a segment scan and a wake-up read them
--    without the order history.

-- Median of the gaps between the purchase days of times (ascending, as comeback_recent_order_times keeps
-- them) in zone, in seconds: whole days × 86400; with an even number of gaps the mean of the middle two
-- (a half day at most, never truncated). NULL with orders on fewer than two days.
CREATE FUNCTION comeback_median_gap_seconds(times TIMESTAMPTZ[], zone TEXT) RETURNS BIGINT
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    days DATE[] := '{}';
    d DATE;
    t TIMESTAMPTZ;
    n INT;
    gaps BIGINT[] := '{}';
    gap BIGINT;
    j INT;
BEGIN
    FOREACH t IN ARRAY coalesce(times, '{}') LOOP
        d := (t AT TIME ZONE zone)::date;
        IF cardinality(days) = 0 OR days[cardinality(days)] <> d THEN
            days := days || d;
        END IF;
    END LOOP;
    n := cardinality(days) - 1;
    IF n < 1 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..n LOOP
        gap := (days[i + 1] - days[i])::BIGINT * 86400;
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

-- The median between orders is gone: every caller passes the customer's zone now.
DROP FUNCTION comeback_median_gap_seconds(TIMESTAMPTZ[]);

-- Purchase days depend on the zone: a customer whose zone changes gets the median of their days there.
-- Only when the zone is written and differs, so the frequent fact updates never run it.
CREATE FUNCTION comeback_rezone_median_gap() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.median_gap_seconds := comeback_median_gap_seconds(NEW.recent_order_times, NEW.time_zone);
    RETURN NEW;
END $$;

CREATE TRIGGER customers_rezone_median_gap
    BEFORE UPDATE OF time_zone ON customers
    FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
    EXECUTE FUNCTION comeback_rezone_median_gap();

UPDATE customers SET median_gap_seconds = comeback_median_gap_seconds(recent_order_times, time_zone)
WHERE cardinality(recent_order_times) > 1;

ALTER TABLE customers
    ADD COLUMN favourite_category TEXT,
    ADD COLUMN last_product       TEXT;

-- The category with the most items (sum of quantities) over all the customer's orders; on a tie more spent
-- in it (unit price × quantity, no price counts 0), then bought most recently, then the first by code point.
-- Items without a category do not count.
CREATE FUNCTION comeback_favourite_category(customer BIGINT) RETURNS TEXT
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT i ->> 'category'
    FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.items) i
    WHERE o.customer_id = customer AND o.items <> '[]'::jsonb AND i ->> 'category' <> ''
    GROUP BY i ->> 'category'
    ORDER BY sum(coalesce((i ->> 'quantity')::numeric, 1)) DESC,
             sum(coalesce((i ->> 'price')::numeric, 0) * coalesce((i ->> 'quantity')::numeric, 1)) DESC,
             max(o.placed_at) DESC,
             (i ->> 'category') COLLATE "C"
    LIMIT 1
$$;

-- Of the most recent order with items (on equal times the one stored last), the item with the highest unit
-- price (no price comes last; the first listed on a tie): its name, else its SKU.
CREATE FUNCTION comeback_last_product(customer BIGINT) RETURNS TEXT
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(x.i ->> 'name', ''), x.i ->> 'sku')
    FROM (SELECT o.items FROM orders o
          WHERE o.customer_id = customer AND o.items <> '[]'::jsonb
          ORDER BY o.placed_at DESC, o.id DESC
          LIMIT 1) l
    CROSS JOIN LATERAL jsonb_array_elements(l.items) WITH ORDINALITY AS x(i, n)
    ORDER BY (x.i ->> 'price')::numeric DESC NULLS LAST, x.n
    LIMIT 1
$$;

UPDATE customers c SET favourite_category = comeback_favourite_category(c.id),
                       last_product = comeback_last_product(c.id)
WHERE c.id IN (SELECT DISTINCT customer_id FROM orders WHERE items <> '[]'::jsonb);
