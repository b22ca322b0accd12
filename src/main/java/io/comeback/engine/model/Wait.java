package io.comeback.engine.model;

import java.time.LocalTime;
import java.util.Optional;

/**
 * Pauses the customer. The parts that are set apply in this order, in the customer's time zone:
 * first {@code duration} ({@code P2D}), then on to the next {@code untilTimeOfDay}
 * ({@code 10:00}; today if still ahead, else tomorrow). So {@code {for: P1D, until: "10:00"}}
 * means "tomorrow at ten". {@code untilDate} waits for a date stored on the customer instead and
 * is never combined with the others.
 */
public record Wait(
        String id,
        Optional<Target> next,
        Optional<FlowDuration> duration,
        Optional<LocalTime> untilTimeOfDay,
        Optional<UntilDate> untilDate,
        SourceLocation location)
        implements Step {

    public String kind() {
        return "wait";
    }

    /**
     * Waits until the date in customer attribute {@code attribute} (ISO {@code 2025-06-30}),
     * shifted by {@code offsetDays} (negative = before), at local time {@code at}. If that moment
     * has passed or the attribute is empty the wait ends at once.
     */
    public record UntilDate(String attribute, LocalTime at, int offsetDays, SourceLocation location) {}
}
