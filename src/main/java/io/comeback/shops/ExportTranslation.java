package io.comeback.shops;

import io.comeback.audience.imports.CsvReader;
import io.comeback.support.PlannerSettings;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * A shop's export file read as Comeback's own import CSV, a part at a time, so that the import streams it with its
 * usual memory bounds. Each translated record is written on the line its export record starts on (blank lines
 * between, which the import skips but counts), so what the import rejects is reported on the export's own lines.
 * What the translation itself refuses goes to {@link #rejections}.
 */
public abstract class ExportTranslation extends Reader {

    private final CsvReader in;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private int position;
    private long outputLine = 1;
    private boolean started;
    private boolean ended;
    protected final ExportRejections rejections;

    protected ExportTranslation(Reader export, CsvReader.Limits limits, int maxListed) {
        this.in = new CsvReader(export, limits);
        this.rejections = new ExportRejections(maxListed);
    }

    /**
     * Reads the export's header and writes the import's: call before the import begins, so that a file that is not
     * the export is refused ({@link ShopExportRefused}) before anything is stored.
     */
    public final void start() throws IOException {
        if (!started) {
            started = true;
            writeRecord(acceptHeader(in.next()));
        }
    }

    public ExportRejections rejections() {
        return rejections;
    }

    /** Checks the export's header (null: an empty file); returns the import's header. */
    protected abstract List<String> acceptHeader(CsvReader.Row header);

    /** Translates the next part of the export through {@link #emit}; false once the export has ended. */
    protected abstract boolean translateMore() throws IOException;

    /** Work on the database for a batch of the export's rows: looking its people up, creating some. */
    @FunctionalInterface
    protected interface BatchWork {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs a batch's work in one transaction, with the planner held to index look-ups: the statements probe a few
     * rows per person, are estimated far above that (JIT would compile each, at a fifth of a second a batch), and
     * may run right after a large import left the customers' statistics stale.
     */
    protected static void inBatch(DataSource dataSource, BatchWork work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                PlannerSettings.withoutJit(c);
                PlannerSettings.indexPathsOnly(c);
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("Could not look up the people of the export", e);
        }
    }

    protected final CsvReader.Row nextRow() throws IOException {
        return in.next();
    }

    /** Writes an import record on the export's line {@code line}; lines only go forward. */
    protected final void emit(long line, List<String> fields) {
        if (line <= outputLine) {
            throw new IllegalStateException("line " + line + " comes after line " + outputLine);
        }
        while (outputLine < line) {
            out.append('\n');
            outputLine++;
        }
        writeRecord(fields);
    }

    private void writeRecord(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f == null) {
                continue;
            }
            // One record, one line: a line break inside a field would move every later record off its line.
            f = f.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (!started) {
            start();
        }
        while (position == out.length()) {
            if (ended) {
                return -1;
            }
            out.setLength(0);
            position = 0;
            if (!translateMore()) {
                ended = true;
                out.append('\n');
            }
        }
        int n = Math.min(length, out.length() - position);
        out.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    @Override
    public void close() {}
}
