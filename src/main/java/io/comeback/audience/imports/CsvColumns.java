package io.comeback.audience.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns an import's header names, and whether a row fits them: as many fields, bytes its encoding reads, no NUL character
 * (PostgreSQL cannot store one). What a row's values mean is the import's own business.
 */
final class CsvColumns {

    /** Why a row does not fit: the column at fault (null for the whole row) and the reason. */
    record Misfit(String column, String reason) {}

    private final Map<String, Integer> index;
    private final String undecodable;

    private CsvColumns(Map<String, Integer> index, String undecodable) {
        this.index = index;
        this.undecodable = undecodable;
    }

    /** The header's columns; throws {@link ImportRejectedException} for a column without a name or named twice. */
    static CsvColumns of(List<String> header, CsvFormat format) {
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
        return new CsvColumns(index, undecodable(format));
    }

    /** Why a row holds bytes its encoding cannot read: the reader put U+FFFD in their place. */
    private static String undecodable(CsvFormat format) {
        if (format.charset().equals(java.nio.charset.StandardCharsets.UTF_8)) {
            return "malformed: bytes that are not UTF-8 (the file was read as UTF-8"
                    + ("bytes".equals(format.encodingFrom()) ? ", judged from its first bytes" : "")
                    + "); save the file as CSV UTF-8, or send charset=windows-1252 in the Content-Type";
        }
        return "malformed: bytes that " + format.encoding() + " cannot read; save the file as CSV UTF-8";
    }

    /** Why the row cannot be staged, or null when it fits the header. */
    Misfit misfit(CsvReader.Row row) {
        if (row.isMalformed()) {
            return new Misfit(null, "malformed: " + row.malformed());
        }
        if (row.fields().size() != index.size()) {
            return new Misfit(
                    null,
                    "malformed: expected " + index.size() + " fields as in the header, found "
                            + row.fields().size());
        }
        if (row.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0)) {
            return new Misfit(null, undecodable);
        }
        String nul = nulColumn(row);
        if (nul != null) {
            return new Misfit(nul, "holds a NUL character (\\u0000), which cannot be stored; remove it");
        }
        return null;
    }

    /** The row's value in the column; null when the column is absent or the field empty. */
    String value(CsvReader.Row row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String v = row.fields().get(i);
        return v.isEmpty() ? null : v;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    /** The column of the row's first field holding a NUL character, or null. */
    private String nulColumn(CsvReader.Row row) {
        List<String> fields = row.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).indexOf('\0') >= 0) {
                for (Map.Entry<String, Integer> column : index.entrySet()) {
                    if (column.getValue() == i) {
                        return column.getKey();
                    }
                }
            }
        }
        return null;
    }
}
