package io.comeback.enrollment;

import java.time.Duration;
import java.util.Map;

/**
 * What one flow's detection pass did ({@link DateTriggerDetector}, {@link SegmentDetector}).
 *
 * @param trigger  the flow's trigger type ({@code date}, {@code segment})
 * @param skipped  another node was detecting the flow
 * @param matched  customers handed to the entry rules
 * @param outcomes how many of them got each entry outcome ({@code entered}, {@code no_consent}, …)
 * @param failure  why this flow's pass failed (batches entered before it stay entered); null when it ran
 */
public record DetectionRun(
        String flowId,
        String trigger,
        boolean skipped,
        int matched,
        Map<String, Integer> outcomes,
        Duration took,
        String failure) {}
