package io.comeback.messaging;

import io.comeback.engine.model.Flow;
import io.comeback.engine.time.LocalSchedule;
import io.comeback.engine.time.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The stretch of time a pending text may leave in: from its {@code not_before} until the next quiet
 * window starts in the recipient's zone ({@link #validUntil}). The gateway gets the deadline (Twilio
 * as {@code ValidityPeriod}), so a text held up in the provider's queue is dropped rather than
 * delivered at night; a row the dispatcher claims after its deadline (held back by retries or
 * pacing) is deferred to the end of that quiet window, never sent inside it and never dropped.
 * Texts without quiet hours have no window (null).
 *
 * @param validUntil the instant the next quiet window starts; the text must have left before it
 * @param quietHours the rule the deadline came from, kept on the row to recompute a deferral
 * @param zone       the recipient's zone the rule is read in
 */
public record SendWindow(Instant validUntil, QuietHours quietHours, ZoneId zone) {

    /** The status reason of a row deferred because its window closed before it could leave. */
    public static final String REASON = "quiet_hours";

    public SendWindow {
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(zone, "zone");
    }

    /** The window of a text that may leave from {@code notBefore}; null when the flow has no quiet hours. */
    public static SendWindow from(Instant notBefore, QuietHours quiet, ZoneId zone) {
        if (quiet == null || quiet.isNone()) {
            return null;
        }
        return new SendWindow(nextQuietStart(notBefore, quiet, zone), quiet, zone);
    }

    /** The window of a send the gate allowed from {@code notBefore}: the flow's quiet hours in the customer's zone. */
    public static SendWindow forSend(SendGate.SendRequest request, Instant notBefore) {
        return from(notBefore, quietHoursOf(request.flow()), request.customer().timeZone());
    }

    static QuietHours quietHoursOf(Flow flow) {
        return flow.settings()
                .quietHours()
                .map(w -> new QuietHours(w.start(), w.end()))
                .orElse(QuietHours.NONE);
    }

    /**
     * {@code at} itself when it lies inside quiet hours (it must not leave at all), otherwise the next
     * instant the quiet window starts, DST-correct (a start inside a spring-forward gap is the gap's end).
     */
    static Instant nextQuietStart(Instant at, QuietHours quiet, ZoneId zone) {
        if (quiet.contains(at, zone)) {
            return at;
        }
        return LocalSchedule.nextTimeOfDay(at, quiet.start(), zone);
    }

    /**
     * True when less than a second is left: nothing can leave before the deadline any more. The same
     * cut as the Twilio adapter's, whose {@code ValidityPeriod} is whole seconds and at least one.
     */
    public boolean closedAt(Instant now) {
        return Duration.between(now, validUntil).getSeconds() < 1;
    }

    /** When a text whose window closed may leave again, and the window it has from then. */
    public record Reopening(Instant notBefore, SendWindow window) {}

    /**
     * Where a text whose window closed goes next: the end of the quiet window it ran into (or now,
     * when that window is already over too), with a new deadline from there.
     */
    public Reopening reopening(Instant now) {
        Instant from = now.isAfter(validUntil) ? now : validUntil;
        Instant opens = quietHours.nextAllowed(from, zone);
        return new Reopening(opens, from(opens, quietHours, zone));
    }

    /** {@code 21:00-08:00}, as stored in {@code outbound_messages.quiet_hours}. */
    public String quietHoursText() {
        return quietHours.start() + "-" + quietHours.end();
    }

    /** Reads the three columns back; null when the row has no window. */
    static SendWindow fromColumns(Instant validUntil, String quietHours, String zone) {
        if (validUntil == null || quietHours == null || zone == null) {
            return null;
        }
        int dash = quietHours.indexOf('-');
        QuietHours quiet = new QuietHours(
                LocalTime.parse(quietHours.substring(0, dash)), LocalTime.parse(quietHours.substring(dash + 1)));
        return new SendWindow(validUntil, quiet, ZoneId.of(zone));
    }
}
