package io.comeback.engine.run;

import io.comeback.engine.model.MessageKind;
import io.comeback.engine.text.SmsSegments.SegmentCount;
import java.time.Instant;
import java.util.List;

/** What the interpreter wants the runtime to do, in order. */
public sealed interface Decision {

    /** Why a text is sent: the step's own text, or its re-ask after a reply was not understood. */
    enum SendPurpose {
        STEP,
        RE_ASK
    }

    /**
     * Send one SMS now. {@link #ledgerKey()} is unique per enrollment for every send the flow can
     * make (a step visited twice gets occurrence 2), so the outbound ledger can make it idempotent.
     *
     * @param couponCode the code issued for this enrollment when the text uses one, else null
     * @param links      the short links the text carries ({@link TextLinks}), for the runtime to store with it; the
     *                   text and its segment count already hold them
     */
    record Send(
            String stepId,
            SendPurpose purpose,
            int occurrence,
            String locale,
            String text,
            SegmentCount segments,
            MessageKind messageKind,
            String couponCode,
            List<TextLinks.ShortLink> links)
            implements Decision {

        public Send {
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** A text without short links. */
        public Send(
                String stepId,
                SendPurpose purpose,
                int occurrence,
                String locale,
                String text,
                SegmentCount segments,
                MessageKind messageKind,
                String couponCode) {
            this(stepId, purpose, occurrence, locale, text, segments, messageKind, couponCode, List.of());
        }

        public String ledgerKey() {
            return ledgerKey(stepId, purpose, occurrence);
        }

        /** Unique per enrollment for every send the flow can make. */
        public static String ledgerKey(String stepId, SendPurpose purpose, int occurrence) {
            return stepId + (purpose == SendPurpose.RE_ASK ? "/re_ask" : "") + "#" + occurrence;
        }
    }

    /** Held back by quiet hours: the send happens when the enrollment wakes at {@code until}. */
    record Defer(String stepId, Instant until, String reason) implements Decision {
        public static final String QUIET_HOURS = "quiet_hours";
    }

    /** Wake the enrollment ({@link FlowEvent.Woke}) at this instant. Replaces any earlier timer. */
    record WakeAt(Instant at) implements Decision {}

    /** Route the customer's next reply to this step until {@code until} (then the timeout path). */
    record AwaitReply(String stepId, Instant until) implements Decision {}

    /**
     * The customer answered a score question ({@code nps:} routes of a {@code wait_for_reply} step)
     * with a score the parser understood. Emitted before the route is followed, once per answer, so
     * the runtime can keep every answer (reports count NPS over time) rather than only the latest
     * attribute a flow may write.
     */
    record RecordScore(String stepId, int score) implements Decision {}

    /** Write a customer attribute. */
    record SetAttribute(String name, String value) implements Decision {}

    record AddTag(String tag) implements Decision {}

    record RemoveTag(String tag) implements Decision {}

    /**
     * The enrollment is over. {@code label} is what reports show: the exit step's own reason
     * ({@code not_interested}) or the reason's name ({@code goal_reached}).
     */
    record Exit(ExitReason reason, String label, String stepId) implements Decision {
        public boolean conversion() {
            return reason == ExitReason.GOAL_REACHED;
        }
    }
}
