package io.comeback.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.coupons.CouponRedemptions;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Inserts orders exactly once per {@code orderId} (INSERT … ON CONFLICT DO NOTHING) and folds each
 * new order into its customer's facts in the same transaction (the personal rhythm between purchase days in
 * the customer's zone; the favourite category and last product when the order has items); an order carrying an
 * issued coupon code is attributed to the code's flow.
 */
@ApplicationScoped
public class OrderStore {

    private static final String INSERT = """
            INSERT INTO orders (order_id, customer_id, total, currency, placed_at, coupon_code, items)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (order_id) DO NOTHING
            RETURNING id
            """;

    /**
     * Shared with the CSV import, which folds a whole batch of new orders with one statement. The
     * subquery gives per customer: count, first_at, last_at, spent and times (the new orders' times,
     * any order; the recent-times functions are in migration V20).
     */
    public static final String FOLD_FACTS = """
            UPDATE customers c SET
                orders_count = c.orders_count + n.count,
                first_order_at = LEAST(c.first_order_at, n.first_at),
                last_order_at = GREATEST(c.last_order_at, n.last_at),
                total_spent = c.total_spent + n.spent,
                recent_order_times = comeback_recent_order_times(c.recent_order_times, n.times),
                median_gap_seconds = comeback_median_gap_seconds(
                    comeback_recent_order_times(c.recent_order_times, n.times), c.time_zone)
            FROM (%s) n
            WHERE c.id = n.customer_id
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public OrderStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** @return the new row's id, or empty when an order with this id was stored before */
    public Optional<Long> insertOnce(OrderDraft order, long customerId) {
        try (Connection connection = dataSource.getConnection()) {
            Long id = null;
            try (PreparedStatement st = connection.prepareStatement(INSERT)) {
                st.setString(1, order.orderId());
                st.setLong(2, customerId);
                st.setBigDecimal(3, order.total());
                st.setString(4, order.currency());
                Jdbc.setInstant(st, 5, order.placedAt());
                st.setString(6, order.couponCode());
                st.setString(7, json.writeValueAsString(order.items()));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                    }
                }
            }
            if (id == null) {
                return Optional.empty();
            }
            try (PreparedStatement st = connection.prepareStatement(FOLD_FACTS.formatted(
                    "SELECT ?::bigint AS customer_id, 1 AS count, ?::timestamptz AS first_at, ?::timestamptz AS last_at, "
                            + "?::numeric AS spent, ARRAY[?::timestamptz] AS times"))) {
                st.setLong(1, customerId);
                Jdbc.setInstant(st, 2, order.placedAt());
                Jdbc.setInstant(st, 3, order.placedAt());
                st.setBigDecimal(4, order.total());
                Jdbc.setInstant(st, 5, order.placedAt());
                st.executeUpdate();
            }
            if (!order.items().isEmpty()) {
                foldItemFacts(connection, customerId);
            }
            if (order.couponCode() != null) {
                attributeCoupon(connection, id, customerId, order);
            }
            return Optional.of(id);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not store order " + order.orderId(), e);
        }
    }

    /**
     * Recomputes the facts order items give (favourite category, last product; functions of migration V190) from the
     * customer's orders: an order without items changes neither, so only an order with items pays for it.
     */
    private static void foldItemFacts(Connection connection, long customerId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(ITEM_FACTS)) {
            st.setLong(1, customerId);
            st.executeUpdate();
        }
    }

    private static final String ITEM_FACTS = """
            UPDATE customers SET favourite_category = comeback_favourite_category(id),
                                 last_product = comeback_last_product(id)
            WHERE id = ?""";

    private static void attributeCoupon(Connection connection, long id, long customerId, OrderDraft order)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(CouponRedemptions.ATTRIBUTE.formatted(
                "SELECT ?::bigint AS id, ?::bigint AS customer_id, ?::timestamptz AS placed_at, ?::numeric AS total, "
                        + "?::text AS coupon_code"))) {
            st.setLong(1, id);
            st.setLong(2, customerId);
            Jdbc.setInstant(st, 3, order.placedAt());
            st.setBigDecimal(4, order.total());
            st.setString(5, order.couponCode());
            st.executeUpdate();
        }
    }
}
