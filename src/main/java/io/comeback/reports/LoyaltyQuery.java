package io.comeback.reports;

import io.comeback.support.Jdbc;
import io.comeback.support.TimeRange;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two set-based statements behind loyalty figures: order sums per period (an index-only scan of
 * orders by time), and the customer base at each period boundary (one pass over the customers with
 * orders, reading the order facts kept on their rows, not their order history).
 */
final class LoyaltyQuery {

    /** Order sums of one period. */
    record Orders(long orders, BigDecimal revenue, long customers, long newCustomers, long repeatCustomers) {
        static final Orders NONE = new Orders(0, BigDecimal.ZERO, 0, 0, 0);
    }

    /** The customer base at one instant. */
    record Base(long active, Double averageLifespanDays) {
        static final Base NONE = new Base(0, null);
    }

    private static final String PERIODS = """
            unnest(CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[])) WITH ORDINALITY AS p(s, e, n)
            """;
    // Customers of one flow: everyone who entered it and was not held out, before the end of the range.
    private static final String FLOW_SCOPE = """
            IN (SELECT customer_id FROM enrollments WHERE flow_id = ? AND status <> 'held_out' AND entered_at < ?)
            """;

    // A customer "repeats" when, as of the period's end, they have two orders or more: two in the
    // period, or one in it after an earlier first order.
    private static final String ORDERS = """
            WITH per_customer AS (
                SELECT p.n, p.s, o.customer_id, count(*) AS orders, sum(o.total) AS revenue
                FROM %s
                JOIN orders o ON o.placed_at >= p.s AND o.placed_at < p.e
                WHERE %s
                GROUP BY p.n, p.s, o.customer_id
            )
            SELECT pc.n, sum(pc.orders), sum(pc.revenue), count(*),
                   count(*) FILTER (WHERE c.first_order_at >= pc.s),
                   count(*) FILTER (WHERE pc.orders >= 2 OR c.first_order_at < pc.s)
            FROM per_customer pc JOIN customers c ON c.id = pc.customer_id
            GROUP BY pc.n
            """;

    /*
     * A customer's last order before t: last_order_at when that is before t; else the latest of the 32
     * most recent order times (kept on the row, V20) that is before t; else (32 orders since t) the
     * orders index. Active at t: that order is within the active window before t. Lifespan at t: from
     * the first order to that order (0 for one order).
     */
    private static final String BASE = """
            WITH b AS (SELECT DISTINCT unnest(CAST(CAST(? AS text[]) AS timestamptz[])) AS t),
            span AS (SELECT make_interval(secs => CAST(? AS double precision)) AS active),
            c AS (
                SELECT id, first_order_at, last_order_at, recent_order_times FROM customers
                WHERE first_order_at < ? AND %s
            )
            SELECT b.t, count(*) FILTER (WHERE x.last_before >= b.t - span.active),
                   avg(extract(epoch FROM x.last_before - c.first_order_at))
            FROM b CROSS JOIN span
            JOIN c ON c.first_order_at < b.t
            CROSS JOIN LATERAL (SELECT CASE WHEN c.last_order_at < b.t THEN c.last_order_at
                ELSE coalesce((SELECT max(r) FROM unnest(c.recent_order_times) r WHERE r < b.t),
                              (SELECT max(o.placed_at) FROM orders o WHERE o.customer_id = c.id AND o.placed_at < b.t))
                END AS last_before) x
            GROUP BY b.t
            """;

    private LoyaltyQuery() {}

    /** Order sums per period, in the order of {@code periods}. */
    static Orders[] orders(Connection c, List<TimeRange> periods, String flowIdOrNull, Instant scopeEnd)
            throws SQLException {
        String scope = flowIdOrNull == null ? "true" : "o.customer_id " + FLOW_SCOPE;
        Orders[] result = new Orders[periods.size()];
        java.util.Arrays.fill(result, Orders.NONE);
        try (PreparedStatement st = c.prepareStatement(ORDERS.formatted(PERIODS, scope))) {
            st.setArray(1, Periods.starts(c, periods));
            st.setArray(2, Periods.ends(c, periods));
            if (flowIdOrNull != null) {
                st.setString(3, flowIdOrNull);
                Jdbc.setInstant(st, 4, scopeEnd);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result[rs.getInt(1) - 1] =
                            new Orders(rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                }
            }
        }
        return result;
    }

    /** The customer base at each instant. */
    static Map<Instant, Base> base(
            Connection c, List<Instant> instants, Duration activeWindow, String flowIdOrNull, Instant scopeEnd)
            throws SQLException {
        String scope = flowIdOrNull == null ? "true" : "id " + FLOW_SCOPE;
        Instant latest = instants.stream().max(Instant::compareTo).orElseThrow();
        Map<Instant, Base> result = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(BASE.formatted(scope))) {
            Array times = c.createArrayOf(
                    "text", instants.stream().map(Instant::toString).toArray());
            st.setArray(1, times);
            st.setDouble(2, activeWindow.toSeconds());
            Jdbc.setInstant(st, 3, latest);
            if (flowIdOrNull != null) {
                st.setString(4, flowIdOrNull);
                Jdbc.setInstant(st, 5, scopeEnd);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double seconds = rs.getDouble(3);
                    Double days = rs.wasNull() ? null : seconds / 86_400.0;
                    result.put(rs.getTimestamp(1).toInstant(), new Base(rs.getLong(2), days));
                }
            }
        }
        for (Instant instant : instants) {
            result.putIfAbsent(instant, Base.NONE);
        }
        return result;
    }
}
