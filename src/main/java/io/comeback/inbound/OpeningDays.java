package io.comeback.inbound;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The calendar days the inbox is staffed: the open weekdays less the holidays. A holiday is either a day of every
 * year ({@code 12-25}) or one date ({@code 2031-04-18}, for holidays that move, such as Easter).
 */
final class OpeningDays {

    /** How far ahead an opening is looked for: a year of holidays is the most any shop closes. */
    private static final int LOOK_AHEAD_DAYS = 366;

    private final Set<DayOfWeek> weekdays;
    private final Set<MonthDay> everyYear;
    private final Set<LocalDate> dates;

    private OpeningDays(Set<DayOfWeek> weekdays, Set<MonthDay> everyYear, Set<LocalDate> dates) {
        this.weekdays = weekdays;
        this.everyYear = everyYear;
        this.dates = dates;
    }

    /**
     * @param days     open weekdays, e.g. {@code MON,TUE,WED,THU,FRI}
     * @param holidays closed days, e.g. {@code 12-24,12-25,2031-04-18}; {@code none} or blank for none
     */
    static OpeningDays parse(String days, String holidays) {
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        for (String d : words(days)) {
            weekdays.add(Arrays.stream(DayOfWeek.values())
                    .filter(w -> w.name().startsWith(d.toUpperCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Not a day of the week: " + d)));
        }
        Set<MonthDay> everyYear = new HashSet<>();
        Set<LocalDate> dates = new HashSet<>();
        if (holidays != null && !holidays.isBlank() && !"none".equalsIgnoreCase(holidays.strip())) {
            for (String h : words(holidays)) {
                try {
                    if (h.length() == 5) {
                        everyYear.add(MonthDay.parse("--" + h));
                    } else {
                        dates.add(LocalDate.parse(h));
                    }
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("comeback.inbox.business-hours.holidays: '" + h
                            + "' is neither a day of every year (12-25) nor a date (2031-04-18)");
                }
            }
        }
        return new OpeningDays(weekdays, everyYear, dates);
    }

    boolean isOpen(LocalDate day) {
        return weekdays.contains(day.getDayOfWeek()) && !everyYear.contains(MonthDay.from(day)) && !dates.contains(day);
    }

    /** The first open day on or after {@code from}; empty when none lies within a year (no open weekday). */
    Optional<LocalDate> firstOpenFrom(LocalDate from) {
        LocalDate day = from;
        for (int i = 0; i < LOOK_AHEAD_DAYS; i++, day = day.plusDays(1)) {
            if (isOpen(day)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static String[] words(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(w -> !w.isEmpty())
                .toArray(String[]::new);
    }
}
