package io.comeback.messaging;

/**
 * The statuses of an outbound ledger row that are the ledger's own, before or instead of the provider's
 * delivery statuses ({@link io.comeback.messaging.port.DeliveryStatus}, recorded once a provider took the
 * text). Stored as {@link #wire()}.
 */
enum LedgerStatus {
    /** Waits for the dispatcher from its {@code not_before}; also a retry of a text the provider certainly did not take. */
    PENDING,
    /** Claimed and committed before the gateway call: a crash after the call leaves it here, and it becomes {@link #UNKNOWN}. */
    DISPATCHING,
    /** Nobody knows whether the provider took it: reconciled with the provider, never resent blindly. */
    UNKNOWN,
    /** Not sent and never will be: consent withdrawn, erased, or held back by a rule. */
    BLOCKED,
    /** The provider (or the dispatcher, for a row without a number) refused it for good. */
    REFUSED;

    String wire() {
        return name().toLowerCase();
    }
}
