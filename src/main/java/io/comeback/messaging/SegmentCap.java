package io.comeback.messaging;

import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.text.SmsSegments;
import java.util.Optional;

/**
 * The hard cap on a text's length in SMS segments. A text is judged when its ledger row is written,
 * against its flow's {@code max_segments}, and once more before the gateway, against the most any text
 * may have ({@link FlowSettings#MOST_SEGMENTS}): a customer attribute of megabytes rendered into a text
 * is refused with the reason, never handed to the provider and billed.
 */
public final class SegmentCap {

    /** The error code of a refused text, as reports group failed texts. */
    public static final String ERROR_CODE = "too_many_segments";

    private SegmentCap() {}

    /**
     * Why {@code count} is too many segments for a text of {@code body}, or empty when it fits in {@code max}.
     * @param limit the limit as the reason names it, e.g. "max_segments 3 of flow winback"
     */
    public static Optional<String> refusal(String body, SmsSegments.SegmentCount count, int max, String limit) {
        if (count.segments() <= max) {
            return Optional.empty();
        }
        return Optional.of(ERROR_CODE + ": the text is " + count.segments() + " SMS segments ("
                + (count.encoding() == SmsSegments.Encoding.GSM_7 ? "GSM-7, " : "UCS-2, ") + body.length()
                + " characters), more than " + limit);
    }
}
