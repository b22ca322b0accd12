package io.comeback.audience;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants in the forms the enrollment state holds and shops send most, without {@code DateTimeFormatter}
 * (the larger part of reading and writing a state, and of checking a CSV row). Anything else goes to {@link Instant#parse} and
 * {@link Instant#toString}, which accept and write the same forms, only slower.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:MM)}, as Jackson and PostgreSQL write them; else {@link Instant#parse}. */
    public static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
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
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(s);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
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
