package io.comeback.shops;

import io.comeback.audience.imports.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

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
