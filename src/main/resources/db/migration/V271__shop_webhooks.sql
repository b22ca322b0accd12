-- Shops (README "Shops"): Shopify and WooCommerce push their customers, orders and checkouts as webhooks. Each
-- delivery is stored once, by its delivery id, before it is answered, and applied afterwards by the shop-webhook
-- workers (claimed with SKIP LOCKED, retried with a growing pause, set aside after too many failures).
CREATE TABLE shop_webhooks (
    id               BIGSERIAL PRIMARY KEY,
    platform         TEXT NOT NULL CHECK (platform IN ('shopify', 'woocommerce')),
    -- Shopify: X-Shopify-Webhook-Id, the same on every retry of a delivery. WooCommerce: X-WC-Webhook-Delivery-ID and
    -- a hash of the body, since WooCommerce derives its delivery id from the webhook and the second it was sent.
    delivery_key     TEXT NOT NULL,
    topic            TEXT NOT NULL,
    -- The body exactly as signed. Cleared once applied: what it says about a person is then in that person's rows.
    body             BYTEA,
    received_at      TIMESTAMPTZ NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    -- While pending: when a worker may take it (again). A taken delivery is leased: a node that dies while
    -- applying it leaves it to be taken again after the lease.
    next_attempt_at  TIMESTAMPTZ,
    last_error       TEXT,
    -- What applying it did (created a customer, cancelled an order, nothing: older than what is stored …).
    outcome          TEXT,
    applied_at       TIMESTAMPTZ,
    -- The customer it was about, once known: an erasure clears what is left of that person's deliveries.
    customer_id      BIGINT,
    UNIQUE (platform, delivery_key)
);
CREATE INDEX shop_webhooks_due_idx ON shop_webhooks (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX shop_webhooks_failed_idx ON shop_webhooks (received_at) WHERE status = 'failed';
CREATE INDEX shop_webhooks_customer_idx ON shop_webhooks (customer_id) WHERE customer_id IS NOT NULL;

-- Which Comeback customer a shop's customer is. Found by the shop's id, else by phone, else by e-mail, and then
-- remembered here; a customer first seen through a shop is created with the external id shopify-<id> / woo-<id>.
CREATE TABLE shop_customer_links (
    platform          TEXT NOT NULL,
    shop_customer_id  TEXT NOT NULL,
    customer_id       BIGINT NOT NULL,
    -- The shop's updated_at of the newest customer record applied: an older record arriving later changes nothing.
    shop_updated_at   TIMESTAMPTZ,
    PRIMARY KEY (platform, shop_customer_id)
);
CREATE INDEX shop_customer_links_customer_idx ON shop_customer_links (customer_id);

-- Customers found by e-mail (a shop's customer not linked yet, whose number is unknown).
CREATE INDEX customers_email_idx ON customers (lower(email)) WHERE erased_at IS NULL AND email IS NOT NULL;
