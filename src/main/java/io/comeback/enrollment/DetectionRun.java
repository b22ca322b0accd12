package io.comeback.enrollment;

import java.time.Duration;
import java.util.Map;

/**
 * What one flow's detection pass did ({@link DateTriggerDetector}, {@link SegmentDetector}).
 *
 * @param trigger  the flow's trigger type ({@code date}, {@code segment})
 * @param skipped  another node was detecting the flow, or the flow is paused
 * @param matched  customers handed to the entry rules
 * @param outcomes how many of them got each entry outcome ({@code entered}, {@code no_consent}, …)
 * @param failure  why this flow's pass failed (batches entered before it stay entered); null when it ran
 * @param approvalId the approval the pass waits for (it entered more customers than
 *                 {@code comeback.approval.threshold}); null when it needed none
 */
public record DetectionRun(
        String flowId,
        String trigger,
        boolean skipped,
        int matched,
        Map<String, Integer> outcomes,
        Duration took,
        String failure,
        Long approvalId) {

    DetectionRun(
            String flowId,
            String trigger,
            boolean skipped,
            int matched,
            Map<String, Integer> outcomes,
            Duration took,
            String failure) {
        this(flowId, trigger, skipped, matched, outcomes, took, failure, null);
    }
}
