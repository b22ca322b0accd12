package io.comeback.engine.run;

import io.comeback.engine.model.Wait;
import io.comeback.engine.time.LocalSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** When a {@code wait} step ends, in the recipient's zone (see {@link Wait} for the rules). */
final class WaitTimes {

    private WaitTimes() {}

    /** An instant not after {@code now} means the wait is already over. */
    static Instant end(Wait wait, Instant now, ZoneId zone, VariableLookup variables) {
        if (wait.untilDate().isPresent()) {
            return untilDate(wait.untilDate().get(), now, zone, variables);
        }
        Instant base = wait.duration().map(d -> d.addTo(now, zone)).orElse(now);
        if (wait.untilTimeOfDay().isEmpty()) {
            return base;
        }
        // Without a duration, "until 10:00" at exactly 10:00 means tomorrow (the time is not
        // still ahead); after a duration, {for: P1D, until: "10:00"} at 10:00 means tomorrow 10:00.
        Instant after = wait.duration().isPresent() ? base.minusNanos(1) : base;
        return LocalSchedule.nextTimeOfDay(after, wait.untilTimeOfDay().get(), zone);
    }

    private static Instant untilDate(Wait.UntilDate until, Instant now, ZoneId zone, VariableLookup variables) {
        String value = variables.value("customer.attributes." + until.attribute());
        if (value == null || value.isBlank()) {
            return now;
        }
        try {
            String text = value.trim();
            // Accept a date-time too ("1990-05-17T00:00:00Z"): only its date counts.
            LocalDate date = LocalDate.parse(text.substring(0, Math.min(10, text.length())))
                    .plusDays(until.offsetDays());
            return LocalSchedule.atDate(date, until.at(), zone);
        } catch (DateTimeParseException e) {
            return now; // not a date: documented as "the wait ends at once"
        }
    }
}
