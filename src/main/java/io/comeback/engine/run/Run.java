package io.comeback.engine.run;

import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.EnrollmentState.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One interpreter call's working copy of an {@link EnrollmentState}: mutable so a call that walks
 * through several steps copies the state once, then {@link #result()} freezes it again.
 */
final class Run {

    final Flow flow;
    final CustomerView customer;
    final Instant now;
    final List<Decision> decisions = new ArrayList<>(4);

    private final EnrollmentState original;
    Status status;
    String stepId;
    Instant wakeAt;
    int reAsks;
    final Map<String, Integer> occurrences;
    final Set<EventType> eventsSeen;
    final Map<String, String> variables;
    final Map<String, String> attributes;
    final Set<String> tagsAdded;
    final Set<String> tagsRemoved;
    String exitLabel;

    Run(Flow flow, EnrollmentState state, Instant now, CustomerView customer) {
        this.flow = flow;
        this.customer = customer;
        this.now = now;
        this.original = state;
        this.status = state.status();
        this.stepId = state.stepId();
        this.wakeAt = state.wakeAt();
        this.reAsks = state.reAsks();
        this.occurrences = new HashMap<>(state.occurrences());
        this.eventsSeen =
                state.eventsSeen().isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(state.eventsSeen());
        this.variables = new HashMap<>(state.variables());
        this.attributes = new HashMap<>(state.attributes());
        this.tagsAdded = new LinkedHashSet<>(state.tagsAdded());
        this.tagsRemoved = new LinkedHashSet<>(state.tagsRemoved());
        this.exitLabel = state.exitLabel();
    }

    ZoneId zone() {
        return customer.timeZone();
    }

    void emit(Decision decision) {
        decisions.add(decision);
    }

    /** Next occurrence number for a send key, counted from 1. */
    int nextOccurrence(String sendKey) {
        return occurrences.merge(sendKey, 1, Integer::sum);
    }

    void waitAt(String step, Status waitStatus, Instant until) {
        stepId = step;
        status = waitStatus;
        wakeAt = until;
        emit(new Decision.WakeAt(until));
    }

    void exit(ExitReason reason, String label, String atStep) {
        status = Status.EXITED;
        stepId = null;
        wakeAt = null;
        exitLabel = label;
        emit(new Decision.Exit(reason, label, atStep));
    }

    void exit(ExitReason reason) {
        exit(reason, reason.label(), stepId);
    }

    boolean hasTag(String tag) {
        return tagsAdded.contains(tag) || (customer.tags().contains(tag) && !tagsRemoved.contains(tag));
    }

    StepResult result() {
        EnrollmentState state = new EnrollmentState(
                original.flowId(),
                original.flowVersion(),
                status,
                stepId,
                original.enrolledAt(),
                wakeAt,
                reAsks,
                occurrences,
                eventsSeen,
                variables,
                attributes,
                tagsAdded,
                tagsRemoved,
                exitLabel);
        return new StepResult(state, decisions);
    }
}
