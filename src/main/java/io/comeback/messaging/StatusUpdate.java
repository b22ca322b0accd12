package io.comeback.messaging;

import io.comeback.messaging.port.DeliveryStatus;
import java.time.Instant;

/**
 * A delivery receipt. {@code errorCode} is the provider's code (Twilio's {@code ErrorCode}), or null.
 * {@code messageId} is our ledger id when the gateway echoes it, else null (look up by provider id).
 */
public record StatusUpdate(
        String providerMessageId, Long messageId, DeliveryStatus status, String errorCode, Instant at) {}
