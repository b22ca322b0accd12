package io.comeback.audience.imports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes rows in PostgreSQL's COPY text format into an in-memory batch. */
final class CopyRowWriter {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4 << 20);
    private final StringBuilder row = new StringBuilder(256);
    private boolean firstField = true;
    private int rows;

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

    void endRow() {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        row.setLength(0);
        firstField = true;
        rows++;
    }

    int rows() {
        return rows;
    }

    byte[] toBytes() {
        return buffer.toByteArray();
    }
}
