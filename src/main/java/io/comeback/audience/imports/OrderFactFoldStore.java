package io.comeback.audience.imports;

import io.comeback.support.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The crash registry of order imports: a row of {@code order_fact_folds} (V80) per import whose customer
 * facts are not folded yet, and the advisory lock its importing session holds on it. A row whose lock is
 * free belongs to an import that died.
 */
final class OrderFactFoldStore {

    /** First key of the advisory locks on order_fact_folds rows (the second is the row id). */
    private static final int LOCK_CLASS = AdvisoryLocks.ORDER_IMPORT;

    private OrderFactFoldStore() {}

    /** A new row remembering the highest order id stored so far; returns its id. */
    static long insert(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                     INSERT INTO order_fact_folds (from_order_id) SELECT coalesce(max(id), 0) FROM orders RETURNING id""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The highest order id stored before the import of row {@code id} began; empty when the row is gone. */
    static OptionalLong fromOrderId(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT from_order_id FROM order_fact_folds WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM order_fact_folds WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }

    /** Every row, oldest first. */
    static List<Long> ids(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM order_fact_folds ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Takes the session's lock on row {@code id}, waiting while another session holds it. */
    static void lock(Connection c, long id) throws SQLException {
        lock(c, id, false);
    }

    /** Takes the session's lock on row {@code id} if no session holds it; returns whether it did. */
    static boolean tryLock(Connection c, long id) throws SQLException {
        return lock(c, id, true);
    }

    private static boolean lock(Connection c, long id, boolean tryOnly) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                tryOnly ? "SELECT pg_try_advisory_lock(?, ?::int)" : "SELECT pg_advisory_lock(?, ?::int), true")) {
            st.setInt(1, LOCK_CLASS);
            st.setLong(2, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(tryOnly ? 1 : 2);
            }
        }
    }

    static void unlock(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(?, ?::int)")) {
            st.setInt(1, LOCK_CLASS);
            st.setLong(2, id);
            st.execute();
        }
    }

    /** Whether any session of this database holds the lock of a row: an import is storing or folding orders. */
    static boolean anyLocked(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_locks l
                               WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objsubid = 2
                                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))""")) {
            st.setInt(1, LOCK_CLASS);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
