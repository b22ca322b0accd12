package io.comeback.messaging.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A message as the provider sees it now, for reconciliation.
 *
 * @param providerStatus the provider's own status word ({@code delivered}, {@code canceled}…)
 * @param errorCode      the provider's error code, or null
 */
public record ProviderMessage(
        String providerMessageId, String to, String body, String providerStatus, String errorCode, Instant createdAt) {

    /** Empty for statuses Comeback does not track (e.g. {@code canceled}, {@code read}). */
    public Optional<DeliveryStatus> status() {
        return DeliveryStatus.fromWire(providerStatus);
    }
}
