-- Discount codes that work at the shop's checkout (README "Shops"): with a shop connected, each code a flow issues
-- is created at the shop (Shopify's discountCodeBasicCreate, WooCommerce's coupons) before a text naming it may
-- leave. The coupon row is the outbox entry: created once, by its code, retried with a growing pause.
ALTER TABLE coupons
    -- What the code gives (flow: coupon.discount): a percentage off the order, or an amount off.
    ADD COLUMN discount_percent NUMERIC(5, 2),
    ADD COLUMN discount_amount NUMERIC(14, 2),
    -- NULL: no shop was connected when it was issued, the code is Comeback's own. Otherwise pending until the shop
    -- created it, created, or failed (for good: its texts are blocked and the flow's page shows it).
    ADD COLUMN shop_platform TEXT,
    ADD COLUMN shop_status TEXT CHECK (shop_status IN ('pending', 'created', 'failed')),
    ADD COLUMN shop_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN shop_next_attempt_at TIMESTAMPTZ,
    ADD COLUMN shop_error TEXT,
    -- The shop's own id of the discount (Shopify's DiscountCodeNode gid, WooCommerce's coupon id).
    ADD COLUMN shop_reference TEXT,
    ADD COLUMN shop_created_at TIMESTAMPTZ;
CREATE INDEX coupons_shop_due_idx ON coupons (shop_next_attempt_at) WHERE shop_status = 'pending';
CREATE INDEX coupons_shop_failed_idx ON coupons (flow_id) WHERE shop_status = 'failed';

-- Texts held back because their code is not at the shop yet, found again when it is (released) or when it never
-- will be (blocked). Pending rows with a code are few; the index holds only those.
CREATE INDEX outbound_messages_pending_code_idx ON outbound_messages (coupon_code)
    WHERE status = 'pending' AND coupon_code IS NOT NULL;
