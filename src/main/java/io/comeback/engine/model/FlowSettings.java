package io.comeback.engine.model;

import java.util.Optional;

/**
 * Per-flow settings.
 *
 * @param kind              marketing (needs consent, opt-out hint) or transactional
 * @param priority          0–100; when several flows want to text the same customer, the higher one goes first
 * @param quietHours        empty when the flow sends at any hour ({@code quiet_hours: none})
 * @param maxSegments       texts longer than this many SMS segments get a warning
 * @param defaultLocale     language of texts written as a plain string, and the fallback for customers
 *                          whose locale has no text
 * @param attributionWindow how long after a delivered text of this flow (or a click on its link) an order is
 *                          attributed to the flow in reports (default P5D; last touch across flows wins)
 */
public record FlowSettings(
        MessageKind kind,
        int priority,
        Optional<QuietHoursWindow> quietHours,
        int maxSegments,
        String defaultLocale,
        FlowDuration attributionWindow,
        SourceLocation location) {

    public static final int DEFAULT_PRIORITY = 50;
    public static final int DEFAULT_MAX_SEGMENTS = 3;
    public static final String DEFAULT_LOCALE = "nb";
    public static final String DEFAULT_ATTRIBUTION_WINDOW = "P5D";

    public static FlowSettings defaults() {
        return new FlowSettings(MessageKind.MARKETING, DEFAULT_PRIORITY, Optional.of(QuietHoursWindow.DEFAULT),
                DEFAULT_MAX_SEGMENTS, DEFAULT_LOCALE, FlowDuration.of(DEFAULT_ATTRIBUTION_WINDOW), SourceLocation.UNKNOWN);
    }

    public boolean isMarketing() {
        return kind == MessageKind.MARKETING;
    }
}
