package io.comeback.audience.imports;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** One connection of an import with its staging tables, its merger thread and the batch being filled for it. */
final class ImportLane {

    private static final Logger LOG = Logger.getLogger(ImportLane.class);

    final Connection connection;
    private final boolean own;
    private final boolean autoCommit;
    private final CsvImport template;
    private final SealedBatches batches;
    private final StageClock stages = new StageClock();
    CopyRowWriter out = new CopyRowWriter();
    KeyHashes keys = new KeyHashes();
    BatchMerger merger;

    /** @param own whether the lane closes the connection when done (lanes beyond the importing connection) */
    ImportLane(CsvImport template, SealedBatches batches, Connection connection, boolean own) throws SQLException {
        this.template = template;
        this.batches = batches;
        this.connection = connection;
        this.own = own;
        this.autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
    }

    void prepare() throws SQLException {
        CsvImport.execute(connection, template.createStagingTables());
        // Batches need not wait for their WAL flush: the final commit is synchronous and flushes
        // everything before it, so nothing reported to the client as imported can be lost.
        CsvImport.execute(connection, "SET synchronous_commit = off");
        // The merge statements are estimated far above jit_above_cost (lateral look-ups per row), so
        // PostgreSQL would compile them with inlining and optimisation for every batch, for plans that
        // run once. Sorts of a batch fit in 64 MB instead of spilling to disk at the default 4 MB. All
        // three are session settings, reset in cleanUp().
        CsvImport.execute(connection, "SET jit = off");
        CsvImport.execute(connection, "SET work_mem = '64MB'");
        connection.commit();
    }

    void submit(ImportBatch batch) {
        merger.submit(batch);
    }

    void merge(ImportBatch batch) throws SQLException, IOException, InterruptedException {
        try {
            mergeInOrder(batch);
            batch.committed().complete(null);
        } catch (SQLException | IOException | InterruptedException | RuntimeException e) {
            batches.laneFailed();
            batch.committed().completeExceptionally(e);
            throw e;
        }
    }

    private void mergeInOrder(ImportBatch batch) throws SQLException, IOException, InterruptedException {
        stages.start();
        if (!batch.after().isEmpty()) {
            batches.awaitCommitOf(batch.after());
            stages.mark("wait");
        }
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        copyManager.copyIn(template.copyIntoStaging(), new java.io.ByteArrayInputStream(batch.copyRows()));
        stages.mark("copy");
        template.mergeBatch(connection, stages);
        if (batch.last()) {
            CsvImport.execute(connection, "SET LOCAL synchronous_commit = on");
        }
        connection.commit();
        template.batchCommitted();
        stages.mark("commit");
        template.logProgress(batch.lastLine(), batch.importStarted(), stages);
    }

    void cleanUp() {
        try {
            connection.rollback();
            CsvImport.execute(connection, "RESET synchronous_commit");
            CsvImport.execute(connection, "RESET jit");
            CsvImport.execute(connection, "RESET work_mem");
            CsvImport.execute(connection, template.dropStagingTables());
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.warn("Could not drop the import's temporary tables; they go with the connection", e);
        }
        if (own) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Could not return an import connection to the pool", e);
            }
        }
    }
}
