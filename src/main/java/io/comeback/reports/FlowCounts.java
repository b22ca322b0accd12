package io.comeback.reports;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counted part of a funnel: entries by entry time, texts by creation time (README "Reports"). {@code treated}
 * are the entries that were not held out (nor rejected at approval); entered = treated + held out.
 */
record FlowCounts(
        long treated,
        long heldOut,
        long converted,
        long sent,
        long delivered,
        long failed,
        Map<String, Long> failedByError) {

    static FlowCounts zero() {
        return new FlowCounts(0, 0, 0, 0, 0, 0, new TreeMap<>());
    }

    FlowCounts plus(FlowCounts o) {
        Map<String, Long> errors = new TreeMap<>(failedByError);
        o.failedByError.forEach((code, n) -> errors.merge(code, n, Long::sum));
        errors.values().removeIf(n -> n == 0);
        return new FlowCounts(
                treated + o.treated,
                heldOut + o.heldOut,
                converted + o.converted,
                sent + o.sent,
                delivered + o.delivered,
                failed + o.failed,
                errors);
    }
}
