package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.engine.run.EnrollmentState;
import io.comeback.engine.run.FlowEvent;
import io.comeback.engine.run.FlowInterpreter;
import io.comeback.engine.run.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds one claimed enrollment everything that is due — its start, queued signals, then its timer —
 * and collects the decisions. Timers are judged against the state after the signals: a reply that
 * arrived before the deadline wins over the deadline even when both are processed late.
 */
final class EnrollmentAdvance {

    /** Enough for chains of immediately-due timers; more means a flow loop the validator should have refused. */
    private static final int MAX_WAKES_PER_CLAIM = 10;

    /**
     * @param scores the scores understood while applying the signals, each with the inbound message
     *               that carried it (null when the signal did not say)
     */
    record Result(EnrollmentState state, List<Decision> decisions, List<ScoredReply> scores) {}

    record ScoredReply(Decision.RecordScore score, Long inboundMessageId) {}

    private EnrollmentAdvance() {}

    static Result advance(
            FlowInterpreter interpreter,
            Flow flow,
            ClaimedEnrollment row,
            CustomerView customer,
            List<WakeUpStore.Signal> signals,
            Instant now) {
        EnrollmentState state = row.stateJson() == null
                ? EnrollmentState.enroll(row.flowId(), row.flowVersion(), row.enteredAt())
                : StateCodec.readState(row.stateJson());
        List<Decision> decisions = new ArrayList<>();
        if (state.status() == EnrollmentState.Status.NEW) {
            state = apply(
                    interpreter,
                    flow,
                    state,
                    new FlowEvent.Started(StateCodec.readStringMap(row.startContextJson())),
                    now,
                    customer,
                    decisions);
        }
        List<ScoredReply> scores = new ArrayList<>(0);
        for (WakeUpStore.Signal signal : signals) {
            int before = decisions.size();
            state = apply(interpreter, flow, state, signal.event(), now, customer, decisions);
            for (Decision decision : decisions.subList(before, decisions.size())) {
                if (decision instanceof Decision.RecordScore score) {
                    scores.add(new ScoredReply(score, signal.inboundMessageId()));
                }
            }
        }
        // A late wake-up runs once, now: the interpreter ignores a Woke before wakeAt, so a timer
        // that moved meanwhile (a reply re-armed it) is not fired early.
        for (int i = 0; i < MAX_WAKES_PER_CLAIM && isDue(state, now); i++) {
            state = apply(interpreter, flow, state, new FlowEvent.Woke(now), now, customer, decisions);
        }
        return new Result(state, decisions, scores);
    }

    static boolean isDue(EnrollmentState state, Instant now) {
        return state.isWaiting() && state.wakeAt() != null && !now.isBefore(state.wakeAt());
    }

    static String status(EnrollmentState state) {
        return EnrollmentStatus.of(state.status()).wire();
    }

    private static EnrollmentState apply(
            FlowInterpreter interpreter,
            Flow flow,
            EnrollmentState state,
            FlowEvent event,
            Instant now,
            CustomerView customer,
            List<Decision> decisions) {
        StepResult result = interpreter.interpret(flow, state, event, now, customer);
        decisions.addAll(result.decisions());
        return result.state();
    }
}
