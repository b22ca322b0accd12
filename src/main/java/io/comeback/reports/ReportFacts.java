package io.comeback.reports;

import java.time.Duration;

/**
 * What the report tables of migration V90 keep (README "Reports" → "How a flow report stays fast"): touches
 * and lift pairs that need a window of at most {@link #SPAN_BOUND}. A flow with a longer window is reported
 * from the raw rows instead, with the same definitions.
 */
final class ReportFacts {

    /** SQL {@code comeback_report_span_bound()}. */
    static final Duration SPAN_BOUND = Duration.ofDays(90);

    private ReportFacts() {}

    static boolean cover(Duration window) {
        return window.compareTo(SPAN_BOUND) <= 0;
    }
}
