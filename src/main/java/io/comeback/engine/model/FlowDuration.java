package io.comeback.engine.model;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as marketers write it: {@code P3D}, {@code P1W}, {@code PT2H},
 * {@code P1DT12H}, {@code P6M}.
 *
 * <p>It keeps calendar units (years, months, weeks, days) apart from clock units (hours,
 * minutes, seconds) because they mean different things on the recipient's calendar:
 * "wait P1D" after a message sent at 10:00 means 10:00 tomorrow even across a daylight-saving
 * change (23 or 25 hours), while "wait PT24H" means exactly 24 hours. {@link #addTo(Instant, ZoneId)}
 * applies the calendar part in the recipient's zone, then the clock part.
 *
 * <p>Only whole, non-negative numbers are accepted; fractions ({@code PT1.5H}) and signs are not,
 * so every duration has one obvious spelling.
 */
public record FlowDuration(Period datePart, Duration timePart, String text) {

    private static final Pattern ISO =
            Pattern.compile("P(?:(\\d{1,6})Y)?(?:(\\d{1,6})M)?(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?"
                    + "(?:T(?:(\\d{1,6})H)?(?:(\\d{1,6})M)?(?:(\\d{1,6})S)?)?");

    private static final Duration AVERAGE_MONTH = Duration.ofSeconds(2_629_746); // 365.2425 d / 12

    /**
     * The longest duration a flow may use. Waits, windows and cool-downs of years are plausible; beyond
     * ten the flow is mistyped, and a wake-up time past PostgreSQL's last storable year would make every
     * batch that holds it fail.
     */
    public static final FlowDuration LONGEST = new FlowDuration(Period.ofYears(10), Duration.ZERO, "P10Y");

    /** Parses the accepted ISO-8601 subset, or returns empty; {@code parse.Durations} explains failures. */
    public static Optional<FlowDuration> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        Matcher m = ISO.matcher(upper);
        if (!m.matches() || upper.equals("P") || upper.endsWith("T")) {
            return Optional.empty();
        }
        int years = group(m, 1);
        int months = group(m, 2);
        int days = group(m, 3) * 7 + group(m, 4);
        Duration clock = Duration.ofHours(group(m, 5)).plusMinutes(group(m, 6)).plusSeconds(group(m, 7));
        return Optional.of(new FlowDuration(Period.of(years, months, days), clock, upper));
    }

    /** For code and tests: throws when {@code text} is not an accepted duration. */
    public static FlowDuration of(String text) {
        return tryParse(text)
                .orElseThrow(
                        () -> new IllegalArgumentException("not an ISO-8601 duration such as P3D or PT2H: " + text));
    }

    public static FlowDuration ofDays(int days) {
        return of("P" + days + "D");
    }

    private static int group(Matcher m, int index) {
        String value = m.group(index);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Calendar part in the recipient's zone (DST-correct), then the exact clock part. */
    public ZonedDateTime addTo(ZonedDateTime start) {
        return start.plus(datePart).plus(timePart);
    }

    public Instant addTo(Instant start, ZoneId zone) {
        return addTo(start.atZone(zone)).toInstant();
    }

    /**
     * A fixed-length estimate (months as 1/12 of a mean Gregorian year, days as 24 hours) for
     * comparing windows with each other, e.g. a customer's median gap between orders.
     * Never use it to schedule: use {@link #addTo}.
     */
    public Duration approximate() {
        return AVERAGE_MONTH
                .multipliedBy(datePart.toTotalMonths())
                .plusDays(datePart.getDays())
                .plus(timePart);
    }

    /** True when {@link #approximate() about} longer than {@link #LONGEST}, whatever the units written. */
    public boolean isTooLong() {
        return approximate().compareTo(LONGEST.approximate()) > 0;
    }

    public boolean isZero() {
        return datePart.isZero() && timePart.isZero();
    }

    /** As people say it, for pages and reasons: "120 days", "1 year 6 months", "2 hours 30 minutes"; never "P120D". */
    public String inWords() {
        List<String> parts = new ArrayList<>();
        add(parts, datePart.getYears(), "year");
        add(parts, datePart.getMonths(), "month");
        add(parts, datePart.getDays(), "day");
        add(parts, timePart.toHoursPart() + timePart.toDaysPart() * 24, "hour");
        add(parts, timePart.toMinutesPart(), "minute");
        add(parts, timePart.toSecondsPart(), "second");
        return parts.isEmpty() ? "0 days" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long n, String unit) {
        if (n != 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
