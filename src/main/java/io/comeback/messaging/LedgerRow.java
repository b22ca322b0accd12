package io.comeback.messaging;

import java.time.Instant;

/**
 * One outbound text as the ledger stores it before any gateway sees it.
 *
 * @param enrollmentId null for texts outside any flow (inbox auto-replies)
 * @param sendKey      unique per enrollment: step, purpose and occurrence
 * @param status       {@code pending} (the dispatcher sends it from {@code notBefore}), {@code blocked} (the
 *                     compliance gate), or {@code refused} (never sendable, e.g. longer than its flow allows)
 * @param errorCode    why a {@code refused} row was refused, as reports group failed texts; else null
 * @param window       until when it may leave before quiet hours; null without quiet hours (and when blocked)
 */
public record LedgerRow(
        Long enrollmentId,
        String sendKey,
        Long customerId,
        String flowId,
        String flowVersion,
        String stepId,
        String to,
        String body,
        String kind,
        String locale,
        Integer segments,
        String encoding,
        String couponCode,
        String status,
        String statusReason,
        String errorCode,
        Instant notBefore,
        Instant createdAt,
        SendWindow window) {}
