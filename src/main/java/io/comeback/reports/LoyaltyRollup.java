package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loyalty roll-ups of V73: {@code loyalty_hours} (customer base and lifespan marks per hour) and
 * {@code loyalty_days} (order sums per local day of the default zone and previous order's day). New orders
 * are queued by a trigger and folded in by {@link #refresh()}: the job calls it every minute, and every
 * report calls it first, so a report never misses an order that is committed. README "Reports", "How
 * loyalty figures are kept".
 */
@ApplicationScoped
public class LoyaltyRollup {

    /** Serialises folds across the cluster: two folds of one queued order would count it twice. */
    private static final long LOCK_KEY = 0x6c6f79616c7479L;
    /** More queued orders than this are folded by rebuilding from all orders. */
    static final long REBUILD_ABOVE = 200_000;

    /*
     * The queued orders and entries this fold takes in are moved to loyalty_folding_* first (V121); the
     * statements after it read the orders that are not queued, so every one sees the same new orders and
     * leaves those committed meanwhile (still queued) to the next fold.
     * Each affected customer's marks are computed twice, without the new orders (version −1, what the
     * tables hold for them) and with them (version 1); their difference is added per hour and per day.
     * %s: which customers and orders, and which versions (incremental, or a full rebuild: version 1
     * only, into empty tables). Parameters: window seconds, zone of the days.
     */
    private static final String FOLD = """
            WITH w AS (SELECT make_interval(secs => CAST(? AS double precision)) AS span, CAST(? AS text) AS zone),
            p AS (SELECT order_id, customer_id FROM loyalty_folding_orders),
            o AS (%s),
            seq AS (
                SELECT v.version, o.placed_at, o.total,
                       lag(o.placed_at) OVER s AS prev, lead(o.placed_at) OVER s AS next, row_number() OVER s AS rank
                FROM o CROSS JOIN (VALUES %s) v(version)
                WHERE v.version = 1 OR NOT o.is_new
                WINDOW s AS (PARTITION BY v.version, o.customer_id ORDER BY o.placed_at, o.id)
            ),
            marks AS (
                SELECT comeback_hour(placed_at) AS hour, version * (prev IS NULL)::int AS first_orders,
                       version * (prev IS NULL OR placed_at > prev + w.span)::int AS spell_starts, 0 AS spell_ends,
                       version * coalesce(extract(epoch FROM placed_at - prev), 0) AS gap_seconds
                FROM seq, w
                UNION ALL
                SELECT comeback_hour(placed_at + w.span), 0, 0, version, 0 FROM seq, w
                WHERE next IS NULL OR next > placed_at + w.span
            ),
            hours AS (
                INSERT INTO loyalty_hours AS h (hour, first_orders, spell_starts, spell_ends, gap_seconds)
                SELECT hour, sum(first_orders), sum(spell_starts), sum(spell_ends), sum(gap_seconds) FROM marks GROUP BY hour
                ON CONFLICT (hour) DO UPDATE SET first_orders = h.first_orders + excluded.first_orders,
                    spell_starts = h.spell_starts + excluded.spell_starts, spell_ends = h.spell_ends + excluded.spell_ends,
                    gap_seconds = h.gap_seconds + excluded.gap_seconds
            ),
            phase_days AS (
                INSERT INTO loyalty_phase_days AS d (phase, day, prev_day, orders, second_orders, revenue)
                SELECT ph.phase, CAST((placed_at AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date),
                       coalesce(CAST((prev AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date), '-infinity'),
                       sum(version), sum(version * (rank = 2)::int), sum(version * total)
                FROM seq JOIN loyalty_phases ph ON ph.built GROUP BY 1, 2, 3
                ON CONFLICT (phase, day, prev_day) DO UPDATE SET orders = d.orders + excluded.orders,
                    second_orders = d.second_orders + excluded.second_orders, revenue = d.revenue + excluded.revenue
            )
            INSERT INTO loyalty_days AS d (day, prev_day, orders, second_orders, revenue)
            SELECT CAST(placed_at AT TIME ZONE w.zone AS date), coalesce(CAST(prev AT TIME ZONE w.zone AS date), '-infinity'),
                   sum(version), sum(version * (rank = 2)::int), sum(version * total)
            FROM seq, w GROUP BY 1, 2
            ON CONFLICT (day, prev_day) DO UPDATE SET orders = d.orders + excluded.orders,
                second_orders = d.second_orders + excluded.second_orders, revenue = d.revenue + excluded.revenue
            """;
    private static final String INCREMENTAL_ORDERS = """
            SELECT o.id, o.customer_id, o.placed_at, o.total, EXISTS (SELECT 1 FROM p WHERE p.order_id = o.id) AS is_new
            FROM orders o WHERE o.customer_id IN (SELECT customer_id FROM p)
              AND NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            """;
    /*
     * A phase asked for since the last fold, built from every order that is folded in (those still queued
     * are folded into every built phase later, like into the other tables). Parameter: the phases.
     */
    private static final String BUILD_PHASES = """
            INSERT INTO loyalty_phase_days (phase, day, prev_day, orders, second_orders, revenue)
            SELECT ph.phase, CAST((s.placed_at AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date),
                   coalesce(CAST((s.prev AT TIME ZONE 'UTC') - make_interval(hours => ph.phase) AS date), '-infinity'),
                   count(*), count(*) FILTER (WHERE s.rank = 2), sum(s.total)
            FROM (SELECT o.placed_at, o.total, lag(o.placed_at) OVER w AS prev, row_number() OVER w AS rank
                  FROM orders o WHERE NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
                  WINDOW w AS (PARTITION BY o.customer_id ORDER BY o.placed_at, o.id)) s
            CROSS JOIN unnest(CAST(? AS smallint[])) ph(phase)
            GROUP BY 1, 2, 3
            """;
    private static final String ALL_ORDERS = """
            SELECT id, customer_id, placed_at, total, false AS is_new FROM orders o
            WHERE NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            """;
    private static final String TAKE_QUEUED = """
            WITH p AS (DELETE FROM loyalty_pending_orders RETURNING order_id, customer_id),
            m AS (DELETE FROM loyalty_pending_members RETURNING flow_id, customer_id, entered_at),
            mi AS (INSERT INTO loyalty_folding_members SELECT flow_id, customer_id, entered_at FROM m)
            INSERT INTO loyalty_folding_orders SELECT order_id, customer_id FROM p
            """;

    /*
     * The flows' roll-ups (V121), as FOLD for all customers, per flow over its members: a member with new
     * orders counts twice (without them, −1, and with them); a new member once, with all their orders.
     * %s: the members whose orders are (re)counted, with fresh = counted for the first time.
     * Parameters: window seconds, zone of the days.
     */
    private static final String FLOW_FOLD = """
            WITH w AS (SELECT make_interval(secs => CAST(? AS double precision)) AS span, CAST(? AS text) AS zone),
            touched AS (%s),
            o AS (
                SELECT t.flow_id, t.fresh, o.id, o.customer_id, o.placed_at, o.total,
                       EXISTS (SELECT 1 FROM loyalty_folding_orders f WHERE f.order_id = o.id) AS is_new
                FROM touched t JOIN orders o ON o.customer_id = t.customer_id
                WHERE NOT EXISTS (SELECT 1 FROM loyalty_pending_orders q WHERE q.order_id = o.id)
            ),
            seq AS (
                SELECT o.flow_id, v.version, o.placed_at, o.total,
                       lag(o.placed_at) OVER s AS prev, lead(o.placed_at) OVER s AS next, row_number() OVER s AS rank
                FROM o CROSS JOIN (VALUES (-1), (1)) v(version)
                WHERE v.version = 1 OR NOT (o.is_new OR o.fresh)
                WINDOW s AS (PARTITION BY o.flow_id, v.version, o.customer_id ORDER BY o.placed_at, o.id)
            ),
            marks AS (
                SELECT flow_id, comeback_hour(placed_at) AS hour, version * (prev IS NULL)::int AS first_orders,
                       version * (prev IS NULL OR placed_at > prev + w.span)::int AS spell_starts, 0 AS spell_ends,
                       version * coalesce(extract(epoch FROM placed_at - prev), 0) AS gap_seconds
                FROM seq, w
                UNION ALL
                SELECT flow_id, comeback_hour(placed_at + w.span), 0, 0, version, 0 FROM seq, w
                WHERE next IS NULL OR next > placed_at + w.span
            ),
            hours AS (
                INSERT INTO loyalty_flow_hours AS h (flow_id, hour, first_orders, spell_starts, spell_ends, gap_seconds)
                SELECT flow_id, hour, sum(first_orders), sum(spell_starts), sum(spell_ends), sum(gap_seconds)
                FROM marks GROUP BY flow_id, hour
                ON CONFLICT (flow_id, hour) DO UPDATE SET first_orders = h.first_orders + excluded.first_orders,
                    spell_starts = h.spell_starts + excluded.spell_starts, spell_ends = h.spell_ends + excluded.spell_ends,
                    gap_seconds = h.gap_seconds + excluded.gap_seconds
            )
            INSERT INTO loyalty_flow_days AS d (flow_id, day, prev_day, orders, second_orders, revenue)
            SELECT flow_id, CAST(placed_at AT TIME ZONE w.zone AS date),
                   coalesce(CAST(prev AT TIME ZONE w.zone AS date), '-infinity'),
                   sum(version), sum(version * (rank = 2)::int), sum(version * total)
            FROM seq, w GROUP BY 1, 2, 3
            ON CONFLICT (flow_id, day, prev_day) DO UPDATE SET orders = d.orders + excluded.orders,
                second_orders = d.second_orders + excluded.second_orders, revenue = d.revenue + excluded.revenue
            """;
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
    private static final String ADD_MEMBERS = """
            INSERT INTO loyalty_flow_members AS m (flow_id, customer_id, entered_at)
            SELECT flow_id, customer_id, min(entered_at) FROM loyalty_folding_members GROUP BY 1, 2
            ON CONFLICT (flow_id, customer_id) DO UPDATE SET entered_at = least(m.entered_at, excluded.entered_at)
            """;

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

    /** The running sums of the roll-up's marks before an instant (V73). */
    record Marks(long customers, long active, BigDecimal gapSeconds) {
        static final Marks NONE = new Marks(0, 0, BigDecimal.ZERO);

        Marks plus(Marks other) {
            return new Marks(customers + other.customers, active + other.active, gapSeconds.add(other.gapSeconds));
        }

        LoyaltyQuery.Base base() {
            Double lifespanDays = customers == 0 ? null : gapSeconds.doubleValue() / customers / 86_400.0;
            return new LoyaltyQuery.Base(active, lifespanDays);
        }
    }

    private final AgroalDataSource dataSource;
    private final Duration activeWindow;
    private final ZoneId zone;

    public LoyaltyRollup(AgroalDataSource dataSource,
                         @ConfigProperty(name = "comeback.reports.active-customer-window", defaultValue = "P120D")
                         Duration activeWindow,
                         @ConfigProperty(name = "comeback.default-time-zone", defaultValue = "Europe/Oslo") String zone) {
        this.dataSource = dataSource;
        this.activeWindow = activeWindow;
        this.zone = ZoneId.of(zone);
    }

    /** The zone whose calendar days {@code loyalty_days} is kept in. */
    ZoneId zone() {
        return zone;
    }

    Duration activeWindow() {
        return activeWindow;
    }

    /** Folds the queued orders in (or builds everything when the roll-up is for another window or zone). */
    public void refresh() {
        try (Connection c = dataSource.getConnection()) {
            refresh(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fold new orders into the loyalty roll-up", e);
        }
    }

    void refresh(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            }
            boolean rebuild;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT active_window_seconds, zone FROM loyalty_rollup_state")) {
                rs.next();
                rebuild = rs.getLong(1) != activeWindow.toSeconds() || !rs.getString(2).equals(zone.getId());
            }
            if (!rebuild) {
                long queued;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT 1 FROM loyalty_pending_orders LIMIT "
                             + (REBUILD_ABOVE + 1) + ") q")) {
                    rs.next();
                    queued = rs.getLong(1);
                }
                if (queued == 0) {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM loyalty_pending_members)")) {
                        rs.next();
                        queued = rs.getBoolean(1) ? 1 : 0;
                    }
                }
                if (queued == 0) {
                    buildAskedPhases(c);
                    c.commit();
                    return;
                }
                // A bulk import: rebuilding from all orders (one sorted pass) beats recomputing every
                // affected customer twice (9.5 million queued orders had not folded after 7 minutes).
                rebuild = queued > REBUILD_ABOVE;
            }
            try (Statement st = c.createStatement()) {
                // The fold's estimates are as far off as the reads' (see LoyaltyReports); JIT would cost seconds.
                st.execute("SET LOCAL jit = off");
            }
            if (rebuild) {
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM loyalty_hours");
                    st.execute("DELETE FROM loyalty_days");
                    st.execute("DELETE FROM loyalty_phase_days");
                    st.execute("DELETE FROM loyalty_flow_hours");
                    st.execute("DELETE FROM loyalty_flow_days");
                }
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE loyalty_rollup_state SET active_window_seconds = ?, zone = ?")) {
                    st.setLong(1, activeWindow.toSeconds());
                    st.setString(2, zone.getId());
                    st.executeUpdate();
                }
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate(TAKE_QUEUED);
            }
            try (PreparedStatement st = c.prepareStatement(FOLD.formatted(rebuild ? ALL_ORDERS : INCREMENTAL_ORDERS,
                    rebuild ? "(1)" : "(-1), (1)"))) {
                st.setDouble(1, activeWindow.toSeconds());
                st.setString(2, zone.getId());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(FLOW_FOLD.formatted(rebuild ? ALL_MEMBERS : INCREMENTAL_MEMBERS))) {
                st.setDouble(1, activeWindow.toSeconds());
                st.setString(2, zone.getId());
                st.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate(ADD_MEMBERS);
                st.executeUpdate("DELETE FROM loyalty_folding_orders");
                st.executeUpdate("DELETE FROM loyalty_folding_members");
            }
            buildAskedPhases(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Builds the phases reports asked for since the last fold (V120); the caller holds the fold's lock. */
    private static void buildAskedPhases(Connection c) throws SQLException {
        List<Integer> asked = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT phase FROM loyalty_phases WHERE NOT built")) {
            while (rs.next()) {
                asked.add(rs.getInt(1));
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL jit = off");
        }
        Array phases = c.createArrayOf("smallint", asked.toArray());
        try (PreparedStatement st = c.prepareStatement("DELETE FROM loyalty_phase_days WHERE phase = ANY(?)")) {
            st.setArray(1, phases);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(BUILD_PHASES)) {
            st.setArray(1, phases);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE loyalty_phases SET built = true WHERE phase = ANY(?)")) {
            st.setArray(1, phases);
            st.executeUpdate();
        }
    }

    /** Asks for these phases' days (V120): the next fold builds those not built yet, and keeps them from then on. */
    static void askForPhases(Connection c, Set<Integer> phases) throws SQLException {
        if (phases.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO loyalty_phases (phase) SELECT unnest(CAST(? AS smallint[])) ON CONFLICT DO NOTHING")) {
            st.setArray(1, c.createArrayOf("smallint", phases.toArray()));
            st.executeUpdate();
        }
    }

    /** The phases whose days are kept (V120). */
    static Set<Integer> builtPhases(Connection c) throws SQLException {
        Set<Integer> built = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT phase FROM loyalty_phases WHERE built")) {
            while (rs.next()) {
                built.add(rs.getInt(1));
            }
        }
        return built;
    }

    /** Whether {@link #marksBefore} answers for this instant alone: whole hours only. */
    static boolean covers(Instant t) {
        return t.getEpochSecond() % 3600 == 0 && t.getNano() == 0;
    }

    /** The roll-up's running sums before each whole hour, of all customers or a flow's (the caller has folded queued orders in). */
    static Map<Instant, Marks> marksBefore(Connection c, Collection<Instant> wholeHours, LoyaltyScope scope) throws SQLException {
        Map<Instant, Marks> result = new HashMap<>();
        if (wholeHours.isEmpty()) {
            return result;
        }
        try (PreparedStatement st = c.prepareStatement(AT.formatted(LoyaltyScope.CTE, scope.hours()))) {
            st.setString(1, scope.flowIdOrNull());
            st.setArray(2, c.createArrayOf("text", wholeHours.stream().map(Instant::toString).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    BigDecimal gap = rs.getBigDecimal(4);
                    result.put(Jdbc.getInstant(rs, 1), new Marks(rs.getLong(2), rs.getLong(3), gap == null ? BigDecimal.ZERO : gap));
                }
            }
        }
        return result;
    }
}
