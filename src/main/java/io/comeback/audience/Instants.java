package io.comeback.audience;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Instants as shops send them: ISO-8601 with Z or an offset ({@code 2026-05-17T12:00:00+02:00}), in the years
 * 0001–9999. Java reads years far outside that (+300000, -5000) that PostgreSQL cannot store (its timestamps end in
 * 294276 and begin in 4713 BC), and no real order, event or consent is dated there; four-digit years also leave
 * room for the arithmetic done on them (windows, periods) without leaving PostgreSQL's range.
 * <p>
 * The forms the enrollment state holds and shops send most are read and written without
 * {@code DateTimeFormatter} ({@link #parseIso}, {@link #format}): that parser was the larger part of reading and
 * writing a state, and of checking a CSV row. Anything else goes to {@link Instant#parse} and
 * {@link Instant#toString}, which accept and write the same forms, only slower.
 */
public final class Instants {

    /** The first and last instants the service accepts (UTC). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Says the range in words, for messages. */
    public static final String RANGE = "between the years 0001 and 9999";

    private Instants() {}

    /** The instant, or empty when the text is not one or is outside {@link #EARLIEST}…{@link #LATEST} (see {@link #problem}). */
    public static Optional<Instant> parse(String raw) {
        return parseAnyYear(raw).filter(Instants::inRange);
    }

    /**
     * Why {@link #parse} refused the text, for a field's message: not an instant at all, or one outside the years
     * that can be stored. {@code example} is shown as what to write instead.
     */
    public static String problem(String raw, String example) {
        return outOfRange(raw)
                ? "'" + raw + "' is outside the range that can be stored: an instant must be " + RANGE
                : "'" + raw + "' is not an instant; write e.g. " + example;
    }

    /** True when the text is an instant, but one outside the years that can be stored. */
    public static boolean outOfRange(String raw) {
        return parseAnyYear(raw).filter(i -> !inRange(i)).isPresent();
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** A date in the years 0001–9999 (PostgreSQL's dates begin in 4713 BC). */
    public static boolean inRange(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    private static Optional<Instant> parseAnyYear(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim();
        try {
            // The usual forms without DateTimeFormatter; the others reach it through parseIso's fallback or below.
            return Optional.of(parseIso(s));
        } catch (DateTimeException fast) {
            // not one of parseIso's forms, nor Instant.parse's: try the offset forms OffsetDateTime reads
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeException e) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:MM)}, as Jackson and PostgreSQL write them; else {@link Instant#parse}.
     * Any year Instant reads: {@link #parse} is the one that keeps to the years that can be stored.
     */
    public static Instant parseIso(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int scale = 100_000_000;
            i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start >= 9) {
                    return Instant.parse(s);
                }
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) {
                return Instant.parse(s);
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return Instant.parse(s);
            }
            int offset = offsetHours * 3600 + offsetMinutes * 60;
            offsetSeconds = s.charAt(i) == '-' ? -offset : offset;
        } else {
            return Instant.parse(s);
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Instant.parse(s);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Instant.parse(s);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The same text as {@link Instant#toString} (ISO_INSTANT: fraction in groups of three digits, as needed). */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        LocalDate date = epochDay >= 0 && epochDay < 2_932_897 ? LocalDate.ofEpochDay(epochDay) : null; // 1970…9999
        if (date == null) {
            return instant.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder b = new StringBuilder(30);
        pad(b, date.getYear(), 4).append('-');
        pad(b, date.getMonthValue(), 2).append('-');
        pad(b, date.getDayOfMonth(), 2).append('T');
        pad(b, secondOfDay / 3600, 2).append(':');
        pad(b, secondOfDay / 60 % 60, 2).append(':');
        pad(b, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(b, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(b, nanos / 1_000, 6);
            } else {
                pad(b, nanos, 9);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** The non-negative number of `count` ASCII digits at `from`, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
