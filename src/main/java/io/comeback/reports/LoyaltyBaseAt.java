package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
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
 * The customer base and lifespan at any instant over all customers or a flow's: the roll-up's sums before the whole
 * hour at or before it, plus the marks of the part of an hour up to it, read from the orders of that
 * part (at most an hour of orders, one index probe each).
 */
final class LoyaltyBaseAt {

    /*
     * The marks of V73 that fall in [hour(t), t): first orders, spell starts and gaps of the orders placed
     * there (each against its previous order), and spell ends W after the orders placed in
     * [hour(t) − W, t − W) that no order of the customer follows within W.
     */
    private static final String PARTIAL_HOUR = """
            WITH %1$s, w AS (SELECT make_interval(secs => CAST(? AS double precision)) AS span),
            b AS (SELECT DISTINCT unnest(CAST(CAST(? AS text[]) AS timestamptz[])) AS t),
            placed AS (
                SELECT b.t, count(*) FILTER (WHERE x.prev IS NULL) AS customers,
                       count(*) FILTER (WHERE x.prev IS NULL OR o.placed_at > x.prev + w.span) AS starts,
                       coalesce(sum(extract(epoch FROM o.placed_at - x.prev)), 0) AS gap_seconds
                FROM b CROSS JOIN w
                JOIN orders o ON o.placed_at >= comeback_hour(b.t) AND o.placed_at < b.t AND %2$s
                CROSS JOIN LATERAL (SELECT (SELECT o2.placed_at FROM orders o2
                                            WHERE o2.customer_id = o.customer_id AND o2.placed_at <= o.placed_at
                                              AND (o2.placed_at < o.placed_at OR o2.id < o.id)
                                            ORDER BY o2.placed_at DESC LIMIT 1) AS prev) x
                GROUP BY b.t
            ),
            ended AS (
                SELECT b.t, count(*) FILTER (WHERE x.next IS NULL OR x.next > o.placed_at + w.span) AS ends
                FROM b CROSS JOIN w
                JOIN orders o ON o.placed_at >= comeback_hour(b.t) - w.span AND o.placed_at < b.t - w.span AND %2$s
                -- A probe per order, never an anti-join: estimated at a million orders per instant, NOT EXISTS
                -- was planned as a hash of all orders.
                CROSS JOIN LATERAL (SELECT (SELECT o3.placed_at FROM orders o3
                                            WHERE o3.customer_id = o.customer_id AND o3.placed_at >= o.placed_at
                                              AND (o3.placed_at > o.placed_at OR o3.id > o.id)
                                            ORDER BY o3.placed_at LIMIT 1) AS next) x
                GROUP BY b.t
            )
            SELECT b.t, coalesce(placed.customers, 0), coalesce(placed.starts, 0) - coalesce(ended.ends, 0),
                   coalesce(placed.gap_seconds, 0)
            FROM b LEFT JOIN placed ON placed.t = b.t LEFT JOIN ended ON ended.t = b.t
            """;

    private LoyaltyBaseAt() {}

    /** The base at each instant; the caller has folded queued orders into the roll-up. */
    static Map<Instant, LoyaltyQuery.Base> at(Connection c, List<Instant> instants, Duration window, LoyaltyScope scope)
            throws SQLException {
        List<Instant> partial = instants.stream()
                .filter(t -> !LoyaltyMarksStore.covers(t))
                .distinct()
                .toList();
        List<Instant> hours =
                instants.stream().map(LoyaltyBaseAt::hourOf).distinct().toList();
        Map<Instant, LoyaltyMarks> before = LoyaltyMarksStore.before(c, hours, scope);
        Map<Instant, LoyaltyMarks> sincePartialHour = partialHours(c, partial, window, scope);
        Map<Instant, LoyaltyQuery.Base> result = new HashMap<>();
        for (Instant t : instants) {
            LoyaltyMarks marks = before.getOrDefault(hourOf(t), LoyaltyMarks.NONE)
                    .plus(sincePartialHour.getOrDefault(t, LoyaltyMarks.NONE));
            result.put(t, marks.base());
        }
        return result;
    }

    private static Map<Instant, LoyaltyMarks> partialHours(
            Connection c, List<Instant> instants, Duration window, LoyaltyScope scope) throws SQLException {
        Map<Instant, LoyaltyMarks> result = new HashMap<>();
        if (instants.isEmpty()) {
            return result;
        }
        try (PreparedStatement st = c.prepareStatement(PARTIAL_HOUR.formatted(LoyaltyScope.CTE, scope.ordersOf("o")))) {
            st.setString(1, scope.flowIdOrNull());
            st.setDouble(2, window.toSeconds());
            st.setArray(
                    3,
                    c.createArrayOf(
                            "text", instants.stream().map(Instant::toString).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    BigDecimal gap = rs.getBigDecimal(4);
                    result.put(Jdbc.getInstant(rs, 1), new LoyaltyMarks(rs.getLong(2), rs.getLong(3), gap));
                }
            }
        }
        return result;
    }

    static Instant hourOf(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
    }
}
