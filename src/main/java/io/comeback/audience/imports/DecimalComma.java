package io.comeback.audience.imports;

import java.util.regex.Pattern;

/**
 * Amounts as a spreadsheet with a decimal comma writes them ({@code 1 234,50}, {@code 1234,5}, {@code 1.234,50})
 * rewritten with a decimal point for the validator, which then judges them like any amount. Thousands may be
 * grouped by a space (also the no-break spaces Excel writes) or a point, in groups of three. Text that is not such
 * a number is passed on unchanged, so its error names what was written.
 */
final class DecimalComma {

    private static final String GROUP = "[ .\u00A0\u202F]";
    private static final Pattern WITH_COMMA = Pattern.compile("[+-]?(\\d{1,3}(" + GROUP + "\\d{3})+|\\d+),\\d+");
    private static final Pattern GROUPED_WHOLE = Pattern.compile("[+-]?\\d{1,3}(" + GROUP + "\\d{3})+");
    private static final Pattern GROUP_MARKS = Pattern.compile(GROUP);

    private DecimalComma() {}

    /** The amount with a decimal point and no grouping, or the text as it was when it is not a comma amount. */
    static String toPoint(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (WITH_COMMA.matcher(t).matches()) {
            return GROUP_MARKS.matcher(t).replaceAll("").replace(',', '.');
        }
        if (GROUPED_WHOLE.matcher(t).matches()) {
            return GROUP_MARKS.matcher(t).replaceAll("");
        }
        return text;
    }
}
