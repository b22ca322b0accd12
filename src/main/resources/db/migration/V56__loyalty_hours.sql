-- The customer base and lifespan at any whole hour, from an hourly roll-up (README "Reports",
-- "How loyalty figures are kept"). Per customer, with orders o1 <= o2 <= … and the active window W,
-- the customer is in the base at t when some order lies in [t − W, t): t is in (oi, oi + W]. Those
-- intervals merge into spells; a spell starts at an order more than W after the previous one (or the
-- first) and ends W after an order with no next order within W. At a whole hour t:
--   base(t)          = spells started before t − spells ended before t
--   customers(t)     = first orders before t
--   lifespan sum(t)  = sum over non-first orders before t of (order − previous order)
--                      (telescopes to the sum of last-order-before-t − first order)
-- Each figure is a sum of marks at instants before t, so marks summed per hour are exact for whole
-- hours (a mark at x is before a whole hour t exactly when its hour is).
CREATE FUNCTION comeback_hour(at timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_timestamp(floor(extract(epoch FROM at) / 3600) * 3600);

CREATE TABLE loyalty_hours (
    hour          TIMESTAMPTZ PRIMARY KEY,
    first_orders  BIGINT NOT NULL,
    spell_starts  BIGINT NOT NULL,
    spell_ends    BIGINT NOT NULL,
    gap_seconds   NUMERIC NOT NULL
);

-- The window the roll-up was built for (spells depend on it); the service rebuilds when the
-- configured comeback.reports.active-customer-window differs.
CREATE TABLE loyalty_rollup_state (
    id                     BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    active_window_seconds  BIGINT NOT NULL
);

-- Orders not yet folded into loyalty_hours. Filled by a statement-level trigger, so every way an
-- order arrives (API, CSV import, SQL) is covered at the cost of one set insert per statement; the
-- fold deletes them in the same statement that reads the orders, so one snapshot decides both.
CREATE TABLE loyalty_pending_orders (
    order_id     BIGINT PRIMARY KEY,
    customer_id  BIGINT NOT NULL
);

CREATE FUNCTION comeback_loyalty_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO loyalty_pending_orders (order_id, customer_id) SELECT id, customer_id FROM new_orders;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_loyalty_pending AFTER INSERT ON orders
    REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION comeback_loyalty_pending();

-- Backfill for the default window (365 days); LoyaltyRollup rebuilds for another one.
INSERT INTO loyalty_rollup_state (active_window_seconds) VALUES (31536000);
WITH seq AS (
    SELECT placed_at, lag(placed_at) OVER w AS prev, lead(placed_at) OVER w AS next
    FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at, id)
),
marks AS (
    SELECT comeback_hour(placed_at) AS hour, (prev IS NULL)::int AS first_orders,
           (prev IS NULL OR placed_at > prev + interval '31536000 seconds')::int AS spell_starts, 0 AS spell_ends,
           coalesce(extract(epoch FROM placed_at - prev), 0) AS gap_seconds
    FROM seq
    UNION ALL
    SELECT comeback_hour(placed_at + interval '31536000 seconds'), 0, 0, 1, 0 FROM seq
    WHERE next IS NULL OR next > placed_at + interval '31536000 seconds'
)
INSERT INTO loyalty_hours (hour, first_orders, spell_starts, spell_ends, gap_seconds)
SELECT hour, sum(first_orders), sum(spell_starts), sum(spell_ends), sum(gap_seconds) FROM marks GROUP BY hour;
