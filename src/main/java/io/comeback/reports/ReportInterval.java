package io.comeback.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** The calendar unit loyalty figures are grouped by (weeks start on Monday, ISO-8601). */
public enum ReportInterval {
    DAY,
    WEEK,
    MONTH;

    /** {@code day}, {@code week} or {@code month}, any case; empty for anything else. */
    public static Optional<ReportInterval> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (ReportInterval interval : values()) {
            if (interval.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural used in the lifetime-value formula: "months". */
    public String unitName() {
        return label() + "s";
    }

    /** First day of the calendar period containing {@code day}. */
    public LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
