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

    // A chunk is an array of customer ids (ascending) that the chunk's statements unnest: any
    // connection can run it, not only the one whose temporary table lists the customers.
    private static final String LOCK_CHUNK = """
            SELECT c.id FROM customers c WHERE c.id = ANY (?) ORDER BY c.id FOR UPDATE""";

    // Both recomputations write the facts from a row set f of (customer_id, count, first_at, last_at, spent, times).
    private static final String SET_FACTS = """
            UPDATE customers c SET
                orders_count = f.count,
                first_order_at = f.first_at,
                last_order_at = f.last_at,
                total_spent = f.spent,
                recent_order_times = f.times,
                median_gap_seconds = comeback_median_gap_seconds(f.times)
            """;

    // The facts of a customer's orders o, aggregated (a leading space: text blocks drop the one before it).
    private static final String FACTS_OF_ORDERS = " count(*)::int AS count, min(o.placed_at) AS first_at, max(o.placed_at) AS last_at, "
            + "sum(o.total) AS spent, comeback_recent_order_times('{}', array_agg(o.placed_at)) AS times";

    private static final String RECOMPUTE_CHUNK = SET_FACTS + """
            FROM (SELECT t.customer_id, a.* FROM unnest(CAST(? AS bigint[])) t(customer_id)
                  -- One look-up of the (customer_id, placed_at) index per customer, whatever the
                  -- statistics of an orders table that just grew by millions of rows say.
                  CROSS JOIN LATERAL (
                      SELECT """ + FACTS_OF_ORDERS + """
                      FROM orders o WHERE o.customer_id = t.customer_id) a) f
            WHERE c.id = f.customer_id""";

    // A dense fold (most orders are this import's, about one per customer or more) takes customers by
    // id range instead of listing them first: listing meant a DISTINCT over every imported order on one
    // connection (12.6 s of a 5,000,000-order fold at load 6) while the other core waited. A range locks
    // every customer in it, and recomputes those with an order of the import, as a listed chunk does.
    private static final String LOCK_RANGE = """
            SELECT count(*) FROM (SELECT c.id FROM customers c WHERE c.id >= ? AND c.id < ? ORDER BY c.id FOR UPDATE) l""";

    private static final String RECOMPUTE_RANGE = SET_FACTS + """
            FROM (SELECT o.customer_id, """ + FACTS_OF_ORDERS + """
                  -- One pass over the (customer_id, placed_at) index for the range, grouped as it comes.
                  FROM orders o WHERE o.customer_id >= ? AND o.customer_id < ?
                  GROUP BY o.customer_id HAVING max(o.id) > ?) f
            -- The range again on customers, or a merge join reads the primary key from its start.
            WHERE c.id = f.customer_id AND c.id >= ? AND c.id < ?""";

    /** How a fold finds the customers whose facts it recomputes. */
    enum Scope {
        /** Lists the customers of the imported orders, then folds them chunk by chunk (few orders against many). */
        LISTED,
        /** Walks all customers by id range, folding those with an imported order (an import of most orders). */
        RANGES
    }

    /** Where a fold finds connections besides its own to spread chunks over. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Folds on the caller's connection alone (recovery at start). */
    static final FoldWorkers ALONE = new FoldWorkers(null, 1, CUSTOMERS_PER_CHUNK);

    /**
     * How many connections recompute chunks at once. The fold is all PostgreSQL work and one backend
     * uses one core: on the 2-core benchmark machine two connections halve it.
     */
    public record FoldWorkers(ConnectionSource source, int count, int customersPerChunk) {
        boolean parallel() {
            return source != null && count > 1;
        }
    }

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
        finish(c, id, ALONE);
    }

    static void finish(Connection c, long id, FoldWorkers workers) throws SQLException {
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
        fold(c, fromOrderId, workers);
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

    /**
     * Whether an order import is storing or folding orders now, in this database: its session holds
     * the advisory lock of its {@code order_fact_folds} row. Background work over all orders (the
     * loyalty roll-up) waits for it rather than redo itself while millions of orders arrive.
     */
    public static boolean importRunning(Connection c) throws SQLException {
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

    /** Recomputes the facts of every customer with an order of id above {@code fromOrderId}, chunk by chunk. */
    static void fold(Connection c, long fromOrderId, FoldWorkers workers) throws SQLException {
        fold(c, fromOrderId, workers, scopeFor(c, fromOrderId));
    }

    /**
     * Ranges when the import's orders are at least half of all orders and at least one per customer id:
     * then walking every customer costs about what listing them would, without the serial list. Ids
     * are sequence values, so their spans count rows closely enough for this choice.
     */
    static Scope scopeFor(Connection c, long fromOrderId) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT (SELECT coalesce(max(id), 0) FROM orders),
                            (SELECT coalesce(max(id) - min(id) + 1, 0) FROM customers)""")) {
            rs.next();
            long newOrders = rs.getLong(1) - fromOrderId;
            long allOrders = rs.getLong(1);
            long customers = rs.getLong(2);
            c.commit();
            return newOrders > 0 && newOrders * 2 >= allOrders && newOrders >= customers ? Scope.RANGES : Scope.LISTED;
        }
    }

    static void fold(Connection c, long fromOrderId, FoldWorkers workers, Scope scope) throws SQLException {
        long started = System.nanoTime();
        int chunks;
        if (workers.parallel()) {
            try (ParallelChunks parallel = new ParallelChunks(workers)) {
                chunks = produceChunks(c, fromOrderId, workers.customersPerChunk(), scope, parallel::submit);
            }
        } else {
            chunks = produceChunks(c, fromOrderId, workers.customersPerChunk(), scope, chunk -> foldChunk(c, chunk));
        }
        LOG.infof("Folded the facts of orders above id %d in %.1f s (%s, %d chunks, %d connection(s))", fromOrderId,
                (System.nanoTime() - started) / 1e9, scope, chunks, workers.parallel() ? workers.count() : 1);
    }

    private static int produceChunks(Connection c, long fromOrderId, int customersPerChunk, Scope scope, ChunkSink sink)
            throws SQLException {
        return scope == Scope.RANGES ? readRanges(c, fromOrderId, customersPerChunk, sink)
                : readListed(c, fromOrderId, customersPerChunk, sink);
    }

    /** Customer id ranges of {@code customersPerChunk} ids, from the lowest id to the highest. */
    private static int readRanges(Connection c, long fromOrderId, int customersPerChunk, ChunkSink sink) throws SQLException {
        long first;
        long last;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(id), max(id) FROM customers")) {
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
            sink.accept(new Range(from, Math.min(from + customersPerChunk, last + 1), fromOrderId));
            chunks++;
        }
        return chunks;
    }

    /** The customers of the imported orders, listed once, handed on in chunks of ids in ascending order. */
    private static int readListed(Connection c, long fromOrderId, int customersPerChunk, ChunkSink sink) throws SQLException {
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
        LOG.infof("Listed the customers of orders above id %d in %.1f s", (Object) fromOrderId, (System.nanoTime() - started) / 1e9);
        int chunks = readChunks(c, customersPerChunk, ids -> sink.accept(new Listed(ids)));
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE pg_temp.fold_customers");
        }
        c.commit();
        return chunks;
    }

    /** Customers one transaction recomputes: locked by one statement, recomputed by the next. */
    private interface Chunk {
        /** Locks the chunk's customers; returns false when there are none. */
        boolean lock(Connection c) throws SQLException;

        void recompute(Connection c) throws SQLException;

        String describe();
    }

    private record Listed(Long[] customerIds) implements Chunk {
        @Override
        public boolean lock(Connection c) throws SQLException {
            return run(c, LOCK_CHUNK);
        }

        @Override
        public void recompute(Connection c) throws SQLException {
            run(c, RECOMPUTE_CHUNK);
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

    /** Customers with ids in [from, to), of whom those with an order above {@code fromOrderId} are recomputed. */
    private record Range(long from, long to, long fromOrderId) implements Chunk {
        @Override
        public boolean lock(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(LOCK_RANGE)) {
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
            try (PreparedStatement st = c.prepareStatement(RECOMPUTE_RANGE)) {
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

    private interface ChunkSink {
        void accept(Chunk chunk) throws SQLException;
    }

    private interface IdsSink {
        void accept(Long[] customerIds) throws SQLException;
    }

    /** Reads the touched customers in id order, a chunk at a time, and hands each chunk on; returns how many. */
    private static int readChunks(Connection c, int customersPerChunk, IdsSink sink) throws SQLException {
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
            sink.accept(ids);
            chunks++;
            after = ids[ids.length - 1];
        }
    }

    /** One chunk in its own transaction; a deadlock with a runtime transaction is retried (the recompute is idempotent). */
    private static void foldChunk(Connection c, Chunk chunk) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                try (Statement st = c.createStatement()) {
                    // Index paths only: a bitmap or sequential scan (what stale statistics after a big
                    // import suggest) would read most of the customers or orders table for every chunk.
                    st.execute("SET LOCAL enable_bitmapscan = off");
                    st.execute("SET LOCAL enable_seqscan = off");
                    st.execute("SET LOCAL jit = off");
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
                LOG.debugf("Fact fold of %s: %s; retrying", chunk.describe(), e.getMessage());
            }
        }
    }

    /**
     * Chunks folded by {@code count} threads, each on a connection of its own. Chunks are disjoint and
     * each locks its customers in id order, so the threads never wait for one another. The hand-over
     * queue holds one chunk per thread; the first failure stops the others and surfaces on submit or close.
     */
    private static final class ParallelChunks implements AutoCloseable {

        private static final Chunk END = new Listed(new Long[0]);

        private final java.util.concurrent.BlockingQueue<Chunk> queue;
        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

        ParallelChunks(FoldWorkers workers) {
            queue = new java.util.concurrent.ArrayBlockingQueue<>(workers.count());
            for (int i = 0; i < workers.count(); i++) {
                Thread thread = new Thread(() -> work(workers.source()), "order-fact-fold-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void work(ConnectionSource source) {
            try (Connection c = source.open()) {
                c.setAutoCommit(false);
                try {
                    for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                        if (failure.get() == null) {
                            foldChunk(c, chunk);
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
                queue.clear();
            }
        }

        void submit(Chunk chunk) throws SQLException {
            put(chunk);
            rethrow();
        }

        private void put(Chunk chunk) throws SQLException {
            try {
                while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    rethrow();
                    if (threads.stream().noneMatch(Thread::isAlive)) {
                        throw new SQLException("the fact fold's threads are gone");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("fact fold interrupted", e);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                // One end mark per thread; a thread that died takes none, so stop offering once none lives.
                for (int i = 0; i < threads.size(); i++) {
                    while (!queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)
                            && threads.stream().anyMatch(Thread::isAlive)) {
                        // the threads are still folding the chunks before the mark
                    }
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("fact fold interrupted", e);
            }
            rethrow();
        }

        private void rethrow() throws SQLException {
            Exception e = failure.get();
            if (e instanceof SQLException sql) {
                throw sql;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e != null) {
                throw new SQLException("fact fold failed", e);
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
