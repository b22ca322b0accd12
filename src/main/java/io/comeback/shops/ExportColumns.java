package io.comeback.shops;

import io.comeback.audience.imports.CsvReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of a shop's export file by their names in its header, and whether a row fits that header. */
public final class ExportColumns {

    private final Map<String, Integer> index = new HashMap<>();
    private final int size;

    private ExportColumns(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            // The first of two columns of one name wins; shops do not repeat the ones Comeback reads.
            index.putIfAbsent(header.get(i).trim(), i);
        }
        this.size = header.size();
    }

    /**
     * The header's columns, or {@link ShopExportRefused} naming the required ones it lacks (the file is not the export
     * it was sent as).
     */
    public static ExportColumns of(CsvReader.Row header, String export, List<String> required) {
        List<String> fields = header == null || header.isMalformed() ? List.of() : header.fields();
        ExportColumns columns = new ExportColumns(fields);
        List<String> missing =
                required.stream().filter(c -> !columns.index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new ShopExportRefused(export, missing);
        }
        return columns;
    }

    /** Why the row cannot be read, or null when it fits the header. */
    public String misfit(CsvReader.Row row) {
        if (row.isMalformed()) {
            return "malformed: " + row.malformed();
        }
        if (row.fields().size() != size) {
            return "malformed: expected " + size + " fields as in the header, found "
                    + row.fields().size();
        }
        if (row.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0)) {
            return "malformed: bytes that are not UTF-8; export the file again or save it as CSV UTF-8";
        }
        return null;
    }

    /**
     * The row's value in the column, trimmed; null when the column is absent or the field blank. A leading apostrophe
     * goes: the shop writes one before ids and numbers so that a spreadsheet keeps them as text.
     */
    public String value(CsvReader.Row row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String v = row.fields().get(i).trim();
        if (v.startsWith("'")) {
            v = v.substring(1).trim();
        }
        return v.isEmpty() ? null : v;
    }
}
