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
 */
public final class Instants {

    /** The first and last instants the service accepts (UTC). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Says the range in words, for messages. */
    public static final String RANGE = "between the years 0001 and 9999";

    private Instants() {
    }

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
            // The usual forms without DateTimeFormatter; the others reach it through IsoInstants' fallback or below.
            return Optional.of(IsoInstants.parse(s));
        } catch (DateTimeException fast) {
            // not one of IsoInstants' forms, nor Instant.parse's: try the offset forms OffsetDateTime reads
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
}
