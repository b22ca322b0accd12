package io.comeback.audience.imports;

import io.comeback.audience.Jdbc;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape every CSV import shares: stream rows, check each in Java, COPY the good ones into a
 * temporary staging table, then let set-based SQL reject what needs the database to judge
 * (duplicates, unknown references) and merge the rest — one transaction per batch, so a huge file
 * keeps memory flat and a failure loses at most one batch, which a re-run fills in idempotently.
 */
abstract class CsvImport {

    private static final Logger LOG = Logger.getLogger(CsvImport.class);

    protected final Connection connection;
    protected final ImportReport.Builder report;
    private final int batchSize;
    private final String what;
    protected Map<String, Integer> columns;
    /** The database's clock when the import began: rows written since then were written by this import. */
    protected Instant startedAt;
    /** Time per stage of the batch being merged, logged with the progress line. */
    protected final StageClock stages = new StageClock();

    protected CsvImport(Connection connection, int batchSize, int maxListedRejections, String what) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.report = new ImportReport.Builder(maxListedRejections);
        this.what = what;
    }

    /** Checks the header (line 1); throws {@link ImportRejectedException} when the file cannot be imported. */
    protected abstract void acceptHeader(List<String> header);

    protected abstract String createStagingTables();

    protected abstract String dropStagingTables();

    protected abstract String copyIntoStaging();

    /** Validates one row; writes it to the staging COPY and returns true, or records its rejection. */
    protected abstract boolean stage(CsvReader.Row row, CopyRowWriter out);

    /** Moves the staged batch into the real tables, rejecting by SQL what only the database can judge. */
    protected abstract void mergeBatch() throws SQLException;

    /** Runs after the staging tables exist and before the first batch, in its own committed transaction. */
    protected void beforeBatches() throws SQLException {
    }

    /** Runs after the last batch has committed: work done once per import rather than per batch. */
    protected void afterBatches() throws SQLException {
    }

    /** Runs after a failure, the failed batch rolled back; the batches committed before it stay. */
    protected void afterFailure() {
    }

    ImportReport run(Reader input) throws IOException, SQLException {
        CsvReader csv = new CsvReader(input);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new ImportRejectedException(1, "the file is empty: the first line must name the columns");
        }
        if (header.isMalformed()) {
            throw new ImportRejectedException(1, header.malformed());
        }
        columns = indexColumns(header.fields());
        acceptHeader(header.fields());

        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long started = System.nanoTime();
        try {
            execute(createStagingTables());
            startedAt = databaseNow();
            // Batches need not wait for their WAL flush: the final commit is synchronous and flushes
            // everything before it, so nothing reported to the client as imported can be lost.
            execute("SET synchronous_commit = off");
            // The merge statements are estimated far above jit_above_cost (lateral look-ups per row), so
            // PostgreSQL compiled ~70 functions with inlining and optimisation for every batch: 0.6–2.4 s
            // of a 100,000-row batch, for plans that run once. Sorts of a batch fit in 64 MB instead of
            // spilling to disk at the default 4 MB. Both are session settings, reset in cleanUp().
            execute("SET jit = off");
            execute("SET work_mem = '64MB'");
            connection.commit();
            beforeBatches();
            // Two stages overlap: this thread parses and checks rows while the merger thread has
            // PostgreSQL copy and merge the previous batch. The hand-over queue holds one batch,
            // so memory stays at a few batches whatever the file's size.
            try (BatchMerger merger = new BatchMerger(this::mergeOne, 1)) {
                CopyRowWriter out = new CopyRowWriter();
                long lines = 0;
                for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                    lines = row.line();
                    if (row.isMalformed()) {
                        report.reject(row.line(), null, "malformed: " + row.malformed());
                    } else if (row.fields().size() != columns.size()) {
                        report.reject(row.line(), null, "malformed: expected " + columns.size() + " fields as in the header, found " + row.fields().size());
                    } else if (row.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0)) {
                        report.reject(row.line(), null, "malformed: bytes that are not UTF-8; save the file as CSV UTF-8");
                    } else {
                        stage(row, out);
                    }
                    if (out.rows() == batchSize) {
                        merger.submit(new Batch(out.toBytes(), lines, started, false));
                        out = new CopyRowWriter();
                    }
                }
                merger.submit(new Batch(out.toBytes(), lines, started, true));
            }
            afterBatches();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            afterFailure();
            throw e;
        } finally {
            cleanUp();
            connection.setAutoCommit(autoCommit);
        }
        return report.build();
    }

    record Batch(byte[] copyRows, long lastLine, long importStarted, boolean last) {
    }

    private void mergeOne(Batch batch) throws SQLException, IOException {
        stages.start();
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        copyManager.copyIn(copyIntoStaging(), new java.io.ByteArrayInputStream(batch.copyRows()));
        stages.mark("copy");
        mergeBatch();
        if (batch.last()) {
            execute("SET LOCAL synchronous_commit = on");
        }
        connection.commit();
        stages.mark("commit");
        logProgress(batch.lastLine(), batch.importStarted());
    }

    private void logProgress(long lines, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("Import of %s: %,d lines done, %,d imported, %,d updated, %,d rejected (%.0f lines/s); batch s: %s",
                what, lines, report.imported, report.updated, report.rejectedCount(), lines / Math.max(seconds, 1e-3), stages);
    }

    private Instant databaseNow() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return Jdbc.getInstant(rs, 1);
        }
    }

    private void cleanUp() {
        try {
            connection.rollback();
            execute("RESET synchronous_commit");
            execute("RESET jit");
            execute("RESET work_mem");
            execute(dropStagingTables());
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("Could not drop the import's temporary tables; they go with the connection", e);
        }
    }

    private static Map<String, Integer> indexColumns(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                throw new ImportRejectedException(1, "column " + (i + 1) + " has no name");
            }
            if (index.put(name, i) != null) {
                throw new ImportRejectedException(1, "column '" + name + "' appears twice");
            }
        }
        return index;
    }

    protected String value(CsvReader.Row row, String column) {
        Integer i = columns.get(column);
        if (i == null) {
            return null;
        }
        String v = row.fields().get(i);
        return v.isEmpty() ? null : v;
    }

    protected boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    protected void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a DELETE … RETURNING line, field-free reason text; each returned row becomes a rejection. */
    protected void rejectWhere(String deleteReturningLineAndReason, String field) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(deleteReturningLineAndReason);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                report.reject(rs.getLong(1), field, rs.getString(2));
            }
        }
    }
}
