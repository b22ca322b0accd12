package io.comeback.reports;

import io.comeback.support.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Order sums per period over all customers or a flow's from the daily roll-up ({@code loyalty_days}, V73): the
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
            WITH %1$s, pd AS (
                SELECT n, s, e, ws, we, phase, CAST(sd AS date) AS sd, CAST(ed AS date) AS ed
                FROM unnest(CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                            CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                            CAST(? AS int[]), CAST(? AS text[]), CAST(? AS text[]))
                     WITH ORDINALITY AS p(s, e, ws, we, phase, sd, ed, n)
            ),
            -- Summed per period in a subquery, a range scan of the key each: joined on the phase (or the flow),
            -- the planner hashed every phase's rows and filtered the days (26 million comparisons for a year
            -- of days by day, 5 s).
            days AS (
                SELECT pd.n, r.* FROM pd CROSS JOIN LATERAL (
                    SELECT sum(d.orders) AS orders, sum(d.revenue) AS revenue,
                           sum(d.orders) FILTER (WHERE d.prev_day = '-infinity') AS new_customers,
                           sum(d.orders) FILTER (WHERE d.prev_day < pd.sd) AS customers,
                           sum(d.second_orders) FILTER (WHERE d.prev_day >= pd.sd) AS first_two_inside
                    FROM %2$s d WHERE d.day >= pd.sd AND d.day < pd.ed) r
                WHERE pd.phase = -1
                UNION ALL
                SELECT pd.n, r.* FROM pd CROSS JOIN LATERAL (
                    SELECT sum(d.orders), sum(d.revenue),
                           sum(d.orders) FILTER (WHERE d.prev_day = '-infinity'),
                           sum(d.orders) FILTER (WHERE d.prev_day < pd.sd),
                           sum(d.second_orders) FILTER (WHERE d.prev_day >= pd.sd)
                    FROM loyalty_phase_days d WHERE d.phase = pd.phase AND d.day >= pd.sd AND d.day < pd.ed) r
                WHERE pd.phase >= 0
            ),
            edge AS (
                SELECT pd.n, pd.s, pd.ws, pd.we, true AS head, o.id, o.customer_id, o.placed_at, o.total
                FROM pd JOIN orders o ON o.placed_at >= pd.s AND o.placed_at < pd.ws AND %3$s
                UNION ALL
                SELECT pd.n, pd.s, pd.ws, pd.we, false, o.id, o.customer_id, o.placed_at, o.total
                FROM pd JOIN orders o ON o.placed_at >= pd.we AND o.placed_at < pd.e AND %3$s
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

    private LoyaltyOrderSums() {}

    /**
     * The whole days a period is summed from, and which table keeps them: {@code phase} −1 is the roll-up
     * zone's days ({@code loyalty_days}), 0–23 the UTC-hour-shifted days of {@code loyalty_phase_days};
     * {@code firstDay}/{@code endDay} are those days' dates in that table.
     */
    record Cut(TimeRange days, int phase, LocalDate firstDay, LocalDate endDay) {}

    /** Order sums per period, in the order of {@code periods}; the caller has folded queued orders in. */
    static LoyaltyQuery.Orders[] of(Connection c, List<TimeRange> periods, List<Cut> cuts, LoyaltyScope scope)
            throws SQLException {
        LoyaltyQuery.Orders[] result = new LoyaltyQuery.Orders[periods.size()];
        Arrays.fill(result, LoyaltyQuery.Orders.NONE);
        try (PreparedStatement st =
                c.prepareStatement(SUMS.formatted(LoyaltyScope.CTE, scope.days(), scope.ordersOf("o")))) {
            st.setString(1, scope.flowIdOrNull());
            st.setArray(2, texts(c, periods, TimeRange::start));
            st.setArray(3, texts(c, periods, TimeRange::end));
            st.setArray(4, texts(c, cuts.stream().map(Cut::days).toList(), TimeRange::start));
            st.setArray(5, texts(c, cuts.stream().map(Cut::days).toList(), TimeRange::end));
            st.setArray(
                    6, c.createArrayOf("integer", cuts.stream().map(Cut::phase).toArray()));
            st.setArray(
                    7,
                    c.createArrayOf(
                            "text",
                            cuts.stream().map(k -> k.firstDay().toString()).toArray()));
            st.setArray(
                    8,
                    c.createArrayOf(
                            "text",
                            cuts.stream().map(k -> k.endDay().toString()).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long customers = rs.getLong(4);
                    long newCustomers = rs.getLong(5);
                    long repeat = customers - newCustomers + rs.getLong(6);
                    result[rs.getInt(1) - 1] = new LoyaltyQuery.Orders(
                            rs.getLong(2), rs.getBigDecimal(3), customers, newCustomers, repeat);
                }
            }
        }
        return result;
    }

    /** The roll-up zone's whole days inside the period. */
    static Cut zoneDays(TimeRange p, ZoneId rollupZone) {
        TimeRange days = wholeDays(p, rollupZone);
        return new Cut(
                days,
                -1,
                days.start().atZone(rollupZone).toLocalDate(),
                days.end().atZone(rollupZone).toLocalDate());
    }

    /**
     * The phase of the report zone's first midnight in the period, when that is a whole UTC hour: −1
     * (use the roll-up zone's days) for a zone with a fractional offset or a period without a whole day.
     */
    static int phaseOf(TimeRange p, ZoneId reportZone) {
        TimeRange local = wholeDays(p, reportZone);
        if (!local.start().isBefore(local.end()) || !LoyaltyMarksStore.covers(local.start())) {
            return -1;
        }
        return (int) Math.floorMod(local.start().getEpochSecond() / 3600, 24L);
    }

    /**
     * The phase's whole days inside the period: from the report zone's first midnight (a phase day's
     * start) to the last phase day's start before the period's end. On a day the clocks change the period
     * ends an hour before or after a phase day starts; the rest (an hour, or 23) is read from the orders.
     */
    static Cut phaseDays(TimeRange p, ZoneId reportZone, int phase) {
        Instant ws = wholeDays(p, reportZone).start();
        long days = Duration.between(ws, p.end()).toHours() / 24;
        if (days <= 0) {
            return new Cut(new TimeRange(p.end(), p.end()), phase, LocalDate.EPOCH, LocalDate.EPOCH);
        }
        Instant we = ws.plus(Duration.ofDays(days));
        return new Cut(new TimeRange(ws, we), phase, phaseDay(ws, phase), phaseDay(we, phase));
    }

    private static LocalDate phaseDay(Instant t, int phase) {
        return t.minus(Duration.ofHours(phase)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The whole days of {@code zone} inside the period; empty (both ends at its end) when there are none. */
    static TimeRange wholeDays(TimeRange p, ZoneId zone) {
        LocalDate first = p.start().atZone(zone).toLocalDate();
        Instant start = first.atStartOfDay(zone).toInstant();
        if (start.isBefore(p.start())) {
            start = first.plusDays(1).atStartOfDay(zone).toInstant();
        }
        Instant end = p.end().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return start.isBefore(end) ? new TimeRange(start, end) : new TimeRange(p.end(), p.end());
    }

    private static java.sql.Array texts(Connection c, List<TimeRange> periods, Function<TimeRange, Instant> of)
            throws SQLException {
        return c.createArrayOf(
                "text", periods.stream().map(of).map(Instant::toString).toArray());
    }
}
