package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What imported rows set in motion in the flows: the flow runtime's side of an import ({@code enrollment.ImportTriggers}),
 * as ingest through the API has it through CDI events. The import calls it set-based, per batch or per chunk, on
 * its own connection and inside its own transaction, so the rows and what they start or end commit together.
 * Each answer says per flow what happened ({@link FlowTally}).
 */
public interface ImportFollowUp {

    /**
     * A batch of orders was stored: the running enrollments of their customers see them (goals, branches),
     * as they see an order that came through the API; orders much older than an enrollment are history to it.
     *
     * @param storedOrders a SELECT of {@code customer_id, order_id, total, coupon_code, placed_at}: the orders the
     *                     batch stored (not those stored before), at least those since {@link #oldestSignallingOrder}
     */
    Map<String, FlowTally> ordersStored(Connection c, String storedOrders) throws SQLException;

    /**
     * The earliest {@code placedAt} an imported order may have and still be a goal of, or an event for, a running
     * enrollment: the window before the earliest running enrollment began; empty when none runs. Asked once as an
     * order import begins (enrollments that begin later began after it), so that a file of history keeps nothing
     * aside for {@link #ordersStored}.
     */
    Optional<Instant> oldestSignallingOrder(Connection c) throws SQLException;

    /**
     * The earliest {@code placedAt} an order imported now may have and still start one of the active
     * {@code order_placed} flows; empty when no active flow has that trigger. Used to keep aside, per batch,
     * the few orders that may start a flow once the import's customer facts are folded. Asked once as an order
     * import begins.
     */
    Optional<Instant> oldestTriggeringOrder();

    /**
     * Orders kept aside by {@link #oldestTriggeringOrder} enter the active {@code order_placed} flows whose window they
     * are in, after the import has folded its customers' facts (so filters and conditions see them).
     *
     * @param orders ordered by customer, then by when each order was placed
     */
    Map<String, FlowTally> ordersPlaced(Connection c, List<ImportedOrder> orders) throws SQLException;

    /** Customers a batch created (internal ids, ascending) enter the active {@code customer_created} flows. */
    Map<String, FlowTally> customersCreated(Connection c, List<Long> customerIds) throws SQLException;

    /** A transaction that set something in motion has committed: the runtime may start on it now. */
    void committed();

    /**
     * The follow-up of one import (or of one import's kept-aside orders): it counts what the import enters per flow
     * across its batches and lanes, so that an import setting more customers of a flow in motion than the approval
     * threshold waits for approval as a detection pass does. Used by the import's threads only, and not after it.
     *
     * @param what what the import is, for the approval's reason (e.g. {@code customer import})
     */
    default ImportFollowUp forImport(String what) {
        return this;
    }

    /** An imported order as an {@code order_placed} trigger sees it. */
    record ImportedOrder(
            long customerId,
            String orderId,
            java.math.BigDecimal total,
            String couponCode,
            Instant placedAt,
            String timeZone) {}

    /** Sets nothing in motion (recovery without a runtime, tests of the import alone). */
    ImportFollowUp NONE = new ImportFollowUp() {
        @Override
        public Map<String, FlowTally> ordersStored(Connection c, String storedOrders) {
            return Map.of();
        }

        @Override
        public Optional<Instant> oldestSignallingOrder(Connection c) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> oldestTriggeringOrder() {
            return Optional.empty();
        }

        @Override
        public Map<String, FlowTally> ordersPlaced(Connection c, List<ImportedOrder> orders) {
            return Map.of();
        }

        @Override
        public Map<String, FlowTally> customersCreated(Connection c, List<Long> customerIds) {
            return Map.of();
        }

        @Override
        public void committed() {}
    };
}
