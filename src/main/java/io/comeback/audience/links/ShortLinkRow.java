package io.comeback.audience.links;

import java.time.Instant;

/**
 * A short link as stored: the text it belongs to (a flow's enrollment and send key, or a campaign's), its recipient,
 * and where it leads.
 */
public record ShortLinkRow(
        String code,
        long customerId,
        String flowId,
        String campaignId,
        Long enrollmentId,
        String sendKey,
        String stepId,
        String linkName,
        String target,
        Instant createdAt) {}
