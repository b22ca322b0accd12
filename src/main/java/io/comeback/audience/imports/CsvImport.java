package io.comeback.audience.imports;

import io.comeback.support.Jdbc;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

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
    private final OrderFactFolds.ConnectionSource moreConnections;
    private final int laneCount;
    /**
     * Batches take turns over the lanes (batch n to lane n mod lanes) instead of rows going by {@link #laneOf}:
     * for tables with more than one unique key, where no single key routes every clash to one lane.
     */
    private final boolean lanesTakeTurns;
    /** Sealed batches not committed yet, oldest first: a batch sharing a {@link #claim}ed key with one waits for it. */
    private final List<Sealed> uncommitted = new ArrayList<>();
    private volatile boolean laneFailed;
    private Lane filling;
    private int turn;
    protected Map<String, Integer> columns;
    /** The database's clock when the import began: rows written since then were written by this import. */
    protected Instant startedAt;

    /**
     * @param lanes how many connections merge batches at once ({@link #laneOf}); lanes beyond the first
     *              take their connection from {@code moreConnections}
     */
    protected CsvImport(Connection connection, int batchSize, int maxListedRejections, String what,
                        int lanes, OrderFactFolds.ConnectionSource moreConnections) {
        this(connection, batchSize, maxListedRejections, what, lanes, moreConnections, false);
    }

    /**
     * @param lanesTakeTurns true: batches go to the lanes in turn, and a batch that shares a key ({@link #claim})
     *                       with an earlier batch not committed yet waits for its commit before it merges
     */
    protected CsvImport(Connection connection, int batchSize, int maxListedRejections, String what,
                        int lanes, OrderFactFolds.ConnectionSource moreConnections, boolean lanesTakeTurns) {
        this.lanesTakeTurns = lanesTakeTurns;
        this.connection = connection;
        this.batchSize = batchSize;
        this.report = new ImportReport.Builder(maxListedRejections);
        this.what = what;
        this.laneCount = moreConnections == null ? 1 : Math.max(1, lanes);
        this.moreConnections = moreConnections;
    }

    protected CsvImport(Connection connection, int batchSize, int maxListedRejections, String what) {
        this(connection, batchSize, maxListedRejections, what, 1, null);
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
    protected void beforeBatches() throws SQLException {
    }

    /** Runs after the last batch has committed: work done once per import rather than per batch. */
    protected void afterBatches() throws SQLException {
    }

    /** Runs after a failure, the failed batch rolled back; the batches committed before it stay. */
    protected void afterFailure() {
    }

    ImportReport run(Reader input, CsvReader.Limits limits) throws IOException, SQLException {
        CsvReader csv = new CsvReader(input, limits);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new ImportRejectedException(1, "the file is empty: the first line must name the columns");
        }
        if (header.isMalformed()) {
            throw new ImportRejectedException(1, header.malformed());
        }
        columns = indexColumns(header.fields());
        acceptHeader(header.fields());

        List<Lane> lanes = new ArrayList<>();
        long started = System.nanoTime();
        try {
            lanes.add(new Lane(connection, false));
            for (int i = 1; i < laneCount; i++) {
                lanes.add(new Lane(moreConnections.open(), true));
            }
            startedAt = databaseNow();
            for (Lane lane : lanes) {
                lane.prepare();
            }
            beforeBatches();
            // Two stages overlap: this thread parses and checks rows while each lane's merger thread has
            // PostgreSQL copy and merge the lane's previous batch. Each hand-over queue holds one batch,
            // so memory stays at a few batches per lane whatever the file's size.
            try (Mergers mergers = new Mergers(lanes)) {
                long lines = 0;
                for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                    lines = row.line();
                    if (row.isMalformed()) {
                        report.reject(row.line(), null, "malformed: " + row.malformed());
                    } else if (row.fields().size() != columns.size()) {
                        report.reject(row.line(), null, "malformed: expected " + columns.size() + " fields as in the header, found " + row.fields().size());
                    } else if (row.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0)) {
                        report.reject(row.line(), null, "malformed: bytes that are not UTF-8; save the file as CSV UTF-8");
                    } else if (nulColumn(row) != null) {
                        report.reject(row.line(), nulColumn(row),
                                "holds a NUL character (\\u0000), which cannot be stored; remove it");
                    } else {
                        Lane lane = lanes.get(lanesTakeTurns ? turn : laneOf(row, lanes.size()));
                        filling = lane;
                        stage(row, lane.out);
                        if (lane.out.rows() == batchSize) {
                            lane.submit(seal(lane, lines, started, false));
                            turn = (turn + 1) % lanes.size();
                        }
                        mergers.rethrowFailure();
                    }
                }
                for (int i = 0; i < lanes.size(); i++) {
                    // In turn order, so a lane's final batch follows the batches sealed before it.
                    Lane lane = lanes.get((turn + i) % lanes.size());
                    lane.submit(seal(lane, lines, started, true));
                }
            }
            afterBatches();
        } catch (SQLException | IOException | RuntimeException e) {
            for (Lane lane : lanes) {
                // The failed batches go first: no lane keeps an aborted transaction open while the
                // committed batches are dealt with.
                lane.connection.rollback();
            }
            afterFailure();
            throw e;
        } finally {
            for (Lane lane : lanes) {
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

    private Batch seal(Lane lane, long lines, long started, boolean last) {
        long[] keys = lane.keys.sorted();
        lane.keys = new KeyHashes();
        // Only the reading thread touches this list; lanes only complete the futures.
        uncommitted.removeIf(b -> b.committed().isDone());
        List<CompletableFuture<Void>> after = new ArrayList<>();
        for (Sealed earlier : uncommitted) {
            if (KeyHashes.intersect(keys, earlier.keys())) {
                after.add(earlier.committed());
            }
        }
        Batch batch = new Batch(lane.out.toBytes(), lines, started, last, after, new CompletableFuture<>());
        lane.out = new CopyRowWriter();
        if (keys.length > 0) {
            uncommitted.add(new Sealed(keys, batch.committed()));
        }
        return batch;
    }

    /** What a later batch compares its keys with: no rows, so waiting batches hold no memory of earlier ones. */
    private record Sealed(long[] keys, CompletableFuture<Void> committed) {
    }

    /**
     * @param after     commits of earlier batches sharing a key with this one: it merges once they are done
     * @param committed completed by the lane once the batch has committed (exceptionally when it failed)
     */
    record Batch(byte[] copyRows, long lastLine, long importStarted, boolean last, List<CompletableFuture<Void>> after,
                 CompletableFuture<Void> committed) {

        Batch(byte[] copyRows, long lastLine, long importStarted, boolean last) {
            this(copyRows, lastLine, importStarted, last, List.of(), new CompletableFuture<>());
        }
    }

    private void awaitCommitOf(List<CompletableFuture<Void>> earlier) throws InterruptedException {
        for (CompletableFuture<Void> committed : earlier) {
            while (true) {
                if (laneFailed) {
                    throw new StoppedByAnotherLane("import stopped: another connection failed");
                }
                try {
                    committed.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // poll the failure flag again
                } catch (ExecutionException e) {
                    throw new StoppedByAnotherLane("an earlier batch failed", e.getCause());
                }
            }
        }
    }

    /** A lane that stopped because another failed: the other lane's failure is the one to report. */
    private static final class StoppedByAnotherLane extends IllegalStateException {
        StoppedByAnotherLane(String message) {
            super(message);
        }

        StoppedByAnotherLane(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One connection with its staging tables, its merger thread and the batch being filled for it. */
    private final class Lane {
        final Connection connection;
        final boolean own;
        final boolean autoCommit;
        final StageClock stages = new StageClock();
        CopyRowWriter out = new CopyRowWriter();
        KeyHashes keys = new KeyHashes();
        BatchMerger merger;

        Lane(Connection connection, boolean own) throws SQLException {
            this.connection = connection;
            this.own = own;
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
        }

        void prepare() throws SQLException {
            execute(connection, createStagingTables());
            // Batches need not wait for their WAL flush: the final commit is synchronous and flushes
            // everything before it, so nothing reported to the client as imported can be lost.
            execute(connection, "SET synchronous_commit = off");
            // The merge statements are estimated far above jit_above_cost (lateral look-ups per row), so
            // PostgreSQL compiled ~70 functions with inlining and optimisation for every batch: 0.6–2.4 s
            // of a 100,000-row batch, for plans that run once. Sorts of a batch fit in 64 MB instead of
            // spilling to disk at the default 4 MB. All three are session settings, reset in cleanUp().
            execute(connection, "SET jit = off");
            execute(connection, "SET work_mem = '64MB'");
            connection.commit();
        }

        void submit(Batch batch) {
            merger.submit(batch);
        }

        void merge(Batch batch) throws SQLException, IOException, InterruptedException {
            try {
                mergeInOrder(batch);
                batch.committed().complete(null);
            } catch (SQLException | IOException | InterruptedException | RuntimeException e) {
                laneFailed = true;
                batch.committed().completeExceptionally(e);
                throw e;
            }
        }

        private void mergeInOrder(Batch batch) throws SQLException, IOException, InterruptedException {
            stages.start();
            if (!batch.after().isEmpty()) {
                awaitCommitOf(batch.after());
                stages.mark("wait");
            }
            CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            copyManager.copyIn(copyIntoStaging(), new java.io.ByteArrayInputStream(batch.copyRows()));
            stages.mark("copy");
            mergeBatch(connection, stages);
            if (batch.last()) {
                execute(connection, "SET LOCAL synchronous_commit = on");
            }
            connection.commit();
            stages.mark("commit");
            logProgress(batch.lastLine(), batch.importStarted(), stages);
        }

        void cleanUp() {
            try {
                connection.rollback();
                execute(connection, "RESET synchronous_commit");
                execute(connection, "RESET jit");
                execute(connection, "RESET work_mem");
                execute(connection, dropStagingTables());
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

    /** The merger threads of all lanes: started together, closed together, the first failure surfacing. */
    private static final class Mergers implements AutoCloseable {
        private final List<Lane> lanes;

        Mergers(List<Lane> lanes) {
            this.lanes = lanes;
            for (Lane lane : lanes) {
                lane.merger = new BatchMerger(lane::merge, 1);
            }
        }

        /** A lane that failed stops the import at once, not when its next batch is handed over. */
        void rethrowFailure() {
            onEveryLane(BatchMerger::rethrowFailure);
        }

        /** The failure to report of two: a lane's own failure rather than another lane stopping because of it. */
        private static RuntimeException cause(RuntimeException first, RuntimeException next) {
            return first == null || first instanceof StoppedByAnotherLane ? next : first;
        }

        @Override
        public void close() {
            onEveryLane(BatchMerger::close);
        }

        /** Runs on every lane even when one throws, then throws the failure to report. */
        private void onEveryLane(Consumer<BatchMerger> action) {
            RuntimeException first = null;
            for (Lane lane : lanes) {
                try {
                    action.accept(lane.merger);
                } catch (RuntimeException e) {
                    first = cause(first, e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void logProgress(long lines, long started, StageClock stages) {
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("Import of %s: %,d lines done, %,d imported, %,d updated, %,d rejected (%.0f lines/s); batch s: %s",
                what, lines, report.imported(), report.updated(), report.rejectedCount(), lines / Math.max(seconds, 1e-3), stages);
    }

    private Instant databaseNow() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return Jdbc.getInstant(rs, 1);
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

    /** The column of the row's first field holding a NUL character (PostgreSQL cannot store one), or null. */
    private String nulColumn(CsvReader.Row row) {
        List<String> fields = row.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).indexOf('\0') >= 0) {
                for (Map.Entry<String, Integer> column : columns.entrySet()) {
                    if (column.getValue() == i) {
                        return column.getKey();
                    }
                }
            }
        }
        return null;
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

    protected static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a DELETE … RETURNING line, field-free reason text; each returned row becomes a rejection. */
    protected void rejectWhere(Connection connection, String deleteReturningLineAndReason, String field) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(deleteReturningLineAndReason);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                report.reject(rs.getLong(1), field, rs.getString(2));
            }
        }
    }
}
