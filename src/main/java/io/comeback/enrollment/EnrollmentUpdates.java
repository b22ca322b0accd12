package io.comeback.enrollment;

import io.comeback.engine.run.Decision;
import io.comeback.engine.run.EnrollmentState;
import io.comeback.engine.run.ExitReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one interpreted enrollment writes back: its row's new status, step, state and wake-up (or how it exited),
 * and the survey answers it scored. Kept apart from {@link WakeUpBatch}, which decides what runs and what is set
 * aside, so the row's shape has one place.
 */
final class EnrollmentUpdates {

    private EnrollmentUpdates() {}

    /** The survey answers the enrollment scored from its replies, in order. */
    static List<SurveyResponses.Answer> answers(ClaimedEnrollment row, EnrollmentAdvance.Result result) {
        List<SurveyResponses.Answer> answers = new ArrayList<>(result.scores().size());
        for (EnrollmentAdvance.ScoredReply scored : result.scores()) {
            answers.add(new SurveyResponses.Answer(
                    row.id(),
                    row.flowId(),
                    scored.score().stepId(),
                    row.customerId(),
                    scored.score().score(),
                    scored.inboundMessageId()));
        }
        return answers;
    }

    /** The row as the interpreter left the enrollment: exited with the last exit's reason, or waiting or running on. */
    static WakeUpStore.Update of(ClaimedEnrollment row, EnrollmentAdvance.Result result, Instant now) {
        EnrollmentState state = result.state();
        if (state.isExited()) {
            Decision.Exit exit = result.decisions().stream()
                    .filter(Decision.Exit.class::isInstance)
                    .map(Decision.Exit.class::cast)
                    .reduce((a, b) -> b)
                    .orElse(null);
            return exited(
                    row,
                    state,
                    now,
                    exit == null ? ExitReason.COMPLETED.label() : exit.reason().label(),
                    state.exitLabel(),
                    exit != null && exit.conversion());
        }
        Instant next = state.isWaiting() ? state.wakeAt() : null;
        return new WakeUpStore.Update(
                row.id(),
                EnrollmentAdvance.status(state),
                state.stepId(),
                StateCodec.write(state),
                next,
                null,
                null,
                null,
                false);
    }

    /**
     * A goal reached counts as a conversion of the flow only once one of the enrollment's texts reached the
     * provider: a customer who orders while the first text still waits for the morning (or for approval) was not
     * converted by it. The exit reason stays {@code goal_reached} either way.
     */
    static WakeUpStore.Update convertedAfterText(WakeUpStore.Update update, Set<Long> sentBefore) {
        if (!update.conversion() || sentBefore.contains(update.id())) {
            return update;
        }
        return new WakeUpStore.Update(
                update.id(),
                update.status(),
                update.stepId(),
                update.stateJson(),
                update.nextWakeAt(),
                update.exitedAt(),
                update.exitReason(),
                update.exitLabel(),
                false);
    }

    static WakeUpStore.Update exited(
            ClaimedEnrollment row,
            EnrollmentState state,
            Instant now,
            String reason,
            String label,
            boolean conversion) {
        return new WakeUpStore.Update(
                row.id(),
                EnrollmentStatus.EXITED.wire(),
                null,
                state == null ? row.stateJson() : StateCodec.write(state),
                null,
                now,
                reason,
                label,
                conversion);
    }
}
