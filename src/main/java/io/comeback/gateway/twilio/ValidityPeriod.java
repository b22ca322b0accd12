package io.comeback.gateway.twilio;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Twilio's {@code ValidityPeriod}: seconds a message may wait in Twilio's queue before it is
 * dropped. Derived from the message's deadline so a text held up by a queue does not arrive inside
 * the recipient's quiet hours.
 */
final class ValidityPeriod {

    /** Twilio accepts 1 to 36,000 seconds (10 h, also its default). */
    static final int MAX_SECONDS = 36_000;

    private ValidityPeriod() {}

    /**
     * Seconds to send, empty for Twilio's default when there is no deadline.
     *
     * @throws DeadlinePassed when the deadline is less than a second away: nothing should be sent
     */
    static OptionalInt seconds(Instant validUntil, Instant now) {
        if (validUntil == null) {
            return OptionalInt.empty();
        }
        long seconds = Duration.between(now, validUntil).getSeconds(); // rounds down: never exceeds the deadline
        if (seconds < 1) {
            throw new DeadlinePassed(validUntil);
        }
        return OptionalInt.of((int) Math.min(seconds, MAX_SECONDS));
    }

    static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed(Instant validUntil) {
            super("the message had to leave before " + validUntil + "; it was not sent");
        }
    }
}
