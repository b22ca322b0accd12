package io.comeback.engine.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The local hours in which no marketing text is sent, in the recipient's own zone. The window is
 * [start, end): 21:00–08:00 means 21:00 is quiet and 08:00 is allowed. A window may cross
 * midnight (start after end) or lie within one day (12:00–13:00); start == end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean isNone() {
        return start.equals(end);
    }

    public boolean contains(Instant at, ZoneId zone) {
        return contains(at.atZone(zone).toLocalTime());
    }

    public boolean contains(LocalTime time) {
        if (isNone()) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /**
     * {@code at} itself when it is outside the window, otherwise the instant the window ends in that
     * zone (see {@link LocalSchedule#resolve} for gaps and overlaps).
     */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!contains(time)) {
            return at;
        }
        LocalDate endDate =
                crossesMidnight() && !time.isBefore(start) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        LocalDateTime endLocal = LocalDateTime.of(endDate, end);
        Instant candidate = LocalSchedule.resolve(endLocal, zone);
        if (!candidate.isAfter(at)) {
            // In the second pass of a fall-back overlap the earlier end has already gone by;
            // the local clock shows quiet hours again until the later occurrence.
            candidate = endLocal.atZone(zone).withLaterOffsetAtOverlap().toInstant();
        }
        return candidate;
    }

    private boolean crossesMidnight() {
        return start.isAfter(end);
    }
}
