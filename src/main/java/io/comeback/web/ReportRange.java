package io.comeback.web;

import io.comeback.audience.Instants;
import io.comeback.reports.ReportInterval;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The query parameters every report takes: {@code from}/{@code to} as ISO dates (start of that day in
 * the zone) or instants, the last 30 days by default; a bad value is a 400 naming the parameter.
 */
record ReportRange(Instant from, Instant to, ZoneId zone) {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    static ReportRange parse(String from, String to, String zone, ZoneId defaultZone, Instant now) {
        ZoneId z = zone(zone, defaultZone);
        Instant end = bound("to", to, z).orElse(now);
        Instant start = bound("from", from, z).orElse(end.minus(DEFAULT_SPAN));
        if (!start.isBefore(end)) {
            throw badRequest("from", "must be before to (" + start + " is not before " + end + ")");
        }
        return new ReportRange(start, end, z);
    }

    static ReportInterval interval(String raw) {
        if (raw == null || raw.isBlank()) {
            return ReportInterval.MONTH;
        }
        return ReportInterval.parse(raw)
                .orElseThrow(() -> badRequest("interval", "'" + raw + "' is not an interval; use day, week or month"));
    }

    static ProblemException badRequest(String parameter, String message) {
        return new ProblemException(
                400,
                "Bad request",
                parameter + ": " + message,
                List.of(ProblemDetails.Violation.ofField(parameter, message)));
    }

    private static ZoneId zone(String raw, ZoneId fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            throw badRequest("zone", "'" + raw + "' is not a time zone; write an IANA name such as Europe/Oslo");
        }
    }

    private static Optional<Instant> bound(String name, String raw, ZoneId zone) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.trim();
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeException notADate) {
            return Optional.of(
                    Instants.parse(text)
                            .orElseThrow(
                                    () -> badRequest(
                                            name,
                                            Instants.outOfRange(text)
                                                    ? Instants.problem(raw, "2026-10-01T00:00:00Z")
                                                    : "'" + raw
                                                            + "' is neither a date nor an instant; write e.g. 2026-10-01 or 2026-10-01T00:00:00Z")));
        }
        if (!Instants.inRange(day)) {
            throw badRequest(
                    name, "'" + raw + "' is outside the range that can be stored: a date must be " + Instants.RANGE);
        }
        return Optional.of(day.atStartOfDay(zone).toInstant());
    }
}
