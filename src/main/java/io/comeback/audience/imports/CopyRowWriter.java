package io.comeback.audience.imports;

import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/** Encodes rows in PostgreSQL's COPY text format and hands them to the server in large chunks. */
final class CopyRowWriter {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_AT + 4096);
    private final StringBuilder row = new StringBuilder(256);
    private boolean firstField = true;

    CopyRowWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyRowWriter field(Object value) {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
        if (value == null) {
            row.append("\\N");
            return this;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    void endRow() throws SQLException {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        row.setLength(0);
        firstField = true;
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    /** @return the number of rows the server took */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }
}
