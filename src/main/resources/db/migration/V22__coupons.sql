-- Unique coupon codes issued by send steps, one per enrollment (a reminder shows the same code),
-- and the orders that redeemed them, attributed to the flow that issued the code.
CREATE TABLE coupons (
    id             BIGSERIAL PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    flow_id        TEXT NOT NULL,
    -- The runtime's enrollment id; text so the coupon table does not presume its type.
    enrollment_id  TEXT NOT NULL,
    customer_id    BIGINT NOT NULL,
    step_id        TEXT NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (flow_id, enrollment_id)
);

CREATE TABLE coupon_redemptions (
    -- orders.id: an order redeems at most one code, and is attributed once however often it is resent.
    order_id         BIGINT PRIMARY KEY,
    coupon_id        BIGINT NOT NULL REFERENCES coupons (id),
    flow_id          TEXT NOT NULL,
    -- Who ordered: not always the holder, codes get shared.
    customer_id      BIGINT NOT NULL,
    placed_at        TIMESTAMPTZ NOT NULL,
    total            NUMERIC(14, 2) NOT NULL,
    within_validity  BOOLEAN NOT NULL
);
CREATE INDEX coupon_redemptions_flow_idx ON coupon_redemptions (flow_id, placed_at);
CREATE INDEX coupon_redemptions_coupon_idx ON coupon_redemptions (coupon_id);
