package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The read side of the roll-up's hours: the running sums of its marks before whole hours. */
final class LoyaltyMarksStore {

    /*
     * Running sums over the hours before each instant (a mark in the hour that starts at an instant is
     * not before it). The hours are summed per gap between consecutive instants (width_bucket: how many
     * instants are at or before the hour) and those sums run over the instants: one hash aggregate over
     * the hours instead of a sort and a window over all of them.
     */
    private static final String AT = """
            WITH %s, b AS (SELECT array_agg(t ORDER BY t) AS ts
                       FROM (SELECT DISTINCT unnest(CAST(CAST(? AS text[]) AS timestamptz[])) AS t) x),
            gaps AS (
                SELECT width_bucket(h.hour, b.ts) AS i, sum(h.first_orders) AS customers,
                       sum(h.spell_starts - h.spell_ends) AS active, sum(h.gap_seconds) AS gap_seconds
                FROM b JOIN %s h ON h.hour < b.ts[array_upper(b.ts, 1)]
                GROUP BY 1
            )
            SELECT u.t, sum(coalesce(g.customers, 0)) OVER r, sum(coalesce(g.active, 0)) OVER r,
                   sum(coalesce(g.gap_seconds, 0)) OVER r
            FROM b CROSS JOIN unnest(b.ts) WITH ORDINALITY AS u(t, j)
            LEFT JOIN gaps g ON g.i = u.j - 1
            WINDOW r AS (ORDER BY u.j ROWS UNBOUNDED PRECEDING)
            """;

    private LoyaltyMarksStore() {}

    /** Whether {@link #before} answers for this instant alone: whole hours only. */
    static boolean covers(Instant t) {
        return t.getEpochSecond() % 3600 == 0 && t.getNano() == 0;
    }

    /** The roll-up's running sums before each whole hour, of all customers or a flow's (the caller has folded queued orders in). */
    static Map<Instant, LoyaltyMarks> before(Connection c, Collection<Instant> wholeHours, LoyaltyScope scope)
            throws SQLException {
        Map<Instant, LoyaltyMarks> result = new HashMap<>();
        if (wholeHours.isEmpty()) {
            return result;
        }
        try (PreparedStatement st = c.prepareStatement(AT.formatted(LoyaltyScope.CTE, scope.hours()))) {
            st.setString(1, scope.flowIdOrNull());
            st.setArray(
                    2,
                    c.createArrayOf(
                            "text", wholeHours.stream().map(Instant::toString).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    BigDecimal gap = rs.getBigDecimal(4);
                    result.put(
                            Jdbc.getInstant(rs, 1),
                            new LoyaltyMarks(rs.getLong(2), rs.getLong(3), gap == null ? BigDecimal.ZERO : gap));
                }
            }
        }
        return result;
    }
}
