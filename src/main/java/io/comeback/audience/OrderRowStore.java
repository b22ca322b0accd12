package io.comeback.audience;

import io.comeback.audience.coupons.CouponRedemptions;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The statements {@link OrderChanges} writes an order's row with, in {@code orders} (it counts) or
 * {@code orders_not_counted} (cancelled, not paid yet), and the report facts derived from a counted one.
 */
final class OrderRowStore {

    static final String INSERT_COUNTED = """
            INSERT INTO orders (order_id, customer_id, order_amount, order_refunded, currency, rate, total,
                                refunded_total, placed_at, coupon_code, items, status, shop_updated_at, created_at,
                                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, coalesce(?, now()), ?)
            RETURNING id""";
    static final String INSERT_NOT_COUNTED = """
            INSERT INTO orders_not_counted (order_id, customer_id, order_amount, order_refunded, currency, rate, total,
                                            refunded_total, placed_at, coupon_code, items, status, shop_updated_at,
                                            created_at, updated_at, was_counted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, coalesce(?, now()), ?, ?)""";
    static final String UPDATE = """
            UPDATE %s SET order_amount = ?, order_refunded = ?, currency = ?, rate = ?, total = ?, refunded_total = ?,
                placed_at = ?, coupon_code = ?, items = CAST(? AS jsonb), status = ?,
                shop_updated_at = coalesce(?, shop_updated_at), updated_at = ?
            WHERE id = ?""";
    static final String SAME = """
            SELECT order_amount = ? AND currency = ? AND placed_at = ? AND coupon_code IS NOT DISTINCT FROM ?
                   AND items = CAST(? AS jsonb) AND status = ? AND order_refunded = ?
                   -- An order stored before amounts were converted (V275) is converted by any revision of it.
                   AND rate IS NOT NULL
            FROM %s WHERE id = ?""";
    static final String TOUCH_SHOP_TIME = "UPDATE %s SET shop_updated_at = ? WHERE id = ?";
    static final String REDEEM = CouponRedemptions.ATTRIBUTE.formatted(
            "SELECT id, customer_id, placed_at, total, coupon_code FROM orders WHERE id = ?");

    private OrderRowStore() {}

    /** The order's own amounts in its currency, its rate, and what it counts in the reporting currency. */
    static int bindAmounts(PreparedStatement st, int i, OrderRevision r, OrderMoney money) throws SQLException {
        st.setBigDecimal(++i, r.amount());
        st.setBigDecimal(++i, r.refundedCapped());
        st.setString(++i, r.currency());
        st.setBigDecimal(++i, money.rate());
        st.setBigDecimal(++i, money.net());
        st.setBigDecimal(++i, money.refunded());
        return i;
    }

    static void update(Connection c, StoredOrder s, OrderRevision r, OrderMoney money, String items, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPDATE.formatted(table(s.counted())))) {
            int i = bindAmounts(st, 0, r, money);
            Jdbc.setInstant(st, ++i, r.placedAt());
            st.setString(++i, r.couponCode());
            st.setString(++i, items);
            st.setString(++i, r.status().wire());
            Jdbc.setInstant(st, ++i, r.shopUpdatedAt());
            Jdbc.setInstant(st, ++i, now);
            st.setLong(++i, s.id());
            st.executeUpdate();
        }
    }

    static boolean same(Connection c, StoredOrder s, OrderRevision r, String items) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SAME.formatted(table(s.counted())))) {
            int i = 0;
            st.setBigDecimal(++i, r.amount());
            st.setString(++i, r.currency());
            Jdbc.setInstant(st, ++i, r.placedAt());
            st.setString(++i, r.couponCode());
            st.setString(++i, items);
            st.setString(++i, r.status().wire());
            st.setBigDecimal(++i, r.refundedCapped());
            st.setLong(++i, s.id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The report facts of a counted order whose amount or time changed, derived again from its row. */
    static void rederive(Connection c, long id) throws SQLException {
        exec(c, "SELECT comeback_order_facts_drop(?)", id);
        exec(c, "SELECT comeback_order_facts_add(?)", id);
        exec(c, REDEEM, id);
    }

    static void redeem(Connection c, long id, String couponCode) throws SQLException {
        if (couponCode != null) {
            exec(c, REDEEM, id);
        }
    }

    static void exec(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            st.execute();
        }
    }

    static String table(boolean counted) {
        return counted ? "orders" : "orders_not_counted";
    }
}
