package io.comeback.audience.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
 * Holds one record at a time, so a file of millions of rows never sits in memory. Each record
 * knows the physical line it starts on (the header is line 1), which is what a person sees in
 * a spreadsheet or editor.
 */
public final class CsvReader {

    /** One record, or the reason it could not be read. */
    public record Row(long line, List<String> fields, String malformed) {
        public boolean isMalformed() {
            return malformed != null;
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private long line = 1;
    private int pushedBack = -2;
    private boolean started;
    // Own buffer: a per-character call into a Reader costs more than the parsing itself.
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;

    public CsvReader(Reader in) {
        this.in = in;
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
        while (true) {
            if (quoted) {
                if (c == EOF) {
                    fields.add(field.toString());
                    return new Row(startLine, fields, "a quoted field opened here is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == ',' || c == '\r' || c == '\n' || c == EOF) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (c == ',') {
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
            field.append((char) c);
            c = read();
        }
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
