package io.comeback.enrollment;

import io.comeback.audience.imports.FlowTally;
import io.comeback.audience.imports.ImportFollowUp;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ImportTriggers} for one import: its entries into each flow are counted together, across its batches and
 * lanes, by one {@link ImportApproval}, so that a file setting more customers of a flow in motion than the approval
 * threshold waits for approval however its batches cut it.
 */
final class OneImportTriggers implements ImportFollowUp {

    private final ImportTriggers triggers;
    private final ImportApproval approval;

    OneImportTriggers(ImportTriggers triggers, ImportApproval approval) {
        this.triggers = triggers;
        this.approval = approval;
    }

    @Override
    public Map<String, FlowTally> ordersStored(Connection c, String storedOrders) throws SQLException {
        return triggers.ordersStored(c, storedOrders);
    }

    @Override
    public Optional<Instant> oldestSignallingOrder(Connection c) throws SQLException {
        return triggers.oldestSignallingOrder(c);
    }

    @Override
    public Optional<Instant> oldestTriggeringOrder() {
        return triggers.oldestTriggeringOrder();
    }

    @Override
    public Map<String, FlowTally> ordersPlaced(Connection c, List<ImportedOrder> orders) throws SQLException {
        return triggers.ordersPlaced(c, orders, approval);
    }

    @Override
    public Map<String, FlowTally> customersCreated(Connection c, List<Long> customerIds) throws SQLException {
        return triggers.customersCreated(c, customerIds, approval);
    }

    @Override
    public void committed() {
        triggers.committed();
    }

    /** Already one import's. */
    @Override
    public ImportFollowUp forImport(String what) {
        return this;
    }
}
