package io.comeback.audience.imports;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer facts for the orders an import stored, folded once per customer at the end of the import
 * instead of once per customer per batch (a file of 5,000,000 orders spread over a million customers
 * touches nearly all of them in every batch of 100,000).
 *
 * <p>The facts are recomputed from the {@code orders} table, not added up from the import's rows:
 * a recompute is idempotent, so a fold that is retried, repeated by a recovery, or overlapping an
 * order that came through the API meanwhile always ends with the facts of every stored order.
 * Each chunk of customers is locked (in id order) by one statement and recomputed by the next, whose
 * snapshot therefore sees every order committed before the lock; an API order still in flight folds
 * itself onto the recomputed row after the chunk commits. The aggregates call the same functions as
 * {@code OrderStore.FOLD_FACTS}, so the facts equal those of the same orders one by one.
 *
 * <p>Crash safety: {@link #begin} commits a row of {@code order_fact_folds} (V80) before the first
 * batch and the importing session holds an advisory lock on it; {@link #finish} deletes it after the
 * fold. A row whose lock is free belongs to an import that died: {@link #recoverAbandoned} (run before
 * every order import and at start) folds it.
 */
public final class OrderFactFolds {

    private static final Logger LOG = Logger.getLogger(OrderFactFolds.class);
    /** First key of the advisory locks on order_fact_folds rows (the second is the row id). */
    private static final int LOCK_CLASS = 8080;
    private static final int CUSTOMERS_PER_CHUNK = 50_000;
    private static final int ATTEMPTS = 5;

    // Every statement bounds customers, orders and the touched set by the chunk's id range, so the
    // planner reads each in index order over the range instead of scanning all customers per chunk.
    private static final String LOCK_CHUNK = """
            SELECT c.id FROM customers c
            WHERE c.id >= %1$d AND c.id < %2$d
              AND c.id IN (SELECT customer_id FROM pg_temp.fold_customers WHERE customer_id >= %1$d AND customer_id < %2$d)
            ORDER BY c.id FOR UPDATE""";

    private static final String RECOMPUTE_CHUNK = """
            UPDATE customers c SET
                orders_count = f.count,
                first_order_at = f.first_at,
                last_order_at = f.last_at,
                total_spent = f.spent,
                recent_order_times = f.times,
                median_gap_seconds = comeback_median_gap_seconds(f.times)
            FROM (SELECT t.customer_id, a.* FROM pg_temp.fold_customers t
                  -- One look-up of the (customer_id, placed_at) index per customer, whatever the
                  -- statistics of an orders table that just grew by millions of rows say.
                  CROSS JOIN LATERAL (
                      SELECT count(*)::int AS count, min(o.placed_at) AS first_at, max(o.placed_at) AS last_at,
                             sum(o.total) AS spent, comeback_recent_order_times('{}', array_agg(o.placed_at)) AS times
                      FROM orders o WHERE o.customer_id = t.customer_id) a
                  WHERE t.customer_id >= %1$d AND t.customer_id < %2$d) f
            WHERE c.id = f.customer_id AND c.id >= %1$d AND c.id < %2$d""";

    private OrderFactFolds() {
    }

    /** Registers an import about to store orders (committed) and takes its lock; returns the row id. */
    static long begin(Connection c) throws SQLException {
        long id;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     INSERT INTO order_fact_folds (from_order_id) SELECT coalesce(max(id), 0) FROM orders RETURNING id""")) {
            rs.next();
            id = rs.getLong(1);
        }
        lock(c, id, false);
        c.commit();
        return id;
    }

    /** Folds the facts of the import registered as {@code id}, deletes its row and releases its lock. */
    static void finish(Connection c, long id) throws SQLException {
        long fromOrderId;
        try (PreparedStatement st = c.prepareStatement("SELECT from_order_id FROM order_fact_folds WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                fromOrderId = rs.getLong(1);
            }
        }
        fold(c, fromOrderId);
        try (PreparedStatement st = c.prepareStatement("DELETE FROM order_fact_folds WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            // The report the client gets says the facts are right: this commit is not allowed to be lost.
            st.execute("SET LOCAL synchronous_commit = on");
        }
        c.commit();
        unlock(c, id);
    }

    /** Folds what imports that are gone (their lock is free) left unfolded. Returns how many it folded. */
    public static int recoverAbandoned(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<Long> ids = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM order_fact_folds ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            c.commit();
            int folded = 0;
            for (long id : ids) {
                if (lock(c, id, true)) {
                    LOG.infof("Folding the customer facts an interrupted order import left (order_fact_folds %d)", id);
                    try {
                        finish(c, id);
                        folded++;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        unlock(c, id);
                        throw e;
                    }
                }
            }
            return folded;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Recomputes the facts of every customer with an order of id above {@code fromOrderId}, chunk by chunk. */
    static void fold(Connection c, long fromOrderId) throws SQLException {
        long started = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.fold_customers");
            st.execute("CREATE TEMP TABLE fold_customers (customer_id BIGINT PRIMARY KEY)");
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO pg_temp.fold_customers SELECT DISTINCT customer_id FROM orders WHERE id > ?""")) {
            st.setLong(1, fromOrderId);
            st.executeUpdate();
        }
        List<Long> bounds = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE pg_temp.fold_customers");
            try (ResultSet rs = st.executeQuery("""
                    SELECT customer_id FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS n
                                             FROM pg_temp.fold_customers) x
                    WHERE n %% %d = 1 ORDER BY customer_id""".formatted(CUSTOMERS_PER_CHUNK))) {
                while (rs.next()) {
                    bounds.add(rs.getLong(1));
                }
            }
        }
        c.commit();
        bounds.add(Long.MAX_VALUE);
        for (int i = 0; i + 1 < bounds.size(); i++) {
            foldChunk(c, bounds.get(i), bounds.get(i + 1));
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE pg_temp.fold_customers");
        }
        LOG.infof("Folded the facts of orders above id %d in %.1f s", fromOrderId, (System.nanoTime() - started) / 1e9);
    }

    /** One chunk in its own transaction; a deadlock with a runtime transaction is retried (the recompute is idempotent). */
    private static void foldChunk(Connection c, long from, long to) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                try (Statement st = c.createStatement()) {
                    // Index paths only: a bitmap or sequential scan (what stale statistics after a big
                    // import suggest) would read most of the customers or orders table for every chunk.
                    st.execute("SET LOCAL enable_bitmapscan = off");
                    st.execute("SET LOCAL enable_seqscan = off");
                }
                for (String sql : List.of(LOCK_CHUNK, RECOMPUTE_CHUNK)) {
                    try (Statement st = c.createStatement()) {
                        // Two numbers this code computed, inlined so the planner sees the range.
                        st.execute(sql.formatted(from, to));
                    }
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retryable || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("Fact fold of customers %d..%d: %s; retrying", from, to, e.getMessage());
            }
        }
    }

    private static boolean lock(Connection c, long id, boolean tryOnly) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(tryOnly ? "SELECT pg_try_advisory_lock(?, ?::int)" : "SELECT pg_advisory_lock(?, ?::int), true")) {
            st.setInt(1, LOCK_CLASS);
            st.setLong(2, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(tryOnly ? 1 : 2);
            }
        }
    }

    private static void unlock(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(?, ?::int)")) {
            st.setInt(1, LOCK_CLASS);
            st.setLong(2, id);
            st.execute();
        }
    }
}
