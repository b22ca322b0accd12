package io.comeback.audience;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A shop's refunds of an order, each once by its id, whether they come before the order or after it, on their own
 * or listed in an order record (V272). The order's refunded amount is their sum.
 */
public final class OrderRefunds {

    private static final String RECORD = """
            INSERT INTO order_refunds (order_id, refund_id, amount, refunded_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (order_id, refund_id) DO UPDATE SET amount = excluded.amount,
                refunded_at = coalesce(excluded.refunded_at, order_refunds.refunded_at)""";

    private OrderRefunds() {}

    public static void record(Connection c, String orderId, String refundId, BigDecimal amount, Instant at)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RECORD)) {
            st.setString(1, orderId);
            st.setString(2, refundId);
            st.setBigDecimal(3, amount);
            Jdbc.setInstant(st, 4, at);
            st.executeUpdate();
        }
    }

    public static BigDecimal total(Connection c, String orderId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT coalesce(sum(amount), 0) FROM order_refunds WHERE order_id = ?")) {
            st.setString(1, orderId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
