package io.comeback.reports;

import io.comeback.support.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The roll-up's bookkeeping around a fold: its lock, the window and zone it is kept for
 * ({@code loyalty_rollup_state}), the queues a trigger fills (V73, V121) and the members it has counted.
 */
final class LoyaltyRollupStore {

    /** Serialises folds across the cluster: two folds of one queued order would count it twice. */
    private static final long LOCK_KEY = AdvisoryLocks.LOYALTY_ROLLUP;

    private static final String TAKE_QUEUED = """
            WITH p AS (DELETE FROM loyalty_pending_orders RETURNING order_id, customer_id),
            m AS (DELETE FROM loyalty_pending_members RETURNING flow_id, customer_id, entered_at),
            mi AS (INSERT INTO loyalty_folding_members SELECT flow_id, customer_id, entered_at FROM m)
            INSERT INTO loyalty_folding_orders SELECT order_id, customer_id FROM p
            """;
    private static final String ADD_MEMBERS = """
            INSERT INTO loyalty_flow_members AS m (flow_id, customer_id, entered_at)
            SELECT flow_id, customer_id, min(entered_at) FROM loyalty_folding_members GROUP BY 1, 2
            ON CONFLICT (flow_id, customer_id) DO UPDATE SET entered_at = least(m.entered_at, excluded.entered_at)
            """;

    private LoyaltyRollupStore() {}

    /** Waits for the other folds of the cluster; held until the transaction ends. */
    static void lock(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
    }

    /** Whether the roll-up is kept for another window or zone than these. */
    static boolean keptForOther(Connection c, Duration window, ZoneId zone) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT active_window_seconds, zone FROM loyalty_rollup_state")) {
            rs.next();
            return rs.getLong(1) != window.toSeconds() || !rs.getString(2).equals(zone.getId());
        }
    }

    /** How many orders are queued, counted up to {@code atMost + 1}. */
    static long queuedOrders(Connection c, long atMost) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM (SELECT 1 FROM loyalty_pending_orders LIMIT " + (atMost + 1) + ") q")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean membersQueued(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM loyalty_pending_members)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Empties every roll-up table and keeps them for this window and zone from now on. */
    static void clearFor(Connection c, Duration window, ZoneId zone) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM loyalty_hours");
            st.execute("DELETE FROM loyalty_days");
            st.execute("DELETE FROM loyalty_phase_days");
            st.execute("DELETE FROM loyalty_flow_hours");
            st.execute("DELETE FROM loyalty_flow_days");
        }
        try (PreparedStatement st =
                c.prepareStatement("UPDATE loyalty_rollup_state SET active_window_seconds = ?, zone = ?")) {
            st.setLong(1, window.toSeconds());
            st.setString(2, zone.getId());
            st.executeUpdate();
        }
    }

    /** Moves the queued orders and entries to loyalty_folding_*, what this fold takes in. */
    static void takeQueued(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(TAKE_QUEUED);
        }
    }

    /** Records the members this fold counted and empties loyalty_folding_*. */
    static void finishTaken(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(ADD_MEMBERS);
            st.executeUpdate("DELETE FROM loyalty_folding_orders");
            st.executeUpdate("DELETE FROM loyalty_folding_members");
        }
    }
}
