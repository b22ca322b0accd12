package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Customer facts for the orders an import stored, folded once per customer at the end of the import
 * instead of once per customer per batch (a file of 5,000,000 orders spread over a million customers
 * touches nearly all of them in every batch of 100,000).
 *
 * <p>The facts are recomputed from the {@code orders} table, not added up from the import's rows:
 * a recompute is idempotent, so a fold that is retried, repeated by a recovery, or overlapping an
 * order that came through the API meanwhile always ends with the facts of every stored order.
 * The customers are found by a {@link FoldScope} and recomputed chunk by chunk ({@link FactChunk});
 * an API order still in flight folds itself onto the recomputed row after the chunk commits.
 *
 * <p>Crash safety: {@link #begin} commits a row of {@code order_fact_folds} (V80) before the first
 * batch and the importing session holds an advisory lock on it ({@link OrderFactFoldStore}); {@link #finish}
 * deletes it after the fold. A row whose lock is free belongs to an import that died: {@link #recoverAbandoned}
 * (run before every order import and at start) folds it.
 */
public final class OrderFactFolds {

    private static final Logger LOG = Logger.getLogger(OrderFactFolds.class);
    private static final int CUSTOMERS_PER_CHUNK = 50_000;

    /** Folds on the caller's connection alone (recovery at start). */
    static final FoldWorkers ALONE = new FoldWorkers(null, 1, CUSTOMERS_PER_CHUNK);

    /**
     * How many connections recompute chunks at once. The fold is all PostgreSQL work and one backend
     * uses one core, so connections beyond the first put more of the database's cores to work.
     */
    public record FoldWorkers(ConnectionSource source, int count, int customersPerChunk) {
        boolean parallel() {
            return source != null && count > 1;
        }
    }

    private OrderFactFolds() {}

    /** Registers an import about to store orders (committed) and takes its lock; returns the row id. */
    static long begin(Connection c) throws SQLException {
        long id = OrderFactFoldStore.insert(c);
        OrderFactFoldStore.lock(c, id);
        c.commit();
        return id;
    }

    /**
     * Folds the facts of the import registered as {@code id}, enters the orders it kept aside into their
     * {@code order_placed} flows ({@link OrderTriggerStore}), deletes its row and releases its lock. The entries
     * commit with the deletion: an import that dies before leaves both to the recovery.
     *
     * @return what the kept orders started, per flow
     */
    static Map<String, FlowTally> finish(Connection c, long id, FoldWorkers workers, ImportFollowUp followUp)
            throws SQLException {
        OptionalLong fromOrderId = OrderFactFoldStore.fromOrderId(c, id);
        if (fromOrderId.isEmpty()) {
            return Map.of();
        }
        fold(c, fromOrderId.getAsLong(), workers);
        Map<String, FlowTally> started = OrderTriggerStore.enter(c, id, followUp);
        OrderFactFoldStore.delete(c, id);
        try (Statement st = c.createStatement()) {
            // The report the client gets says the facts are right: this commit is not allowed to be lost.
            st.execute("SET LOCAL synchronous_commit = on");
        }
        c.commit();
        OrderFactFoldStore.unlock(c, id);
        if (!started.isEmpty()) {
            followUp.committed();
        }
        return started;
    }

    /**
     * Folds what imports that are gone (their lock is free) left unfolded, and enters the orders they kept aside
     * for {@code order_placed} flows (those no longer recent by now enter nothing). Returns how many it folded.
     */
    public static int recoverAbandoned(Connection c, ImportFollowUp followUp) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<Long> ids = OrderFactFoldStore.ids(c);
            c.commit();
            int folded = 0;
            for (long id : ids) {
                if (OrderFactFoldStore.tryLock(c, id)) {
                    LOG.infof("Folding the customer facts an interrupted order import left (order_fact_folds %d)", id);
                    try {
                        finish(c, id, ALONE, followUp);
                        folded++;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        OrderFactFoldStore.unlock(c, id);
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
        return OrderFactFoldStore.anyLocked(c);
    }

    /** Recomputes the facts of every customer with an order of id above {@code fromOrderId}, chunk by chunk. */
    static void fold(Connection c, long fromOrderId, FoldWorkers workers) throws SQLException {
        fold(c, fromOrderId, workers, FoldScope.of(c, fromOrderId));
    }

    static void fold(Connection c, long fromOrderId, FoldWorkers workers, FoldScope scope) throws SQLException {
        long started = System.nanoTime();
        int chunks;
        if (workers.parallel()) {
            try (ParallelChunks parallel = new ParallelChunks(workers)) {
                chunks = scope.chunks(c, fromOrderId, workers.customersPerChunk(), parallel);
            }
        } else {
            chunks = scope.chunks(c, fromOrderId, workers.customersPerChunk(), chunk -> FactChunk.fold(c, chunk));
        }
        LOG.infof(
                "Folded the facts of orders above id %d in %.1f s (%s, %d chunks, %d connection(s))",
                fromOrderId,
                (System.nanoTime() - started) / 1e9,
                scope,
                chunks,
                workers.parallel() ? workers.count() : 1);
    }
}
