package io.comeback.messaging.port;

import java.time.Instant;

/**
 * One delivery problem a provider's error code revealed, handed to the runtime to act on.
 *
 * @param problem           what to do about it
 * @param errorCode         the provider's code that triggered it, e.g. {@code 21610}
 * @param phone             the recipient, E.164
 * @param providerMessageId the provider's message id, or null when the provider refused the create
 * @param messageId         our ledger id when known, else null
 * @param occurrences       how many errors of this kind the number had within the rule's window (this one included)
 * @param at                when we learnt about it
 */
public record DeliveryProblemReport(
        DeliveryProblem problem,
        String errorCode,
        String phone,
        String providerMessageId,
        Long messageId,
        long occurrences,
        Instant at) {}
