package io.comeback.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The statement that folds the orders of a fold into one roll-up: of all customers ({@link #CUSTOMERS}, V73
 * tables and the built phases' days of V120) or per flow over its members ({@link #FLOWS}, V121 tables). Both
 * are {@link #FOLD}, filled in for their tables and for the orders they count.
 *
 * <p>The queued orders and entries a fold takes in are moved to loyalty_folding_* first (V121); the
 * statements read the orders that are not queued, so every one sees the same new orders and leaves those
 * committed meanwhile (still queued) to the next fold. Each affected customer's marks are computed twice,
 * without the new orders (version −1, what the tables hold for them) and with them (version 1); their
 * difference is added per hour and per day. A rebuild counts every order once (version 1) into empty tables.
 */
final class LoyaltyFold {

    /*
     * {key}: the roll-up's key columns before the hour or day ("flow_id, " for the flows'); {orders}: the
     * CTEs ending in o, the orders (re)counted: id, customer_id, placed_at, total, is_new and the key
     * columns; {versions}: which versions; {counted}: the orders the tables do not hold yet, so version −1
     * leaves them out; {more}: CTEs writing further tables from seq; {day columns}: the day row's key by
     * position. Parameters: window seconds, zone of the days.
     */
    private static final String FOLD = """
            WITH w AS (SELECT make_interval(secs => CAST(? AS double precision)) AS span, CAST(? AS text) AS zone),
            {orders},
            seq AS (
                SELECT {o.key}v.version, o.placed_at, o.total,
                       lag(o.placed_at) OVER s AS prev, lead(o.placed_at) OVER s AS next, row_number() OVER s AS rank
                FROM o CROSS JOIN (VALUES {versions}) v(version)
                WHERE v.version = 1 OR NOT {counted}
                WINDOW s AS (PARTITION BY {o.key}v.version, o.customer_id ORDER BY o.placed_at, o.id)
            ),
            marks AS (
                SELECT {key}comeback_hour(placed_at) AS hour, version * (prev IS NULL)::int AS first_orders,
                       version * (prev IS NULL OR placed_at > prev + w.span)::int AS spell_starts, 0 AS spell_ends,
                       version * coalesce(extract(epoch FROM placed_at - prev), 0) AS gap_seconds
                FROM seq, w
                UNION ALL
                SELECT {key}comeback_hour(placed_at + w.span), 0, 0, version, 0 FROM seq, w
                WHERE next IS NULL OR next > placed_at + w.span
            ),
            hours AS (
                INSERT INTO {hours} AS h ({key}hour, first_orders, spell_starts, spell_ends, gap_seconds)
                SELECT {key}hour, sum(first_orders), sum(spell_starts), sum(spell_ends), sum(gap_seconds)
                FROM marks GROUP BY {key}hour
                ON CONFLICT ({key}hour) DO UPDATE SET first_orders = h.first_orders + excluded.first_orders,
                    spell_starts = h.spell_starts + excluded.spell_starts, spell_ends = h.spell_ends + excluded.spell_ends,
                    gap_seconds = h.gap_seconds + excluded.gap_seconds
            ){more}
            INSERT INTO {days} AS d ({key}day, prev_day, orders, second_orders, revenue)
            SELECT {key}CAST(placed_at AT TIME ZONE w.zone AS date),
                   coalesce(CAST(prev AT TIME ZONE w.zone AS date), '-infinity'),
                   sum(version), sum(version * (rank = 2)::int), sum(version * total)
            FROM seq, w GROUP BY {day columns}
            ON CONFLICT ({key}day, prev_day) DO UPDATE SET orders = d.orders + excluded.orders,
                second_orders = d.second_orders + excluded.second_orders, revenue = d.revenue + excluded.revenue
            """;

    /** The days of every built phase (V120), like the zone's days. */
    private static final String PHASE_DAYS = ",\n" + """
            phase_days AS (
                INSERT INTO loyalty_phase_days AS d (phase, day, prev_day, orders, second_orders, revenue)
                SELECT ph.phase, CAST((placed_at AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date),
                       coalesce(CAST((prev AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date), '-infinity'),
                       sum(version), sum(version * (rank = 2)::int), sum(version * total)
                FROM seq JOIN loyalty_phases ph ON ph.built GROUP BY 1, 2, 3
                ON CONFLICT (phase, day, prev_day) DO UPDATE SET orders = d.orders + excluded.orders,
                    second_orders = d.second_orders + excluded.second_orders, revenue = d.revenue + excluded.revenue
            )""";

    /** All customers: the orders of the customers with new orders (incremental) or every order (rebuild). */
    private static final String CUSTOMER_ORDERS = """
            p AS (SELECT order_id, customer_id FROM loyalty_folding_orders),
            o AS (%s)""";

    private static final String INCREMENTAL_ORDERS = """
            SELECT o.id, o.customer_id, o.placed_at, o.total, EXISTS (SELECT 1 FROM p WHERE p.order_id = o.id) AS is_new
            FROM orders o WHERE o.customer_id IN (SELECT customer_id FROM p)
              AND NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            """;
    private static final String ALL_ORDERS = """
            SELECT id, customer_id, placed_at, total, false AS is_new FROM orders o
            WHERE NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            """;

    /**
     * Per flow: the orders of the members whose orders are (re)counted, with fresh = counted for the first
     * time: a member with new orders counts twice (without them, −1, and with them); a new member once.
     */
    private static final String MEMBER_ORDERS = """
            touched AS (%s),
            o AS (
                SELECT t.flow_id, t.fresh, o.id, o.customer_id, o.placed_at, o.total,
                       EXISTS (SELECT 1 FROM loyalty_folding_orders f WHERE f.order_id = o.id) AS is_new
                FROM touched t JOIN orders o ON o.customer_id = t.customer_id
                WHERE NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            )""";
    /** New members once; members with new orders twice. */
    private static final String INCREMENTAL_MEMBERS = """
            SELECT DISTINCT f.flow_id, f.customer_id, true AS fresh FROM loyalty_folding_members f
            WHERE NOT EXISTS (SELECT 1 FROM loyalty_flow_members m WHERE m.flow_id = f.flow_id AND m.customer_id = f.customer_id)
            UNION ALL
            SELECT m.flow_id, m.customer_id, false FROM loyalty_flow_members m
            WHERE m.customer_id IN (SELECT customer_id FROM loyalty_folding_orders)
            """;

    private static final String ALL_MEMBERS = """
            SELECT flow_id, customer_id, true AS fresh FROM loyalty_flow_members
            UNION
            SELECT flow_id, customer_id, true FROM loyalty_folding_members
            """;

    /**
     * One customer's folded orders (not queued), counted in whole as version −1 or 1: what {@link #revise} takes out
     * before their orders change and adds back after. Parameter (after the fold's two): the customer.
     */
    private static final String ONE_CUSTOMER_ORDERS = """
            o AS (
                SELECT o.id, o.customer_id, o.placed_at, o.total, false AS is_new FROM orders o
                WHERE o.customer_id = CAST(? AS bigint)
                  AND NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            )""";

    private static final String ONE_CUSTOMER_MEMBERSHIPS = """
            SELECT flow_id, customer_id, false AS fresh FROM loyalty_flow_members WHERE customer_id = CAST(? AS bigint)
            """;

    static final LoyaltyFold CUSTOMERS = new LoyaltyFold(
            "",
            "loyalty_hours",
            "loyalty_days",
            "o.is_new",
            PHASE_DAYS,
            CUSTOMER_ORDERS.formatted(INCREMENTAL_ORDERS),
            CUSTOMER_ORDERS.formatted(ALL_ORDERS),
            "(1)",
            ONE_CUSTOMER_ORDERS);
    // A rebuild counts every member fresh, so version −1 finds no orders.
    static final LoyaltyFold FLOWS = new LoyaltyFold(
            "flow_id, ",
            "loyalty_flow_hours",
            "loyalty_flow_days",
            "(o.is_new OR o.fresh)",
            "",
            MEMBER_ORDERS.formatted(INCREMENTAL_MEMBERS),
            MEMBER_ORDERS.formatted(ALL_MEMBERS),
            "(-1), (1)",
            MEMBER_ORDERS.formatted(ONE_CUSTOMER_MEMBERSHIPS));

    private final String incremental;
    private final String rebuild;
    private final String takeOut;
    private final String addBack;

    private LoyaltyFold(
            String key,
            String hours,
            String days,
            String counted,
            String more,
            String incrementalOrders,
            String rebuildOrders,
            String rebuildVersions,
            String oneCustomerOrders) {
        String fold = FOLD.replace("{o.key}", key.isEmpty() ? "" : "o." + key)
                .replace("{key}", key)
                .replace("{hours}", hours)
                .replace("{days}", days)
                .replace("{counted}", counted)
                .replace("{more}", more)
                .replace("{day columns}", key.isEmpty() ? "1, 2" : "1, 2, 3");
        this.incremental = fold.replace("{orders}", incrementalOrders).replace("{versions}", "(-1), (1)");
        this.rebuild = fold.replace("{orders}", rebuildOrders).replace("{versions}", rebuildVersions);
        this.takeOut = fold.replace("{orders}", oneCustomerOrders).replace("{versions}", "(-1)");
        this.addBack = fold.replace("{orders}", oneCustomerOrders).replace("{versions}", "(1)");
    }

    String sql(boolean rebuild) {
        return rebuild ? this.rebuild : incremental;
    }

    /**
     * Takes one customer's folded orders out of the roll-up ({@code add} false) or adds them back (true): around a
     * change to orders that were folded in (OrderChanges), under the fold lock, so the roll-up holds them as they
     * are afterwards.
     */
    void revise(Connection c, long customerId, boolean add, Duration window, ZoneId zone) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(add ? addBack : takeOut)) {
            st.setDouble(1, window.toSeconds());
            st.setString(2, zone.getId());
            st.setLong(3, customerId);
            st.executeUpdate();
        }
    }

    /** Folds the orders moved to loyalty_folding_* in (or every order, for a rebuild into empty tables). */
    void run(Connection c, boolean rebuild, Duration window, ZoneId zone) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql(rebuild))) {
            st.setDouble(1, window.toSeconds());
            st.setString(2, zone.getId());
            st.executeUpdate();
        }
    }
}
