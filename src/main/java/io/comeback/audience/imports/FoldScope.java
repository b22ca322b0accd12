package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/** How a fold finds the customers whose facts it recomputes, and hands them on in chunks. */
enum FoldScope {

    /** Lists the customers of the imported orders, then folds them chunk by chunk (few orders against many). */
    LISTED {
        /** The customers of the imported orders, listed once, handed on in chunks of ids in ascending order. */
        @Override
        int chunks(Connection c, long fromOrderId, int customersPerChunk, FactChunk.Sink sink) throws SQLException {
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
            c.commit();
            LOG.infof(
                    "Listed the customers of orders above id %d in %.1f s",
                    (Object) fromOrderId, (System.nanoTime() - started) / 1e9);
            int chunks = readListed(c, customersPerChunk, sink);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE pg_temp.fold_customers");
            }
            c.commit();
            return chunks;
        }
    },

    /**
     * Walks all customers by id range, folding those with an imported order (an import of most orders):
     * listing the customers first would be one DISTINCT over every imported order on one connection,
     * while the other connections wait.
     */
    RANGES {
        /** Customer id ranges of {@code customersPerChunk} ids, from the lowest id to the highest. */
        @Override
        int chunks(Connection c, long fromOrderId, int customersPerChunk, FactChunk.Sink sink) throws SQLException {
            long first;
            long last;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT min(id), max(id) FROM customers")) {
                rs.next();
                first = rs.getLong(1);
                last = rs.getLong(2);
                if (rs.wasNull()) {
                    c.commit();
                    return 0;
                }
            }
            c.commit();
            int chunks = 0;
            for (long from = first; from <= last; from += customersPerChunk) {
                sink.accept(new FactChunk.Range(from, Math.min(from + customersPerChunk, last + 1), fromOrderId));
                chunks++;
            }
            return chunks;
        }
    };

    private static final Logger LOG = Logger.getLogger(FoldScope.class);

    /** Hands the chunks of the customers with an order above {@code fromOrderId} to {@code sink}; returns how many. */
    abstract int chunks(Connection c, long fromOrderId, int customersPerChunk, FactChunk.Sink sink) throws SQLException;

    /**
     * Ranges when the import's orders are at least half of all orders and at least one per customer id:
     * then walking every customer costs about what listing them would, without the serial list. Ids
     * are sequence values, so their spans count rows closely enough for this choice.
     */
    static FoldScope of(Connection c, long fromOrderId) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                     SELECT (SELECT coalesce(max(id), 0) FROM orders),
                            (SELECT coalesce(max(id) - min(id) + 1, 0) FROM customers)""")) {
            rs.next();
            long newOrders = rs.getLong(1) - fromOrderId;
            long allOrders = rs.getLong(1);
            long customers = rs.getLong(2);
            c.commit();
            return newOrders > 0 && newOrders * 2 >= allOrders && newOrders >= customers ? RANGES : LISTED;
        }
    }

    /** Reads the listed customers in id order, a chunk at a time, and hands each chunk on; returns how many. */
    private static int readListed(Connection c, int customersPerChunk, FactChunk.Sink sink) throws SQLException {
        int chunks = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            Long[] ids;
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT array_agg(customer_id ORDER BY customer_id)
                    FROM (SELECT customer_id FROM pg_temp.fold_customers WHERE customer_id > ?
                          ORDER BY customer_id LIMIT %d) x""".formatted(customersPerChunk))) {
                st.setLong(1, after);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    java.sql.Array array = rs.getArray(1);
                    ids = array == null ? new Long[0] : (Long[]) array.getArray();
                }
            }
            c.commit();
            if (ids.length == 0) {
                return chunks;
            }
            sink.accept(new FactChunk.Listed(ids));
            chunks++;
            after = ids[ids.length - 1];
        }
    }
}
