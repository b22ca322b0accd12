package io.comeback.messaging.compliance;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A text the runtime wants to send, as the compliance gate sees it.
 *
 * @param marketing       false for transactional flows
 * @param answersOwnText  true for an immediate answer to a text the person just sent (a keyword
 *                        reply, a help answer): that is a conversation, not a campaign
 * @param enrollmentId    texts of the same enrollment do not count against the global caps
 */
public record ComplianceRequest(
        String phone,
        ZoneId zone,
        String consentStatus,
        boolean marketing,
        boolean answersOwnText,
        String flowId,
        int flowPriority,
        long enrollmentId,
        FlowCapRule flowCaps,
        Instant wantedAt) {

    /** A request with no flow-specific cap rule. */
    public ComplianceRequest(
            String phone,
            ZoneId zone,
            String consentStatus,
            boolean marketing,
            boolean answersOwnText,
            String flowId,
            int flowPriority,
            Instant wantedAt) {
        this(
                phone,
                zone,
                consentStatus,
                marketing,
                answersOwnText,
                flowId,
                flowPriority,
                -2,
                FlowCapRule.NONE,
                wantedAt);
    }
}
