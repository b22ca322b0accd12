package io.comeback.audience.coupons;

/**
 * Attributes new orders that carry an issued code to the code's flow. Shared by order ingest and
 * the CSV import; both run it in the transaction that inserts the orders.
 */
public final class CouponRedemptions {

    /**
     * {@code %s}: the new orders, with columns id (orders.id), customer_id, placed_at, total, coupon_code.
     * Codes are matched ignoring case and surrounding blanks, as customers type them.
     */
    public static final String ATTRIBUTE = """
            INSERT INTO coupon_redemptions (order_id, coupon_id, flow_id, customer_id, placed_at, total, within_validity)
            SELECT o.id, k.id, k.flow_id, o.customer_id, o.placed_at, o.total, o.placed_at <= k.expires_at
            FROM (%s) o JOIN coupons k ON k.code = upper(trim(o.coupon_code))
            WHERE o.coupon_code IS NOT NULL
            ON CONFLICT (order_id) DO NOTHING""";

    private CouponRedemptions() {}
}
