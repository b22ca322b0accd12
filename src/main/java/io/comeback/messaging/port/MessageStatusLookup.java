package io.comeback.messaging.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks the provider what became of messages, for the reconciliation of ledger rows stuck in
 * {@code UNKNOWN}, {@code queued} or {@code sent}. Gateways that can answer implement it beside
 * {@link SmsGateway} (the injected gateway is not proxied, so {@code instanceof} works).
 */
public interface MessageStatusLookup {

    /** The provider's current view of a message it named; empty when it does not know the id. */
    Optional<ProviderMessage> byProviderId(String providerMessageId);

    /**
     * Messages created for a recipient since an instant, newest first, at most {@code limit}: how a
     * row left {@code UNKNOWN} by a crash (the provider's id never recorded) finds its message.
     */
    List<ProviderMessage> createdFor(String to, Instant since, int limit);
}
