package io.comeback.gateway.twilio;

import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.StatusUpdateSink;
import io.comeback.messaging.port.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A signed status callback: stored once by (MessageSid, MessageStatus), then applied. Statuses
 * Comeback has no use for ({@code read}, {@code canceled}…) are stored and acknowledged only; an
 * unknown SID is the sink's to keep for reconciliation, never an error to Twilio.
 */
@ApplicationScoped
public class StatusCallbacks {

    private final TwilioCallbackStore store;
    private final StatusUpdateSink sink;
    private final DeliveryProblemDetector problems;
    private final Clock clock;

    StatusCallbacks(TwilioCallbackStore store, StatusUpdateSink sink, DeliveryProblemDetector problems, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.problems = problems;
        this.clock = clock;
    }

    /** The callback's fields; 400 when Twilio's required ones are missing. */
    static StatusCallbackBatch.Callback parse(Map<String, String> params, Long messageId, Instant receivedAt) {
        return new StatusCallbackBatch.Callback(
                required(params, "MessageSid", "SmsSid"),
                required(params, "MessageStatus", "SmsStatus"),
                messageId,
                blankToNull(params.get("ErrorCode")),
                params.get("To"),
                params,
                receivedAt);
    }

    /**
     * Stores and applies one callback on its own (three short transactions); webhooks go through
     * {@link StatusCallbackBatcher} instead, which does the same for many at once.
     *
     * @return true when this callback was applied now (false: seen and applied before)
     */
    boolean accept(Map<String, String> params, Long messageId) {
        String sid = required(params, "MessageSid", "SmsSid");
        String wireStatus = required(params, "MessageStatus", "SmsStatus");
        String errorCode = blankToNull(params.get("ErrorCode"));
        String to = params.get("To");
        Instant now = clock.instant();
        if (!store.recordStatus(sid, wireStatus, messageId, errorCode, to, params, now)) {
            return false; // seen and applied before
        }
        Optional<DeliveryStatus> status = DeliveryStatus.fromWire(wireStatus);
        status.ifPresent(s -> sink.apply(new StatusUpdate(sid, messageId, s, errorCode, now)));
        if (errorCode != null) {
            problems.onError(errorCode, to, sid, messageId);
        }
        store.statusApplied(sid, wireStatus, clock.instant());
        return true;
    }

    /** {@code legacyName} is the {@code Sms…} spelling older Twilio accounts still send. */
    static String required(Map<String, String> params, String name, String legacyName) {
        String value = blankToNull(params.get(name));
        if (value == null && legacyName != null) {
            value = blankToNull(params.get(legacyName));
        }
        if (value == null) {
            throw WebhookRefused.missing(name);
        }
        return value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
