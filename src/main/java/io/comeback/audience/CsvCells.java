package io.comeback.audience;

import java.util.regex.Pattern;

/**
 * One cell of a CSV file the service writes (consent export, reports), safe to open in a spreadsheet: RFC 4180
 * quoting, and text that a spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +cmd|…},
 * {@code -2+3}, {@code @SUM(…)}, or one starting with a tab or carriage return) is written with a leading
 * {@code '}, which spreadsheets show as text. A plain number keeps its sign ({@code -0.25}, {@code +4791234567}):
 * it cannot run anything and reports need it as a number.
 */
public final class CsvCells {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private CsvCells() {}

    /** The cell for a value: empty for null, neutralised when it would start a formula, quoted when needed. */
    public static String of(Object value) {
        return of(value, ',');
    }

    /** {@link #of(Object)} for a file whose cells are separated by {@code separator} ({@link CsvDialect}). */
    static String of(Object value, char separator) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (startsFormula(text)) {
            text = "'" + text;
        }
        if (text.indexOf(separator) >= 0
                || text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static boolean startsFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (first == '='
                || first == '@'
                || first == '\t'
                || first == '\r'
                || first == '\uFF1D'
                || first == '\uFF20'
                || first == '\uFF0B'
                || first == '\uFF0D') { // full-width = @ + -
            return true;
        }
        return (first == '+' || first == '-') && !PLAIN_NUMBER.matcher(text).matches();
    }
}
