package io.comeback.messaging.port;

import java.time.Instant;

/**
 * One text to hand to the provider.
 *
 * @param messageId   the outbound ledger row's id: the idempotency key, echoed in status callbacks
 * @param to          recipient in E.164
 * @param body        the rendered text
 * @param validUntil  the provider must drop the message if it cannot leave before this instant
 *                    (keeps a late message from arriving inside quiet hours); null for no limit
 */
public record OutgoingSms(long messageId, String to, String body, Instant validUntil) {}
