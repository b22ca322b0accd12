package io.comeback.messaging.port;

import java.time.Instant;
import java.util.Set;

/**
 * Optional companion of an {@link SmsGateway}: asks the provider what became of one of our messages.
 * Reconciliation uses it for ledger rows left {@code unknown} by a crash or an indeterminate send.
 * A gateway that cannot answer leaves those rows for a person to judge — never resent blindly.
 */
public interface MessageLookup {

    sealed interface Answer {}

    /** The provider has the message. */
    record Found(String providerMessageId, DeliveryStatus status) implements Answer {}

    /** The provider certainly never received it: sending it now is safe. */
    record NeverReceived() implements Answer {}

    /** The provider could not tell (yet). */
    record CannotTell(String detail) implements Answer {}

    /**
     * What the ledger knows of a message in doubt, for providers that cannot be asked by our id
     * (Twilio has no idempotency key: its messages are found by recipient, body and time).
     *
     * @param dispatchedAt      when the gateway call began (the provider cannot have it from earlier)
     * @param validUntil        the deadline the provider was given, or null
     * @param knownProviderIds  provider ids already recorded on other ledger rows of this recipient:
     *                          never the answer for this one
     */
    record InDoubt(
            long messageId,
            String to,
            String body,
            Instant dispatchedAt,
            Instant validUntil,
            Set<String> knownProviderIds) {}

    /** @param messageId our ledger id, as passed in {@link OutgoingSms#messageId()} */
    Answer lookup(long messageId);

    /** Asks with everything the ledger knows; by default by our id alone. */
    default Answer lookup(InDoubt message) {
        return lookup(message.messageId());
    }
}
