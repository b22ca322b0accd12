-- The audience: customers, their orders and engagement events.
-- Facts derived from orders are kept on the customer row, updated in the same transaction as the
-- order insert, so reading a customer (and, later, detecting inactivity) never scans history.

CREATE TABLE customers (
    id              BIGSERIAL PRIMARY KEY,
    -- NULL once erased: the shop's id could point back at the person.
    external_id     TEXT UNIQUE,
    phone           TEXT,
    first_name      TEXT,
    last_name       TEXT,
    email           TEXT,
    locale          TEXT,
    time_zone       TEXT NOT NULL,
    birthday        DATE,
    attributes      JSONB NOT NULL DEFAULT '{}'::jsonb,
    consent_status  TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (consent_status IN ('unknown', 'opted_in', 'opted_out')),
    consent_source  TEXT,
    consent_text    TEXT,
    consent_at      TIMESTAMPTZ,
    orders_count    INTEGER NOT NULL DEFAULT 0,
    first_order_at  TIMESTAMPTZ,
    last_order_at   TIMESTAMPTZ,
    total_spent     NUMERIC(16, 2) NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at       TIMESTAMPTZ,
    CHECK (erased_at IS NOT NULL OR external_id IS NOT NULL)
) WITH (fillfactor = 80);
-- Free room on each page lets the frequent fact updates (every order, every engagement) be HOT
-- updates that touch no index.

-- One living person per number: inbound texts are routed by phone.
CREATE UNIQUE INDEX customers_phone_key ON customers (phone) WHERE erased_at IS NULL AND phone IS NOT NULL;

CREATE TABLE orders (
    id           BIGSERIAL PRIMARY KEY,
    order_id     TEXT NOT NULL UNIQUE,
    -- No foreign key: every writer resolves the customer in the same statement, customers are never
    -- deleted (erasure keeps the row), and the per-row check would cost bulk imports a fifth of their speed.
    customer_id  BIGINT NOT NULL,
    total        NUMERIC(14, 2) NOT NULL CHECK (total >= 0),
    currency     CHAR(3) NOT NULL,
    placed_at    TIMESTAMPTZ NOT NULL,
    coupon_code  TEXT,
    items        JSONB NOT NULL DEFAULT '[]'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
CREATE INDEX orders_coupon_idx ON orders (coupon_code) WHERE coupon_code IS NOT NULL;

CREATE TABLE engagement_events (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id),
    type         TEXT NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    properties   JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX engagement_events_customer_at_idx ON engagement_events (customer_id, at);
