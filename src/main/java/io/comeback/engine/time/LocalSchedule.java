package io.comeback.engine.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * Turns a local date and time in the recipient's zone into an instant, the same way everywhere
 * (scheduling, quiet hours, "wait until 10:00"), DST-correct:
 * <ul>
 *   <li>A local time that does not exist (spring-forward gap, e.g. 02:30 in Oslo on 2026-03-29)
 *       resolves to the first valid instant after it: the moment the clocks jump (03:00 local).</li>
 *   <li>A local time that exists twice (fall-back overlap, 02:30 in Oslo on 2026-10-25) resolves to
 *       the earlier offset, its first occurrence.</li>
 * </ul>
 * So each local date has exactly one instant for a given time of day.
 */
public final class LocalSchedule {

    private LocalSchedule() {}

    public static Instant atDate(LocalDate date, LocalTime time, ZoneId zone) {
        return resolve(LocalDateTime.of(date, time), zone);
    }

    public static Instant resolve(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // Outside a gap, the first valid offset is the earlier one in an overlap.
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    /**
     * The next instant strictly after {@code after} at which it is {@code time} in {@code zone}
     * (resolved as in {@link #resolve}). Strictly after, so that a step that runs at 10:00 and
     * then waits "until 10:00" waits for tomorrow instead of looping; use {@link #atDate} when
     * "today, even if it is now" is meant.
     */
    public static Instant nextTimeOfDay(Instant after, LocalTime time, ZoneId zone) {
        LocalDate date = after.atZone(zone).toLocalDate();
        // Yesterday's candidate can still lie ahead when a gap or overlap shifts it; try a few days.
        for (LocalDate day = date.minusDays(1); ; day = day.plusDays(1)) {
            Instant candidate = atDate(day, time, zone);
            if (candidate.isAfter(after)) {
                return candidate;
            }
        }
    }
}
