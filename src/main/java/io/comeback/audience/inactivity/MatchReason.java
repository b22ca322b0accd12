package io.comeback.audience.inactivity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Why a customer matched an {@code inactive} trigger at {@code asOf}: one {@link Window} per
 * criterion of the trigger, each saying which window it was and how late the customer is on it.
 */
public record MatchReason(Instant asOf, List<Window> windows) {

    public MatchReason {
        windows = List.copyOf(windows);
    }

    public enum Rule {
        PERSONAL_RHYTHM("personal_rhythm"),
        FIXED_WINDOW("fixed_window"),
        NO_ENGAGEMENT("no_engagement"),
        UNANSWERED_MESSAGES("unanswered_messages");

        public final String wire;

        Rule(String wire) {
            this.wire = wire;
        }

        static Rule ofWire(String wire) {
            for (Rule rule : values()) {
                if (rule.wire.equals(wire)) {
                    return rule;
                }
            }
            throw new IllegalArgumentException("no rule " + wire);
        }
    }

    /**
     * @param rule          which criterion
     * @param since         the last order or engagement the window counts from; null if there was none
     * @param windowSeconds the window's length from {@code since} (for the personal rhythm: factor × median gap
     *                      between purchase days, at least the floor {@code comeback.inactivity.rhythm-floor})
     * @param lapsedAt      when the window ran out; null when it never started (no engagement ever)
     * @param lateBySeconds {@code asOf − lapsedAt}: how late the customer is on this window
     * @param count         for unanswered messages: texts in a row without a reply or click
     * @param detail        the same in words, for people
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(
            String rule,
            Instant since,
            Long windowSeconds,
            Instant lapsedAt,
            Long lateBySeconds,
            Integer count,
            String detail) {}
}
