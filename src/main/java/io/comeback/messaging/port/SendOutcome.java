package io.comeback.messaging.port;

/** What happened to one send. The dispatcher records each outcome on the ledger row. */
public sealed interface SendOutcome {

    /**
     * The error code of a {@link Refused} for a text whose {@link OutgoingSms#validUntil()} had passed
     * when the gateway got it: nothing was sent, and the dispatcher defers it past the quiet hours.
     */
    String DEADLINE_PASSED = "deadline_passed";

    /** The provider took the message and named it. */
    record Accepted(String providerMessageId, DeliveryStatus status) implements SendOutcome {}

    /**
     * The provider refused the message. {@code retryable} is true only when it certainly was not
     * sent (rate limit 429/20429, connection refused before the request left). {@code throttled}: the
     * refusal was "too many requests at once" (Twilio 429/20429), which the provider answers without
     * processing the request: the dispatcher sends fewer at once and this text again as soon as a slot frees.
     */
    record Refused(String errorCode, String detail, boolean retryable, boolean throttled) implements SendOutcome {

        public Refused {
            if (throttled && !retryable) {
                throw new IllegalArgumentException("a throttled refusal is always retryable");
            }
        }

        public Refused(String errorCode, String detail, boolean retryable) {
            this(errorCode, detail, retryable, false);
        }
    }

    /**
     * Nobody knows whether the provider took it (timeout after sending, 5xx on create). Never
     * resent blindly: the row goes to {@code UNKNOWN} and is reconciled with the provider.
     */
    record Indeterminate(String detail) implements SendOutcome {}
}
