package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * One order import's part in what its orders change beyond the orders table, from before its first batch to its end:
 * its {@code order_fact_folds} row ({@link OrderFactFolds}), the orders each batch hands to the running enrollments
 * or keeps aside for {@code order_placed} flows ({@link ImportFollowUp}), and the item facts derived at the end. Kept
 * apart from {@link OrderCsvImport}, which reads and stores rows: this changes when the fold or the flows change.
 */
final class OrderImportFold {

    private static final Logger LOG = Logger.getLogger(OrderImportFold.class);

    private final OrderFactFolds.FoldWorkers workers;
    private final ImportFollowUp followUp;
    /** This import's row in order_fact_folds. */
    private long foldId = -1;
    /** The oldest order that may be a goal of a running enrollment; empty: none (history). */
    private Optional<Instant> signalledSince = Optional.empty();
    /** The oldest order that may start an {@code order_placed} flow; empty: none. */
    private Optional<Instant> triggeringSince = Optional.empty();
    /** Whether a row had items: their facts (favourite category, last product) are then derived after the fold. */
    private boolean anyItems;

    OrderImportFold(OrderFactFolds.FoldWorkers workers, ImportFollowUp followUp) {
        this.workers = workers;
        this.followUp = followUp;
    }

    /** Before the first batch: folds what an earlier import left, then registers this one (committed). */
    void begin(Connection connection) throws SQLException {
        // Facts an earlier import left unfolded (it died half way) are folded before this one adds more.
        OrderFactFolds.recoverAbandoned(connection, followUp);
        // Asked once: enrollments that begin while the import runs began after every order it can store.
        signalledSince = followUp.oldestSignallingOrder(connection);
        triggeringSince = followUp.oldestTriggeringOrder();
        foldId = OrderFactFolds.begin(connection);
    }

    /** Called by the reading thread for every row it stages. */
    void staged(boolean withItems) {
        anyItems |= withItems;
    }

    /** The oldest order a batch keeps in {@code import_stored_orders} for what it sets in motion; empty: none. */
    Optional<Instant> keptSince() {
        Optional<Instant> a = signalledSince;
        Optional<Instant> b = triggeringSince;
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }

    /**
     * In a batch's transaction, after its merge: the orders it kept tell the running enrollments of their customers
     * and are kept aside for {@code order_placed} flows, then {@code import_stored_orders} is emptied for the next.
     */
    void batchStored(Connection connection, ImportReport.Builder report) throws SQLException {
        if (keptSince().isEmpty() || !anyStored(connection)) {
            return;
        }
        if (signalledSince.isPresent()) {
            report.tally(followUp.ordersStored(connection, OrderImportMerge.STORED_ORDERS));
        }
        if (triggeringSince.isPresent()) {
            OrderTriggerStore.keepAside(connection, foldId, triggeringSince.get());
        }
        CsvImport.execute(connection, "TRUNCATE import_stored_orders");
    }

    /** After the last batch: folds the facts, enters the kept orders into their flows, derives the item facts. */
    void finish(Connection connection, ImportReport.Builder report) throws SQLException {
        long started = System.nanoTime();
        OptionalLong itemsFrom = anyItems ? OrderFactFoldStore.fromOrderId(connection, foldId) : OptionalLong.empty();
        report.tally(OrderFactFolds.finish(connection, foldId, workers, followUp));
        if (itemsFrom.isPresent()) {
            deriveItemFacts(connection, itemsFrom.getAsLong());
        }
        LOG.infof(
                "Import of orders: customer facts folded and recent orders entered in %.1f s",
                (System.nanoTime() - started) / 1e9);
    }

    /** After a failure, the failed batch rolled back. */
    void afterFailure(Connection connection) {
        if (foldId < 0) {
            return;
        }
        // The batches committed before the failure are stored orders: fold them now if the database
        // still answers; if it does not, the row stays and the next import or start folds it.
        try {
            OrderFactFolds.finish(connection, foldId, OrderFactFolds.ALONE, followUp);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(
                    "Could not fold the facts of an interrupted order import now (%s); the next order import or start will",
                    e.getMessage());
        }
    }

    /**
     * The item facts of the customers whose new orders have items, derived from all their orders as
     * {@code OrderChanges} derives them for one. After the fold's commit: an import that dies here keeps its orders
     * and facts, and a customer's next order with items derives these again.
     */
    private static void deriveItemFacts(Connection connection, long fromOrderId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                UPDATE customers SET favourite_category = comeback_favourite_category(id),
                                     last_product = comeback_last_product(id)
                WHERE id IN (SELECT customer_id FROM orders WHERE id > ? AND items <> '[]'::jsonb)""")) {
            st.setLong(1, fromOrderId);
            st.executeUpdate();
        }
        connection.commit();
    }

    private static boolean anyStored(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT EXISTS (SELECT FROM import_stored_orders)");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
