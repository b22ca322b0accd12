package io.comeback.enrollment;

import io.comeback.audience.links.ShortLinkRow;
import io.comeback.audience.links.ShortLinkStore;
import io.comeback.messaging.LedgerRow;
import io.comeback.messaging.OutboundLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes what a wake-up batch decided, in the batch's transaction: set-based for the whole batch, and,
 * when a statement fails on the values of some row (a wake-up time PostgreSQL cannot hold, a value too
 * large for an index), once more row by row, each in a savepoint, so that the rows that cannot be stored
 * are set aside as failed and all the others are written in this same transaction. A poisoned row thus
 * costs its batch one failed statement and one slower pass, and no batch after it anything.
 */
final class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    /** One enrollment's writes: its row, its texts and their short links, its customer changes, its survey answers. */
    record Advanced(
            WakeUpStore.Update update,
            String flowId,
            List<LedgerRow> ledger,
            List<ShortLinkRow> links,
            CustomerChanges customerWrites,
            List<SurveyResponses.Answer> answers) {}

    /** @param failures the enrollments set aside because their writes could not be stored */
    record Written(OutboundLedger.Inserted queued, List<WakeUpStore.Failure> failures) {}

    private BatchWriter() {}

    static Written write(Connection c, List<Advanced> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return new Written(new OutboundLedger.Inserted(0, List.of()), List.of());
        }
        Savepoint before = c.setSavepoint();
        try {
            return new Written(writeAll(c, rows, now), List.of());
        } catch (SQLException e) {
            if (!RowFaults.isRowData(e)) {
                throw e;
            }
            c.rollback(before);
            LOG.warnf(
                    "A wake-up batch of %d enrollments could not be written (%s): writing them one by one to set "
                            + "the failing ones aside",
                    rows.size(), e.getMessage());
            return oneByOne(c, rows, now);
        }
    }

    private static OutboundLedger.Inserted writeAll(Connection c, List<Advanced> rows, Instant now)
            throws SQLException {
        WakeUpStore.write(c, rows.stream().map(Advanced::update).toList(), now);
        OutboundLedger.Inserted queued = OutboundLedger.insert(
                c, rows.stream().flatMap(r -> r.ledger().stream()).toList());
        ShortLinkStore.insert(c, rows.stream().flatMap(r -> r.links().stream()).toList());
        for (Advanced row : rows) {
            row.customerWrites().flush(c);
        }
        SurveyResponses.insert(
                c, rows.stream().flatMap(r -> r.answers().stream()).toList(), now);
        return queued;
    }

    private static Written oneByOne(Connection c, List<Advanced> rows, Instant now) throws SQLException {
        int inserted = 0;
        List<Long> dueNow = new ArrayList<>();
        List<WakeUpStore.Failure> failures = new ArrayList<>();
        for (Advanced row : rows) {
            Savepoint savepoint = c.setSavepoint();
            try {
                OutboundLedger.Inserted one = writeAll(c, List.of(row), now);
                c.releaseSavepoint(savepoint);
                inserted += one.inserted();
                dueNow.addAll(one.dueNow());
            } catch (SQLException e) {
                if (!RowFaults.isRowData(e)) {
                    throw e;
                }
                c.rollback(savepoint);
                LOG.errorf(
                        "Enrollment %d in flow %s is set aside as failed: its writes cannot be stored (%s)",
                        row.update().id(), row.flowId(), e.getMessage());
                failures.add(WakeUpStore.Failure.of(row.update().id(), row.flowId(), e));
            }
        }
        WakeUpStore.fail(c, failures, now);
        return new Written(new OutboundLedger.Inserted(inserted, dueNow), failures);
    }
}
