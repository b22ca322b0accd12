package io.comeback.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Order sums per period over all customers from the daily roll-up ({@code loyalty_days}, V73): the
 * whole days of the roll-up's zone inside a period are read from it, the partial days at either end
 * (a range that starts or ends inside a day, or a period in another zone) from their orders, each
 * with an index probe for its neighbours. Same figures as {@link LoyaltyQuery#orders}.
 */
final class LoyaltyOrderSums {

    /*
     * Per period [s, e) with whole days [ws, we) inside it (ws = we = e when there are none):
     * customers  = orders whose previous order is before s
     *            = days: orders with previous order before ws − those whose previous order is in [s, ws)
     *              + head/tail: orders with no earlier order of the customer in [s, e) so far
     * repeat     = customers − new customers + customers whose first two orders are both in the period
     *              (second orders whose previous order is on or after s)
     * A head order x in [s, ws) is the previous order of the next order of its customer: when that one
     * is in [ws, we), the days part counted it as "previous before ws", though its previous is after s.
     */
    private static final String SUMS = """
            WITH pd AS (
                SELECT n, s, e, ws, we, CAST(ws AT TIME ZONE CAST(? AS text) AS date) AS sd,
                       CAST(we AT TIME ZONE CAST(? AS text) AS date) AS ed
                FROM unnest(CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                            CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]))
                     WITH ORDINALITY AS p(s, e, ws, we, n)
            ),
            days AS (
                SELECT pd.n, sum(r.orders) AS orders, sum(r.revenue) AS revenue,
                       sum(r.orders) FILTER (WHERE r.prev_day = '-infinity') AS new_customers,
                       sum(r.orders) FILTER (WHERE r.prev_day < pd.sd) AS customers,
                       sum(r.second_orders) FILTER (WHERE r.prev_day >= pd.sd) AS first_two_inside
                FROM pd JOIN loyalty_days r ON r.day >= pd.sd AND r.day < pd.ed
                GROUP BY pd.n
            ),
            edge AS (
                SELECT pd.n, pd.s, pd.ws, pd.we, true AS head, o.id, o.customer_id, o.placed_at, o.total
                FROM pd JOIN orders o ON o.placed_at >= pd.s AND o.placed_at < pd.ws
                UNION ALL
                SELECT pd.n, pd.s, pd.ws, pd.we, false, o.id, o.customer_id, o.placed_at, o.total
                FROM pd JOIN orders o ON o.placed_at >= pd.we AND o.placed_at < pd.e
            ),
            edges AS (
                SELECT f.n, count(*) AS orders, sum(f.total) AS revenue,
                       count(*) FILTER (WHERE b.prev IS NULL) AS new_customers,
                       count(*) FILTER (WHERE b.prev IS NULL OR b.prev < f.s) AS customers,
                       count(*) FILTER (WHERE b.earlier = 1 AND b.prev >= f.s) AS first_two_inside,
                       count(*) FILTER (WHERE nx.next >= f.ws AND nx.next < f.we) AS next_counted_as_customer,
                       count(*) FILTER (WHERE b.prev IS NULL AND nx.next >= f.ws AND nx.next < f.we) AS next_first_two_inside
                FROM edge f
                CROSS JOIN LATERAL (
                    SELECT max(q.placed_at) AS prev, count(*) AS earlier
                    FROM (SELECT o2.placed_at FROM orders o2
                          WHERE o2.customer_id = f.customer_id AND o2.placed_at <= f.placed_at
                            AND (o2.placed_at < f.placed_at OR o2.id < f.id)
                          ORDER BY o2.placed_at DESC LIMIT 2) q) b
                LEFT JOIN LATERAL (
                    SELECT o3.placed_at AS next FROM orders o3
                    WHERE f.head AND f.ws < f.we AND o3.customer_id = f.customer_id AND o3.placed_at >= f.placed_at
                      AND (o3.placed_at > f.placed_at OR o3.id > f.id)
                    ORDER BY o3.placed_at LIMIT 1) nx ON true
                GROUP BY f.n
            )
            SELECT pd.n,
                   coalesce(days.orders, 0) + coalesce(edges.orders, 0),
                   coalesce(days.revenue, 0) + coalesce(edges.revenue, 0),
                   coalesce(days.customers, 0) - coalesce(edges.next_counted_as_customer, 0) + coalesce(edges.customers, 0),
                   coalesce(days.new_customers, 0) + coalesce(edges.new_customers, 0),
                   coalesce(days.first_two_inside, 0) + coalesce(edges.next_first_two_inside, 0)
                       + coalesce(edges.first_two_inside, 0)
            FROM pd LEFT JOIN days ON days.n = pd.n LEFT JOIN edges ON edges.n = pd.n
            """;

    private LoyaltyOrderSums() {
    }

    /** Order sums per period, in the order of {@code periods}; the caller has folded queued orders in. */
    static LoyaltyQuery.Orders[] of(Connection c, List<Period> periods, ZoneId zone) throws SQLException {
        List<Period> days = periods.stream().map(p -> wholeDays(p, zone)).toList();
        LoyaltyQuery.Orders[] result = new LoyaltyQuery.Orders[periods.size()];
        Arrays.fill(result, LoyaltyQuery.Orders.NONE);
        try (PreparedStatement st = c.prepareStatement(SUMS)) {
            st.setString(1, zone.getId());
            st.setString(2, zone.getId());
            st.setArray(3, texts(c, periods, Period::start));
            st.setArray(4, texts(c, periods, Period::end));
            st.setArray(5, texts(c, days, Period::start));
            st.setArray(6, texts(c, days, Period::end));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long customers = rs.getLong(4);
                    long newCustomers = rs.getLong(5);
                    long repeat = customers - newCustomers + rs.getLong(6);
                    result[rs.getInt(1) - 1] = new LoyaltyQuery.Orders(rs.getLong(2), rs.getBigDecimal(3), customers,
                            newCustomers, repeat);
                }
            }
        }
        return result;
    }

    /** The whole days of {@code zone} inside the period; empty (both ends at its end) when there are none. */
    static Period wholeDays(Period p, ZoneId zone) {
        LocalDate first = p.start().atZone(zone).toLocalDate();
        Instant start = first.atStartOfDay(zone).toInstant();
        if (start.isBefore(p.start())) {
            start = first.plusDays(1).atStartOfDay(zone).toInstant();
        }
        Instant end = p.end().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return start.isBefore(end) ? new Period(start, end) : new Period(p.end(), p.end());
    }

    private static java.sql.Array texts(Connection c, List<Period> periods, Function<Period, Instant> of) throws SQLException {
        return c.createArrayOf("text", periods.stream().map(of).map(Instant::toString).toArray());
    }
}
