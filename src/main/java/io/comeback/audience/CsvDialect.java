package io.comeback.audience;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a CSV file the service writes is spelled. {@link #STANDARD} is RFC 4180 in UTF-8 (what every export wrote
 * before dialects existed). {@link #EXCEL_NORDIC} is what Excel opens right with Nordic (and German…) regional
 * settings: {@code ;} between cells, a decimal comma in numbers, and a UTF-8 byte order mark, without which Excel
 * reads the file as Windows-1252 and shows æøå as mojibake. Both end rows with CRLF. Asked for by
 * {@code ?dialect=excel-nordic}.
 */
public enum CsvDialect {
    STANDARD("rfc4180", ','),
    EXCEL_NORDIC("excel-nordic", ';');

    private final String wireName;
    private final char separator;

    CsvDialect(String wireName, char separator) {
        this.wireName = wireName;
        this.separator = separator;
    }

    public String wireName() {
        return wireName;
    }

    /** The dialect a {@code ?dialect=} names (any case), empty when it names none. */
    public static Optional<CsvDialect> fromWire(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.wireName.equals(n)).findFirst();
    }

    /** What the file starts with: the byte order mark Excel needs to read UTF-8, or nothing. */
    public String start() {
        return this == EXCEL_NORDIC ? "\uFEFF" : "";
    }

    /** One row, its cells spelled by {@link #cell}, ended by CRLF. */
    public String row(Object... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(cell(values[i]));
        }
        return out.append("\r\n").toString();
    }

    /** One cell: {@link CsvCells#of} in the standard dialect; with a decimal comma and {@code ;} quoting otherwise. */
    public String cell(Object value) {
        if (this == STANDARD) {
            return CsvCells.of(value);
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                // A number cannot start a formula; its point becomes the comma Excel expects here.
                BigDecimal exact = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
                return exact.toPlainString().replace('.', ',');
            }
        }
        return CsvCells.of(value, separator);
    }
}
