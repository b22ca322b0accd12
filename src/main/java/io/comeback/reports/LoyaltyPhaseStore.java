package io.comeback.reports;

import io.comeback.support.PlannerSettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The phases whose days {@code loyalty_phase_days} keeps (V120): the days of a zone whose midnights fall
 * on another hour than the default zone's. A report asks for its zone's phase; the next fold builds it
 * from the orders and keeps it from then on.
 */
final class LoyaltyPhaseStore {

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

    private LoyaltyPhaseStore() {}

    /** Asks for these phases' days: the next fold builds those not built yet, and keeps them from then on. */
    static void askFor(Connection c, Set<Integer> phases) throws SQLException {
        if (phases.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO loyalty_phases (phase) SELECT unnest(CAST(? AS smallint[])) ON CONFLICT DO NOTHING")) {
            st.setArray(1, c.createArrayOf("smallint", phases.toArray()));
            st.executeUpdate();
        }
    }

    /** The phases whose days are kept. */
    static Set<Integer> built(Connection c) throws SQLException {
        Set<Integer> built = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT phase FROM loyalty_phases WHERE built")) {
            while (rs.next()) {
                built.add(rs.getInt(1));
            }
        }
        return built;
    }

    /** Builds the phases reports asked for since the last fold; the caller holds the fold's lock. */
    static void buildAsked(Connection c) throws SQLException {
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
        PlannerSettings.withoutJit(c);
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
}
