-- Abandoned checkouts (README "Shops"): a checkout the shop reports (Shopify's checkouts/create and
-- checkouts/update) becomes one checkout_started event for its customer, carrying the link back to the cart,
-- unless the order it turned into is known by then. Kept per checkout, so each is announced once and an order
-- arriving before its checkout's record stops the announcement.
CREATE TABLE shop_checkouts (
    platform         TEXT NOT NULL,
    -- Shopify: the checkout's token, which the order that completes it names (checkout_token).
    checkout_key     TEXT NOT NULL,
    customer_id      BIGINT,
    recovery_url     TEXT,
    total            NUMERIC(14, 2),
    currency         CHAR(3),
    started_at       TIMESTAMPTZ,
    shop_updated_at  TIMESTAMPTZ,
    -- When its checkout_started event was recorded (at most once).
    announced_at     TIMESTAMPTZ,
    -- The order it became, when known, and when.
    order_id         TEXT,
    completed_at     TIMESTAMPTZ,
    PRIMARY KEY (platform, checkout_key)
);
CREATE INDEX shop_checkouts_customer_idx ON shop_checkouts (customer_id) WHERE customer_id IS NOT NULL;
