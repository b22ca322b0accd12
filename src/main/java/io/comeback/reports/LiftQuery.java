package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Treated against held-out entrants of a period, by one rule for both groups: a person converts when
 * they order after entering and within the lift window (30 days, or the flow's attribution window when
 * that is longer). Held-out people get no texts, so the texts cannot start their clock; entry can.
 */
final class LiftQuery {

    static final Duration MINIMUM_WINDOW = Duration.ofDays(30);
    /** Two-sided 95% normal quantile. */
    private static final double Z_95 = 1.959963984540054;

    private static final String GROUPS = """
            SELECT e.status = 'held_out' AS held_out, count(*), count(*) FILTER (WHERE x.orders > 0), coalesce(sum(x.revenue), 0)
            FROM enrollments e
            CROSS JOIN LATERAL (
                SELECT count(*) AS orders, sum(o.total) AS revenue FROM orders o
                WHERE o.customer_id = e.customer_id AND o.placed_at > e.entered_at
                  AND o.placed_at <= e.entered_at + make_interval(secs => CAST(? AS double precision))) x
            WHERE e.flow_id = ? AND e.entered_at >= ? AND e.entered_at < ? AND e.status <> 'rejected'
            GROUP BY 1
            """;
    // The (enrollment, order) pairs of migration V90: who converted within the window, and with what revenue.
    // Group sizes are the funnel's treated and held out. A rejected entry has no pairs (V170).
    private static final String PAIRS = """
            SELECT held_out, count(DISTINCT enrollment_id), coalesce(sum(total), 0) FROM lift_orders
            WHERE flow_id = ? AND entered_at >= ? AND entered_at < ? AND span <= make_interval(secs => CAST(? AS double precision))
            GROUP BY held_out
            """;

    private LiftQuery() {}

    static Duration window(Duration attributionWindow) {
        return attributionWindow.compareTo(MINIMUM_WINDOW) > 0 ? attributionWindow : MINIMUM_WINDOW;
    }

    /** Null when either group is empty: there is nothing to compare. */
    static Lift run(
            Connection c, String flowId, Instant from, Instant to, Duration attributionWindow, FlowCounts counts)
            throws SQLException {
        Duration window = window(attributionWindow);
        if (!ReportFacts.cover(window)) {
            return scanning(c, flowId, from, to, window);
        }
        if (counts.treated() == 0 || counts.heldOut() == 0) {
            return null;
        }
        long[] converted = new long[2];
        BigDecimal[] revenue = {BigDecimal.ZERO, BigDecimal.ZERO};
        try (PreparedStatement st = c.prepareStatement(PAIRS)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, from);
            Jdbc.setInstant(st, 3, to);
            st.setDouble(4, window.toSeconds());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int group = rs.getBoolean(1) ? 1 : 0;
                    converted[group] = rs.getLong(2);
                    revenue[group] = rs.getBigDecimal(3);
                }
            }
        }
        return compare(counts.treated(), converted[0], revenue[0], counts.heldOut(), converted[1], revenue[1]);
    }

    /** From every entrant's orders: for a lift window longer than the pairs kept ({@link ReportFacts#SPAN_BOUND}). */
    private static Lift scanning(Connection c, String flowId, Instant from, Instant to, Duration window)
            throws SQLException {
        long[] size = new long[2];
        long[] converted = new long[2];
        BigDecimal[] revenue = {BigDecimal.ZERO, BigDecimal.ZERO};
        try (PreparedStatement st = c.prepareStatement(GROUPS)) {
            st.setDouble(1, window.toSeconds());
            st.setString(2, flowId);
            Jdbc.setInstant(st, 3, from);
            Jdbc.setInstant(st, 4, to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int group = rs.getBoolean(1) ? 1 : 0;
                    size[group] = rs.getLong(2);
                    converted[group] = rs.getLong(3);
                    revenue[group] = rs.getBigDecimal(4);
                }
            }
        }
        return compare(size[0], converted[0], revenue[0], size[1], converted[1], revenue[1]);
    }

    /** Difference of two proportions with a 95% Wald interval: diff ± 1.96·sqrt(p1(1−p1)/n1 + p2(1−p2)/n2). */
    static Lift compare(
            long treated,
            long treatedConverted,
            BigDecimal treatedRevenue,
            long holdout,
            long holdoutConverted,
            BigDecimal holdoutRevenue) {
        if (treated == 0 || holdout == 0) {
            return null;
        }
        double p1 = (double) treatedConverted / treated;
        double p2 = (double) holdoutConverted / holdout;
        double difference = p1 - p2;
        double margin = Z_95 * Math.sqrt(p1 * (1 - p1) / treated + p2 * (1 - p2) / holdout);
        double low = difference - margin;
        double high = difference + margin;
        return new Lift(
                treated,
                treatedConverted,
                p1,
                perPerson(treatedRevenue, treated),
                holdout,
                holdoutConverted,
                p2,
                perPerson(holdoutRevenue, holdout),
                difference,
                low,
                high,
                low > 0 || high < 0);
    }

    private static BigDecimal perPerson(BigDecimal revenue, long people) {
        return revenue.divide(BigDecimal.valueOf(people), 2, RoundingMode.HALF_UP);
    }
}
