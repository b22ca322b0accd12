package io.comeback.messaging;

import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.text.SmsSegments;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What becomes of a claimed row around its gateway call. A row whose send window already closed is not
 * handed to the gateway (it would arrive inside quiet hours); a gateway that finds the deadline passed
 * when the call is made refuses it, and that is deferred the same way. Nothing is retried unless the
 * gateway says the provider certainly did not take the message.
 */
final class HandOverRules {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final SendOutcome NO_PHONE =
            new SendOutcome.Refused("no_phone", "the customer has no phone number", false);

    private final Clock clock;
    private final int maxAttempts;

    HandOverRules(Clock clock, int maxAttempts) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** What becomes of a row that must not reach the gateway (window closed, no number, too long); empty when it may leave. */
    Optional<HandOverResult> beforeCall(DispatchStore.Claimed row, SmsGateway gateway) {
        SendWindow window = row.window();
        if (window != null && window.closedAt(clock.instant())) {
            return Optional.of(
                    new HandOverResult.Deferred(QuietHoursDeferrals.Deferral.of(row.id(), window, clock.instant())));
        }
        if (row.to() == null) {
            return Optional.of(afterCall(row, gateway, NO_PHONE));
        }
        // Rows are judged against their flow's max_segments when written; this catches any other way in.
        String body = row.body() == null ? "" : row.body();
        Optional<String> tooLong = SegmentCap.refusal(
                body,
                SmsSegments.count(body),
                FlowSettings.MOST_SEGMENTS,
                "the " + FlowSettings.MOST_SEGMENTS + " segments any text may have");
        if (tooLong.isPresent()) {
            return Optional.of(
                    afterCall(row, gateway, new SendOutcome.Refused(SegmentCap.ERROR_CODE, tooLong.get(), false)));
        }
        return Optional.empty();
    }

    HandOverResult afterCall(DispatchStore.Claimed row, SmsGateway gateway, SendOutcome sent) {
        SendWindow window = row.window();
        if (window != null && QuietHoursDeferrals.deadlinePassed(sent)) {
            return new HandOverResult.Deferred(QuietHoursDeferrals.Deferral.of(row.id(), window, clock.instant()));
        }
        return new HandOverResult.Recorded(outcome(row, gateway, sent));
    }

    private DispatchOutcome outcome(DispatchStore.Claimed row, SmsGateway gateway, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted accepted) {
            return DispatchOutcome.accepted(row.id(), gateway.name(), accepted);
        }
        if (outcome instanceof SendOutcome.Refused refused) {
            if (refused.retryable()) {
                Instant retryAt = retryAt(row.attempts());
                if (retryAt != null) {
                    return DispatchOutcome.retry(row.id(), gateway.name(), refused, retryAt);
                }
            }
            return DispatchOutcome.refused(row.id(), gateway.name(), refused);
        }
        return DispatchOutcome.unknown(row.id(), gateway.name(), (SendOutcome.Indeterminate) outcome);
    }

    /** Exponential backoff with jitter from the row's attempt count; null once attempts are used up. */
    private Instant retryAt(int attempts) {
        if (attempts >= maxAttempts) {
            return null;
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempts, 20));
        return clock.instant().plusMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
