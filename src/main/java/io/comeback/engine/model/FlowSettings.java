package io.comeback.engine.model;

import java.util.Optional;

/**
 * Per-flow settings.
 *
 * @param kind              marketing (needs consent, opt-out hint) or transactional
 * @param priority          0–100; when several flows want to text the same customer, the higher one goes first
 * @param quietHours        empty when the flow sends at any hour ({@code quiet_hours: none})
 * @param maxSegments       the most SMS segments one text of this flow may cost: the linter warns about a text
 *                          that is longer with typical values filled in, and the runtime refuses (never sends)
 *                          a text that is longer once rendered for the customer
 * @param defaultLocale     language of texts written as a plain string, and the fallback for customers
 *                          whose locale has no text
 * @param attributionWindow how long after a delivered text of this flow (or a click on its link) an order is
 *                          attributed to the flow in reports (default P5D; last touch across flows wins)
 * @param frequencyCap      the flow's own cap on texts per person, on top of the global caps; empty = none
 */
public record FlowSettings(
        MessageKind kind,
        int priority,
        Optional<QuietHoursWindow> quietHours,
        int maxSegments,
        String defaultLocale,
        FlowDuration attributionWindow,
        Optional<FlowFrequencyCap> frequencyCap,
        SourceLocation location) {

    public static final int DEFAULT_PRIORITY = 50;
    public static final int DEFAULT_MAX_SEGMENTS = 10;
    /**
     * The highest {@code max_segments} a flow may set: 10 segments are 1,530 GSM-7 characters, about the
     * 1,600 characters providers such as Twilio accept in one message body.
     */
    public static final int MOST_SEGMENTS = 10;

    public static final String DEFAULT_LOCALE = "nb";
    public static final String DEFAULT_ATTRIBUTION_WINDOW = "P5D";

    public static FlowSettings defaults() {
        return new FlowSettings(
                MessageKind.MARKETING,
                DEFAULT_PRIORITY,
                Optional.of(QuietHoursWindow.DEFAULT),
                DEFAULT_MAX_SEGMENTS,
                DEFAULT_LOCALE,
                FlowDuration.of(DEFAULT_ATTRIBUTION_WINDOW),
                Optional.empty(),
                SourceLocation.UNKNOWN);
    }

    public boolean isMarketing() {
        return kind == MessageKind.MARKETING;
    }
}
