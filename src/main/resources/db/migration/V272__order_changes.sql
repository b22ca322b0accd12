-- Orders that change (README "Orders"): an order is paid, cancelled or refunded after it was placed, through a
-- shop's webhooks or PATCH /api/orders/{id}.
--
-- `orders` holds the purchases that count: every fact, rhythm, goal and report reads it, so an order that is not
-- (or no longer) a purchase is moved out of it, to orders_not_counted, and back in if it becomes one again. Its
-- `total` is what the purchase is worth to reports: the amount ordered less what was refunded.

ALTER TABLE orders
    ADD COLUMN status TEXT NOT NULL DEFAULT 'placed'
        CHECK (status IN ('placed', 'paid', 'partially_refunded', 'refunded')),
    -- total + refunded_total is the amount ordered.
    ADD COLUMN refunded_total NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (refunded_total >= 0),
    -- When a change (other than the first insert) was last applied.
    ADD COLUMN updated_at TIMESTAMPTZ,
    -- The shop's own updated_at of the newest record applied: an older record arriving later changes nothing.
    ADD COLUMN shop_updated_at TIMESTAMPTZ;

-- Orders that are not purchases: cancelled, or not paid yet (a WooCommerce order waiting for its payment, or
-- whose payment failed). The same order ids as `orders`, never in both (OrderChanges moves a row under a lock on
-- its order id; the CSV import leaves these ids alone).
CREATE TABLE orders_not_counted (
    id               BIGSERIAL PRIMARY KEY,
    order_id         TEXT NOT NULL UNIQUE,
    customer_id      BIGINT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'cancelled')),
    total            NUMERIC(14, 2) NOT NULL CHECK (total >= 0),
    refunded_total   NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (refunded_total >= 0),
    currency         CHAR(3) NOT NULL,
    placed_at        TIMESTAMPTZ NOT NULL,
    coupon_code      TEXT,
    items            JSONB NOT NULL DEFAULT '[]'::jsonb,
    -- When the order first reached Comeback, kept across moves between the two tables.
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ,
    shop_updated_at  TIMESTAMPTZ,
    -- Whether it counted once (placed, then cancelled): flows started by orders are not started again if it
    -- counts again.
    was_counted      BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX orders_not_counted_customer_idx ON orders_not_counted (customer_id);

-- A shop's refunds, each once by its id, whether they arrive before the order or after it (Shopify's
-- refunds/create and the refunds listed in an order record are the same refunds). An order's refunded_total is
-- their sum.
CREATE TABLE order_refunds (
    order_id     TEXT NOT NULL,
    refund_id    TEXT NOT NULL,
    amount       NUMERIC(14, 2) NOT NULL CHECK (amount >= 0),
    refunded_at  TIMESTAMPTZ,
    PRIMARY KEY (order_id, refund_id)
);

-- The report facts of V90 kept per order (its last touch, its lift pairs) and its coupon redemption are taken
-- away when the order changes and derived again from the row as it is now, with the statements of V90's insert
-- trigger.
CREATE INDEX lift_orders_order_idx ON lift_orders (order_id);

CREATE FUNCTION comeback_order_facts_drop(changed BIGINT) RETURNS VOID LANGUAGE sql AS $$
    DELETE FROM order_attributions WHERE order_id = changed;
    DELETE FROM lift_orders WHERE order_id = changed;
    DELETE FROM coupon_redemptions WHERE order_id = changed;
$$;

CREATE FUNCTION comeback_order_facts_add(changed BIGINT) RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO order_attributions (order_id, customer_id, placed_at, total, flow_id, message_id, enrollment_id,
                                    text_at, click_at, span)
    SELECT o.id, o.customer_id, o.placed_at, o.total, t.flow_id, t.message_id, t.enrollment_id, t.text_at, t.click_at, t.span
    FROM orders o CROSS JOIN LATERAL comeback_order_touch(o.customer_id, o.placed_at) t
    WHERE o.id = changed
    ON CONFLICT (order_id) DO NOTHING;
    INSERT INTO lift_orders (enrollment_id, order_id, flow_id, entered_at, held_out, span, total)
    SELECT e.id, o.id, e.flow_id, e.entered_at, e.status = 'held_out', o.placed_at - e.entered_at, o.total
    FROM orders o
    JOIN enrollments e ON e.customer_id = o.customer_id AND e.entered_at < o.placed_at
                      AND e.entered_at >= o.placed_at - comeback_report_span_bound()
    WHERE o.id = changed
    ON CONFLICT DO NOTHING;
$$;
