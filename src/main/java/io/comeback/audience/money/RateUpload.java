package io.comeback.audience.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rates the operator sends (a JSON object or a {@code currency,rate} CSV file), each judged before any is stored: an
 * ISO 4217 code other than the reporting currency, and a number above 0 that fits {@code numeric(24,10)}. One
 * problem refuses the whole upload, so every problem is reported at once.
 */
public final class RateUpload {

    /** What is wrong with one rate: its CSV line (null for JSON) or its JSON field, and why. */
    public record Problem(Long line, String field, String message) {}

    /** The rates to store, by code, or the problems that refuse them all. */
    public record Judged(Map<String, BigDecimal> rates, List<Problem> problems) {}

    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern GROUPING = Pattern.compile("[ \u00A0\u202F]");
    /** numeric(24,10): at most 14 digits before the point. */
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(14);

    private final String reportingCurrency;
    private final Map<String, BigDecimal> rates = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private RateUpload(String reportingCurrency) {
        this.reportingCurrency = reportingCurrency;
    }

    /** A JSON object's entries: code to a number (or a number as text); problems name {@code rates.<code>}. */
    public static Judged ofJson(Map<String, String> entries, String reportingCurrency) {
        RateUpload upload = new RateUpload(reportingCurrency);
        if (entries == null || entries.isEmpty()) {
            upload.problems.add(new Problem(null, "rates", "give at least one rate, e.g. {\"rates\":{\"EUR\":11.70}}"));
        } else {
            entries.forEach((code, rate) -> upload.judge(null, "rates." + code, code, rate));
        }
        return upload.judged();
    }

    /**
     * A CSV file of {@code currency,rate} lines, with or without that header. A file whose first line holds a
     * {@code ;} is separated by {@code ;} and its rates may have a decimal comma, as a Nordic spreadsheet saves them.
     */
    public static Judged ofCsv(String text, String reportingCurrency) {
        RateUpload upload = new RateUpload(reportingCurrency);
        String[] lines = (text == null ? "" : text.replace("\uFEFF", "")).split("\r\n|\r|\n", -1);
        Character separator = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (separator == null) {
                separator = line.indexOf(';') >= 0 ? ';' : ',';
                if (line.toLowerCase(Locale.ROOT).replace("\"", "").startsWith("currency" + separator)) {
                    continue;
                }
            }
            upload.csvLine(i + 1L, line, separator);
        }
        if (upload.rates.isEmpty() && upload.problems.isEmpty()) {
            upload.problems.add(new Problem(null, "rates", "the file holds no rates; send lines of currency,rate"));
        }
        return upload.judged();
    }

    private void csvLine(long line, String text, char separator) {
        String[] fields = text.split(Pattern.quote(String.valueOf(separator)), -1);
        if (fields.length != 2) {
            problems.add(new Problem(
                    line, null, "expected two fields, currency" + separator + "rate, found " + fields.length));
            return;
        }
        String rate = unquote(fields[1]);
        if (separator == ';') {
            rate = GROUPING.matcher(rate).replaceAll("").replace(',', '.');
        }
        judge(line, null, unquote(fields[0]), rate);
    }

    private void judge(Long line, String field, String rawCode, String rawRate) {
        String code = rawCode == null ? "" : rawCode.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches() || !isIso(code)) {
            problem(line, field, "'" + rawCode + "' is not an ISO 4217 currency code such as EUR");
            return;
        }
        if (code.equals(reportingCurrency)) {
            problem(line, field, code + " is the reporting currency; it always converts at 1");
            return;
        }
        if (rates.containsKey(code)) {
            problem(line, field, code + " is given twice");
            return;
        }
        String text = rawRate == null ? "" : rawRate.strip();
        if (!NUMBER.matcher(text).matches()) {
            problem(
                    line,
                    field,
                    "'" + rawRate + "' is not a number; give the units of " + reportingCurrency + " one " + code
                            + " is worth, e.g. 11.70");
            return;
        }
        BigDecimal rate = new BigDecimal(text).setScale(ExchangeRates.RATE_SCALE, RoundingMode.HALF_UP);
        if (rate.signum() <= 0) {
            problem(line, field, "a rate must be above 0, not " + text);
        } else if (rate.compareTo(LIMIT) >= 0) {
            problem(line, field, "a rate must be below 10^14, not " + text);
        } else {
            rates.put(code, rate.stripTrailingZeros());
        }
    }

    private void problem(Long line, String field, String message) {
        problems.add(new Problem(line, field, message));
    }

    private Judged judged() {
        return problems.isEmpty()
                ? new Judged(Map.copyOf(rates), List.of())
                : new Judged(Map.of(), List.copyOf(problems));
    }

    private static boolean isIso(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String unquote(String field) {
        String f = field.strip();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }
}
