package io.comeback.audience.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader (with {@code ,}, {@code ;} or tab between fields): quoted fields may hold separators, doubled quotes and line breaks.
 * Holds one record at a time, so a file of millions of rows never sits in memory. Each record
 * knows the physical line it starts on (the header is line 1), which is what a person sees in
 * a spreadsheet or editor.
 * <p>
 * A record is also bounded ({@link Limits}): a field, a record or a column count past its limit stops the reading
 * with {@link RecordTooLargeException} as soon as the limit is passed, so one line of a gigabyte, a quote that is
 * never closed (which would swallow the rest of the file) or a million columns never sit in memory either.
 */
public final class CsvReader {

    /** One record, or the reason it could not be read. */
    public record Row(long line, List<String> fields, String malformed) {
        public boolean isMalformed() {
            return malformed != null;
        }
    }

    /**
     * @param maxFieldLength  characters in one field
     * @param maxColumns      fields in one record
     * @param maxRecordLength characters in one record's fields, a separator each (line breaks inside quotes count)
     */
    public record Limits(int maxFieldLength, int maxColumns, int maxRecordLength) {
        /** Large enough for any file a test writes by hand. */
        public static final Limits GENEROUS = new Limits(1 << 20, 10_000, 1 << 22);
    }

    /** A record past one of the {@link Limits}: the file cannot be read on from there. */
    public static final class RecordTooLargeException extends ImportRejectedException {
        RecordTooLargeException(long line, String message) {
            super(line, message);
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    /** {@code ,} by default; {@code ;} or tab as {@link CsvFormatDetector} finds them. */
    private final char separator;

    private final int maxFieldLength;
    private final int maxColumns;
    private final int maxRecordLength;
    private long line = 1;
    private int pushedBack = -2;
    private boolean started;
    // Own buffer: a per-character call into a Reader costs more than the parsing itself.
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;

    public CsvReader(Reader in, Limits limits) {
        this(in, limits, ',');
    }

    public CsvReader(Reader in, Limits limits, char separator) {
        this.in = in;
        this.separator = separator;
        this.maxFieldLength = limits.maxFieldLength();
        this.maxColumns = limits.maxColumns();
        this.maxRecordLength = limits.maxRecordLength();
    }

    /** @return the next record, or null at the end of the input */
    public Row next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        while (c == '\r' || c == '\n') {
            // Blank lines carry no record.
            consumeLineBreak(c);
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String malformed = null;
        boolean quoted = false;
        boolean afterQuote = false;
        // Characters of the fields ended so far, a separator each: checked as each field ends, which bounds a record
        // to the record limit plus one field (itself bounded as it grows, character by character).
        int recordLength = 0;
        while (true) {
            if (quoted) {
                if (c == EOF) {
                    fields.add(field.toString());
                    return new Row(startLine, fields, "a quoted field opened here is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d != '"') {
                        quoted = false;
                        afterQuote = true;
                        c = d;
                        continue;
                    }
                } else if (c == '\n') {
                    line++;
                }
                if (field.length() == maxFieldLength) {
                    throw fieldTooLong(startLine, fields.size(), true);
                }
                field.append((char) c);
                c = read();
                continue;
            }
            if (c == separator || c == '\r' || c == '\n' || c == EOF) {
                if (fields.size() == maxColumns) {
                    throw new RecordTooLargeException(
                            startLine, "more than " + maxColumns + " columns (comeback.limits.csv.max-columns)");
                }
                recordLength += field.length() + 1;
                if (recordLength > maxRecordLength) {
                    throw new RecordTooLargeException(
                            startLine,
                            "the record is longer than " + maxRecordLength
                                    + " characters (comeback.limits.csv.max-record-length)");
                }
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (c == separator) {
                    c = read();
                    continue;
                }
                if (c != EOF) {
                    consumeLineBreak(c);
                }
                return new Row(startLine, fields, malformed);
            }
            if (afterQuote) {
                if (malformed == null) {
                    malformed = "text after a closing quote in field " + (fields.size() + 1)
                            + "; write a quote inside a quoted field as \"\"";
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                c = read();
                continue;
            }
            if (field.length() == maxFieldLength) {
                throw fieldTooLong(startLine, fields.size(), false);
            }
            field.append((char) c);
            c = read();
        }
    }

    /** Inside quotes, a field this long almost always means a quote that is never closed: say so. */
    private RecordTooLargeException fieldTooLong(long startLine, int index, boolean quoted) {
        String message = "field " + (index + 1) + " is longer than " + maxFieldLength
                + " characters (comeback.limits.csv.max-field-length)";
        return new RecordTooLargeException(
                startLine,
                quoted
                        ? message + ", inside a quoted field opened on this line: is its closing quote missing?"
                        : message);
    }

    /** Consumes one line break (\n, \r\n or \r) whose first character, already read, is {@code c}. */
    private void consumeLineBreak(int c) throws IOException {
        line++;
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                pushedBack = d;
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }
}
