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

-- Order sums per local day of the report zone (comeback.default-time-zone), split by the local day of
-- each order's previous order of the same customer ('-infinity' for a first order). Ordering customers
-- and repeat customers are distinct counts, not sums of days; with the previous order's day they are
-- counts of orders again: the customers who ordered in [S, E) are the orders in it whose previous order
-- is before S, and the customers whose first two orders are both in it are its second orders whose
-- previous order is on or after S (LoyaltyOrderSums). A day has about as many rows as distinct gaps
-- back to the previous order, so a year of days is some tens of thousands of rows, not its orders.
CREATE TABLE loyalty_days (
    day            DATE NOT NULL,
    prev_day       DATE NOT NULL,
    orders         BIGINT NOT NULL,
    second_orders  BIGINT NOT NULL,
    revenue        NUMERIC NOT NULL,
    PRIMARY KEY (day, prev_day)
);

-- What the roll-up was built for: spells depend on the active window, days on the zone. Empty until
-- the first fold, which builds both from all orders (LoyaltyRollup): the zone is configuration that a
-- migration cannot see, and a build over millions of orders belongs in the clustered job, not in
-- every node's start-up.
CREATE TABLE loyalty_rollup_state (
    id                     BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    active_window_seconds  BIGINT NOT NULL,
    zone                   TEXT NOT NULL
);
INSERT INTO loyalty_rollup_state (active_window_seconds, zone) VALUES (0, '');

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
