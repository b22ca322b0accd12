package io.comeback.web.dashboard;

import io.comeback.audience.Instants;
import io.quarkus.qute.TemplateData;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The period a page reports on. {@code from}/{@code to} are dates in the shop's time zone (the form's date fields;
 * {@code to} counts its whole day) or exact instants ({@code 2026-01-01T00:00:00Z}, what the JSON API takes).
 */
@TemplateData
public record Period(Instant from, Instant to, String fromDate, String toDate, String error) {

    static Period parse(String from, String to, Instant defaultFrom, Instant defaultTo, ZoneId zone) {
        String error = null;
        Instant start = defaultFrom;
        Instant end = defaultTo;
        try {
            if (from != null && !from.isBlank()) {
                start = instant(from.strip(), zone, false);
            }
            if (to != null && !to.isBlank()) {
                end = instant(to.strip(), zone, true);
            }
        } catch (DateTimeParseException e) {
            error =
                    "Write dates as 2026-01-31 (or instants as 2026-01-31T00:00:00Z), in the years 0001 to 9999; showing the default period.";
            start = defaultFrom;
            end = defaultTo;
        }
        if (error == null && !start.isBefore(end)) {
            error = "The start must be before the end; showing the default period.";
            start = defaultFrom;
            end = defaultTo;
        }
        LocalDate lastDay = end.atZone(zone).minusNanos(1).toLocalDate();
        return new Period(start, end, start.atZone(zone).toLocalDate().toString(), lastDay.toString(), error);
    }

    /** The last {@code days} whole days up to the end of today, in the shop's zone. */
    static Period lastDays(int days, Clock clock, ZoneId zone, String from, String to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        Instant start = today.plusDays(1).minusDays(days).atStartOfDay(zone).toInstant();
        return parse(from, to, start, end, zone);
    }

    /**
     * This month so far and the {@code months} − 1 whole calendar months before it: the period ends today, so the
     * figures are current; the last month is partial and the overview marks it so.
     */
    static Period monthsToToday(int months, Clock clock, ZoneId zone, String from, String to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return parse(
                from,
                to,
                today.withDayOfMonth(1)
                        .minusMonths(months - 1L)
                        .atStartOfDay(zone)
                        .toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant(),
                zone);
    }

    private static Instant instant(String value, ZoneId zone, boolean end) {
        // Java reads years PostgreSQL cannot compare with (e.g. -5000): treated as any unreadable date.
        if (value.contains("T")) {
            Instant instant = Instant.parse(value);
            if (!Instants.inRange(instant)) {
                throw new DateTimeParseException("outside the years 0001-9999", value, 0);
            }
            return instant;
        }
        LocalDate day = LocalDate.parse(value);
        if (!Instants.inRange(day)) {
            throw new DateTimeParseException("outside the years 0001-9999", value, 0);
        }
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
    }

    public String fromIso() {
        return from.toString();
    }

    public String toIso() {
        return to.toString();
    }
}
