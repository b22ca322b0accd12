package io.comeback.gateway;

/**
 * Optional companion of an {@link SmsGateway}: asks the provider what became of one of our messages.
 * Reconciliation uses it for ledger rows left {@code unknown} by a crash or an indeterminate send.
 * A gateway that cannot answer leaves those rows for a person to judge — never resent blindly.
 */
public interface MessageLookup {

    sealed interface Answer {
    }

    /** The provider has the message. */
    record Found(String providerMessageId, DeliveryStatus status) implements Answer {
    }

    /** The provider certainly never received it: sending it now is safe. */
    record NeverReceived() implements Answer {
    }

    /** The provider could not tell (yet). */
    record CannotTell(String detail) implements Answer {
    }

    /** @param messageId our ledger id, as passed in {@link OutgoingSms#messageId()} */
    Answer lookup(long messageId);
}
