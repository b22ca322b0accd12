package io.comeback.audience.imports;

import io.comeback.support.PlannerSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Customers whose facts one transaction recomputes from their orders: locked (in id order) by one statement,
 * recomputed by the next, whose snapshot therefore sees every order committed before the lock. The
 * aggregates call the same functions as {@code OrderStore.FOLD_FACTS}, so the facts equal those of the same
 * orders folded one by one.
 */
sealed interface FactChunk {

    /** Locks the chunk's customers; returns false when there are none. */
    boolean lock(Connection c) throws SQLException;

    void recompute(Connection c) throws SQLException;

    String describe();

    /** Where chunks go as they are found: folded at once, or handed to other connections. */
    @FunctionalInterface
    interface Sink {
        void accept(FactChunk chunk) throws SQLException;
    }

    // Both recomputations write the facts from a row set f of (customer_id, count, first_at, last_at, spent, times).
    String SET_FACTS = """
            UPDATE customers c SET
                orders_count = f.count,
                first_order_at = f.first_at,
                last_order_at = f.last_at,
                total_spent = f.spent,
                recent_order_times = f.times,
                median_gap_seconds = comeback_median_gap_seconds(f.times, c.time_zone)
            """;

    // The facts of a customer's orders o, aggregated (a leading space: text blocks drop the one before it).
    String FACTS_OF_ORDERS = " count(*)::int AS count, min(o.placed_at) AS first_at, max(o.placed_at) AS last_at, "
            + "sum(o.total) AS spent, comeback_recent_order_times('{}', array_agg(o.placed_at)) AS times";

    int ATTEMPTS = 5;

    /** Customers listed by id (ascending), unnested by the chunk's statements: any connection can run it. */
    record Listed(Long[] customerIds) implements FactChunk {

        private static final String LOCK = """
                SELECT c.id FROM customers c WHERE c.id = ANY (?) ORDER BY c.id FOR UPDATE""";

        private static final String RECOMPUTE = SET_FACTS + """
                FROM (SELECT t.customer_id, a.* FROM unnest(CAST(? AS bigint[])) t(customer_id)
                      -- One look-up of the (customer_id, placed_at) index per customer, whatever the
                      -- statistics of an orders table that just grew by millions of rows say.
                      CROSS JOIN LATERAL (
                          SELECT """ + FACTS_OF_ORDERS + """
                          FROM orders o WHERE o.customer_id = t.customer_id) a) f
                WHERE c.id = f.customer_id""";

        @Override
        public boolean lock(Connection c) throws SQLException {
            return run(c, LOCK);
        }

        @Override
        public void recompute(Connection c) throws SQLException {
            run(c, RECOMPUTE);
        }

        private boolean run(Connection c, String sql) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setArray(1, c.createArrayOf("bigint", customerIds));
                st.execute();
            }
            return customerIds.length > 0;
        }

        @Override
        public String describe() {
            return "customers " + customerIds[0] + ".." + customerIds[customerIds.length - 1];
        }
    }

    /**
     * Customers with ids in [from, to): all locked, those with an order above {@code fromOrderId} recomputed,
     * as a listed chunk does.
     */
    record Range(long from, long to, long fromOrderId) implements FactChunk {

        private static final String LOCK = """
                SELECT count(*) FROM (SELECT c.id FROM customers c WHERE c.id >= ? AND c.id < ? ORDER BY c.id FOR UPDATE) l""";

        private static final String RECOMPUTE = SET_FACTS + """
                FROM (SELECT o.customer_id, """ + FACTS_OF_ORDERS + """
                      -- One pass over the (customer_id, placed_at) index for the range, grouped as it comes.
                      FROM orders o WHERE o.customer_id >= ? AND o.customer_id < ?
                      GROUP BY o.customer_id HAVING max(o.id) > ?) f
                -- The range again on customers, or a merge join reads the primary key from its start.
                WHERE c.id = f.customer_id AND c.id >= ? AND c.id < ?""";

        @Override
        public boolean lock(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(LOCK)) {
                st.setLong(1, from);
                st.setLong(2, to);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        }

        @Override
        public void recompute(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(RECOMPUTE)) {
                st.setLong(1, from);
                st.setLong(2, to);
                st.setLong(3, fromOrderId);
                st.setLong(4, from);
                st.setLong(5, to);
                st.executeUpdate();
            }
        }

        @Override
        public String describe() {
            return "customer ids " + from + " to " + to;
        }
    }

    /** One chunk in its own transaction; a deadlock with a runtime transaction is retried (the recompute is idempotent). */
    static void fold(Connection c, FactChunk chunk) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                // Index paths only: a bitmap or sequential scan (what stale statistics after a big
                // import suggest) would read most of the customers or orders table for every chunk.
                PlannerSettings.indexPathsOnly(c);
                PlannerSettings.withoutJit(c);
                try (Statement st = c.createStatement()) {
                    // A lost chunk commit is refolded: the order_fact_folds row goes only with the
                    // final, synchronous commit, which flushes the WAL of every chunk before it.
                    st.execute("SET LOCAL synchronous_commit = off");
                }
                if (chunk.lock(c)) {
                    chunk.recompute(c);
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retryable || attempt == ATTEMPTS) {
                    throw e;
                }
                Logger.getLogger(FactChunk.class)
                        .debugf("Fact fold of %s: %s; retrying", chunk.describe(), e.getMessage());
            }
        }
    }
}
