package io.comeback.engine.run;

import io.comeback.engine.model.Trigger;
import io.comeback.engine.time.LocalSchedule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a {@code date} trigger fires for one customer, the same for the simulator and the runtime's
 * detection pass: the customer's date (its anniversary each year when {@code yearly}; 29 February is
 * 28 February in other years), moved by {@code offset_days}, at the trigger's local time in the
 * customer's zone, resolved DST-correct by {@link LocalSchedule} (a time the clocks skip is the moment
 * they jump; a time they pass twice is its first occurrence).
 */
public final class DateTriggerTimes {

    /** One time the date comes round: the local day it falls on (offset applied) and the instant the trigger fires. */
    public record Occurrence(LocalDate day, Instant dueAt) {}

    /** Years either side of a day to look at: the offset moves a year's occurrence by at most 366 days. */
    private static final int YEARS_AROUND = 2;

    private DateTriggerTimes() {}

    /**
     * The customer's date as flows read dates: {@code yyyy-mm-dd}, of which a longer value (a date-time)
     * gives its first ten characters. Empty when there is none or it is not a date.
     */
    public static Optional<LocalDate> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return Optional.of(LocalDate.parse(text.substring(0, Math.min(10, text.length()))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The occurrence of {@code year}'s anniversary (yearly), or the date's one occurrence (other years: empty). */
    public static Optional<Occurrence> ofYear(Trigger.DateTrigger trigger, LocalDate date, int year, ZoneId zone) {
        LocalDate base;
        if (trigger.yearly()) {
            try {
                base = date.withYear(year); // 29 February becomes 28 February in a year without it
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        } else if (year == date.getYear()) {
            base = date;
        } else {
            return Optional.empty();
        }
        LocalDate day = base.plusDays(trigger.offsetDays());
        return Optional.of(new Occurrence(day, LocalSchedule.atDate(day, trigger.at(), zone)));
    }

    /**
     * The latest occurrence due in {@code (after, upTo]} whose day is later than {@code lastDay} (the last
     * occurrence the customer was matched for; null for none).
     */
    public static Optional<Occurrence> dueBetween(
            Trigger.DateTrigger trigger, LocalDate date, ZoneId zone, Instant after, Instant upTo, LocalDate lastDay) {
        Occurrence latest = null;
        int from = after.atZone(zone).getYear() - YEARS_AROUND;
        int to = upTo.atZone(zone).getYear() + YEARS_AROUND;
        for (int year = from; year <= to; year++) {
            Optional<Occurrence> o = ofYear(trigger, date, year, zone);
            if (o.isPresent()
                    && o.get().dueAt().isAfter(after)
                    && !o.get().dueAt().isAfter(upTo)
                    && (lastDay == null || o.get().day().isAfter(lastDay))
                    && (latest == null || o.get().dueAt().isAfter(latest.dueAt()))) {
                latest = o.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The first occurrence due at or after {@code from}; empty when the date never comes round again. */
    public static Optional<Occurrence> firstAtOrAfter(
            Trigger.DateTrigger trigger, LocalDate date, ZoneId zone, Instant from) {
        int first = from.atZone(zone).getYear() - YEARS_AROUND;
        int last = first + 2 * YEARS_AROUND + 1;
        if (!trigger.yearly()) {
            first = date.getYear();
            last = first;
        }
        for (int year = first; year <= last; year++) {
            Optional<Occurrence> o = ofYear(trigger, date, year, zone);
            if (o.isPresent() && !o.get().dueAt().isBefore(from)) {
                return o;
            }
        }
        return Optional.empty();
    }
}
