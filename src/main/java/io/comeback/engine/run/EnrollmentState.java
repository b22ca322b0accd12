package io.comeback.engine.run;

import io.comeback.engine.model.EventType;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the interpreter needs to resume an enrollment, as plain values the runtime can store
 * (e.g. as JSON next to {@code next_wake_at}). Immutable; the interpreter returns a new one.
 *
 * @param stepId        the step the enrollment is waiting at; null before start and after exit
 * @param wakeAt        when the current timer, reply deadline or deferral ends; null when none
 * @param reAsks        re-asks already sent at the current {@code wait_for_reply} step
 * @param occurrences   how many times each send key has been used (step id, or step id + "/re_ask"),
 *                      so a step visited again gets a fresh, still deterministic, ledger key
 * @param eventsSeen    what the customer did since entering: ordered, clicked, replied, site_visit
 * @param variables     values of the enrollment's own variables: {@code order.*}, {@code coupon.*},
 *                      {@code reply.text}, {@code reply.score}
 * @param attributes    customer attributes written by this enrollment; they shadow the customer's
 *                      until the runtime has stored them
 * @param tagsAdded     tags added by this enrollment (same reason)
 * @param tagsRemoved   tags removed by this enrollment
 * @param exitLabel     set once exited: the reason shown in reports
 */
public record EnrollmentState(
        String flowId,
        String flowVersion,
        Status status,
        String stepId,
        Instant enrolledAt,
        Instant wakeAt,
        int reAsks,
        Map<String, Integer> occurrences,
        Set<EventType> eventsSeen,
        Map<String, String> variables,
        Map<String, String> attributes,
        Set<String> tagsAdded,
        Set<String> tagsRemoved,
        String exitLabel) {

    public enum Status {
        /** Created, {@link FlowEvent.Started} not yet applied. */
        NEW,
        /** In a {@code wait} step until {@code wakeAt}. */
        WAITING_TIMER,
        /** In a {@code wait_for_reply} step; {@code wakeAt} is the reply deadline. */
        WAITING_REPLY,
        /** The {@code send} step {@code stepId} was held by quiet hours until {@code wakeAt}. */
        DEFERRED_SEND,
        /** The re-ask of {@code wait_for_reply} step {@code stepId} was held by quiet hours. */
        DEFERRED_RE_ASK,
        EXITED
    }

    public EnrollmentState {
        occurrences = Collections.unmodifiableMap(new LinkedHashMap<>(occurrences));
        eventsSeen = eventsSeen.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(EventType.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(eventsSeen));
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tagsAdded = Collections.unmodifiableSet(new LinkedHashSet<>(tagsAdded));
        tagsRemoved = Collections.unmodifiableSet(new LinkedHashSet<>(tagsRemoved));
    }

    /** A fresh enrollment, before {@link FlowEvent.Started}. */
    public static EnrollmentState enroll(String flowId, String flowVersion, Instant at) {
        return new EnrollmentState(
                flowId,
                flowVersion,
                Status.NEW,
                null,
                at,
                null,
                0,
                Map.of(),
                Set.of(),
                Map.of(),
                Map.of(),
                Set.of(),
                Set.of(),
                null);
    }

    public boolean isExited() {
        return status == Status.EXITED;
    }

    public boolean isWaiting() {
        return status != Status.NEW && status != Status.EXITED;
    }

    /** The score understood from the last reply, if it held one. */
    public java.util.OptionalInt lastScore() {
        String score = variables.get("reply.score");
        return score == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(score));
    }

    public boolean hasSeen(EventType event) {
        return eventsSeen.contains(event);
    }
}
