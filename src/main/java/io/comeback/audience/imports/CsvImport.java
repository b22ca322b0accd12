package io.comeback.audience.imports;

import io.comeback.support.Jdbc;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The shape every CSV import shares: stream rows, check each in Java, COPY the good ones into a
 * temporary staging table, then let set-based SQL reject what needs the database to judge
 * (duplicates, unknown references) and merge the rest — one transaction per batch, so a huge file
 * keeps memory flat and a failure loses at most one batch, which a re-run fills in idempotently.
 */
abstract class CsvImport {

    private static final Logger LOG = Logger.getLogger(CsvImport.class);

    /** The importing connection: the first lane merges on it, the work before and after the batches runs on it. */
    protected final Connection connection;

    protected final ImportReport.Builder report;
    private final int batchSize;
    private final String what;
    private final ConnectionSource moreConnections;
    private final int laneCount;
    /** Batches take turns over the lanes instead of rows going by {@link #laneOf} (see {@link ImportSettings}). */
    private final boolean lanesTakeTurns;

    private final SealedBatches batches = new SealedBatches();
    private ImportLane filling;
    private int turn;
    private CsvColumns columns;
    /** How the file is read; amounts follow its decimal mark ({@link #amount}). */
    private CsvFormat format = CsvFormat.DEFAULT;
    /** The database's clock when the import began: rows written since then were written by this import. */
    protected Instant startedAt;

    protected CsvImport(Connection connection, ImportSettings settings) {
        this.lanesTakeTurns = settings.lanesTakeTurns();
        this.connection = connection;
        this.batchSize = settings.batchSize();
        this.report = new ImportReport.Builder(settings.maxListedRejections());
        this.what = settings.what();
        this.laneCount = settings.laneCount();
        this.moreConnections = settings.moreConnections();
    }

    /**
     * The lane (0 … lanes − 1) a valid row is merged in. Every row that the merge compares with another
     * (same key) must go to the same lane: a lane merges its batches in file order, lanes run side by side.
     */
    protected int laneOf(CsvReader.Row row, int lanes) {
        return 0;
    }

    /** Checks the header (line 1); throws {@link ImportRejectedException} when the file cannot be imported. */
    protected abstract void acceptHeader(List<String> header);

    protected abstract String createStagingTables();

    protected abstract String dropStagingTables();

    protected abstract String copyIntoStaging();

    /** Validates one row; writes it to the staging COPY and returns true, or records its rejection. */
    protected abstract boolean stage(CsvReader.Row row, CopyRowWriter out);

    /** Moves the staged batch of a lane into the real tables, rejecting by SQL what only the database can judge. */
    protected abstract void mergeBatch(Connection connection, StageClock stages) throws SQLException;

    /** Runs after the staging tables exist and before the first batch, in its own committed transaction. */
    protected void beforeBatches() throws SQLException {}

    /** Runs after the last batch has committed: work done once per import rather than per batch. */
    protected void afterBatches() throws SQLException {}

    /** Runs on the lane's merger thread after each batch has committed. */
    protected void batchCommitted() {}

    /** Runs after a failure, the failed batch rolled back; the batches committed before it stay. */
    protected void afterFailure() {}

    ImportReport run(Reader input, CsvFormat format, CsvReader.Limits limits) throws IOException, SQLException {
        this.format = format;
        report.format(format);
        CsvReader csv = new CsvReader(input, limits, format.separatorChar());
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new ImportRejectedException(1, "the file is empty: the first line must name the columns");
        }
        if (header.isMalformed()) {
            throw new ImportRejectedException(1, header.malformed());
        }
        columns = CsvColumns.of(header.fields(), format);
        acceptHeader(header.fields());

        List<ImportLane> lanes = new ArrayList<>();
        long started = System.nanoTime();
        try {
            lanes.add(new ImportLane(this, batches, connection, false));
            for (int i = 1; i < laneCount; i++) {
                lanes.add(new ImportLane(this, batches, moreConnections.open(), true));
            }
            startedAt = databaseNow();
            for (ImportLane lane : lanes) {
                lane.prepare();
            }
            beforeBatches();
            // Two stages overlap: this thread parses and checks rows while each lane's merger thread has
            // PostgreSQL copy and merge the lane's previous batch. Each hand-over queue holds one batch,
            // so memory stays at a few batches per lane whatever the file's size.
            try (LaneMergers mergers = new LaneMergers(lanes)) {
                long lines = 0;
                for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                    lines = row.line();
                    CsvColumns.Misfit misfit = columns.misfit(row);
                    if (misfit != null) {
                        report.reject(row.line(), misfit.column(), misfit.reason());
                    } else {
                        ImportLane lane = lanes.get(lanesTakeTurns ? turn : laneOf(row, lanes.size()));
                        filling = lane;
                        stage(row, lane.out);
                        if (lane.out.rows() == batchSize) {
                            lane.submit(batches.seal(lane, lines, started, false));
                            turn = (turn + 1) % lanes.size();
                        }
                        mergers.rethrowFailure();
                    }
                }
                for (int i = 0; i < lanes.size(); i++) {
                    // In turn order, so a lane's final batch follows the batches sealed before it.
                    ImportLane lane = lanes.get((turn + i) % lanes.size());
                    lane.submit(batches.seal(lane, lines, started, true));
                }
            }
            afterBatches();
        } catch (SQLException | IOException | RuntimeException e) {
            for (ImportLane lane : lanes) {
                // The failed batches go first: no lane keeps an aborted transaction open while the
                // committed batches are dealt with.
                lane.connection.rollback();
            }
            afterFailure();
            throw e;
        } finally {
            for (ImportLane lane : lanes) {
                lane.cleanUp();
            }
        }
        return report.build();
    }

    /**
     * Records a key of the row being staged (a unique value it writes, e.g. its externalId or phone). Two batches
     * claiming the same key never merge at the same time: the later one waits for the earlier one's commit, so
     * the first line still wins and two lanes never insert the same unique value at once. Only kept (as 64-bit
     * hashes) while the batch is uncommitted; a hash collision costs a needless wait, never a wrong result.
     */
    protected final void claim(String kind, String key) {
        if (key != null && lanesTakeTurns) {
            filling.keys.add(KeyHashes.of(kind, key));
        }
    }

    void logProgress(long lines, long started, StageClock stages) {
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof(
                "Import of %s: %,d lines done, %,d imported, %,d updated, %,d rejected (%.0f lines/s); batch s: %s",
                what,
                lines,
                report.imported(),
                report.updated(),
                report.rejectedCount(),
                lines / Math.max(seconds, 1e-3),
                stages);
    }

    private Instant databaseNow() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return Jdbc.getInstant(rs, 1);
        }
    }

    protected String value(CsvReader.Row row, String column) {
        return columns.value(row, column);
    }

    /** An amount column's value with a decimal point, whichever decimal mark the file uses. */
    protected String amount(CsvReader.Row row, String column) {
        String v = columns.value(row, column);
        return format.decimalComma() ? DecimalComma.toPoint(v) : v;
    }

    protected boolean hasColumn(String column) {
        return columns.has(column);
    }

    protected static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a DELETE … RETURNING line, field-free reason text; each returned row becomes a rejection. */
    protected void rejectWhere(Connection connection, String deleteReturningLineAndReason, String field)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(deleteReturningLineAndReason);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                report.reject(rs.getLong(1), field, rs.getString(2));
            }
        }
    }
}
