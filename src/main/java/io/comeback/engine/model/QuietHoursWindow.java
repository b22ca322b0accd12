package io.comeback.engine.model;

import java.time.LocalTime;

/**
 * Local times between which no message goes out, in the recipient's own time zone.
 * {@code start} after {@code end} (21:00–08:00) spans midnight.
 */
public record QuietHoursWindow(LocalTime start, LocalTime end, SourceLocation location) {

    public static final QuietHoursWindow DEFAULT =
            new QuietHoursWindow(LocalTime.of(21, 0), LocalTime.of(8, 0), SourceLocation.UNKNOWN);

    /** True when {@code time} falls inside the quiet window (start inclusive, end exclusive). */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
