package io.comeback.engine.run;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Exit;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.Wait;
import io.comeback.engine.model.WaitForReply;
import io.comeback.engine.run.EnrollmentState.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Runs steps one after another — set, branch, send, exit — until one has to wait (a timer, a
 * reply, quiet hours) or the enrollment ends.
 */
final class StepWalker {

    /** More steps than this in one call without waiting can only be a loop in the flow. */
    static final int MAX_STEPS_PER_CALL = 1_000;

    private final Sender sender;
    private final Map<String, String> globals;

    StepWalker(Sender sender, Map<String, String> globals) {
        this.sender = sender;
        this.globals = globals;
    }

    /** Goes to {@code target} (or the successor of {@code from} when absent) and runs from there. */
    void jump(Run run, Step from, Optional<Target> target) {
        Step next = resolve(run, from, target);
        if (next != null) {
            walk(run, next);
        }
    }

    void walk(Run run, Step first) {
        VariableLookup variables = new VariableLookup(run, globals);
        Step step = first;
        for (int taken = 1; step != null; taken++) {
            if (taken > MAX_STEPS_PER_CALL) {
                run.exit(ExitReason.FLOW_ERROR, "loop_without_wait", step.id());
                return;
            }
            run.stepId = step.id();
            step = execute(run, step, variables);
        }
    }

    /** Runs one step; returns the next step to run, or null when the run now waits or has ended. */
    private Step execute(Run run, Step step, VariableLookup variables) {
        if (step instanceof Send send) {
            if (run.flow.settings().isMarketing() && run.customer.consent() == ConsentStatus.OPTED_OUT) {
                run.exit(ExitReason.OPTED_OUT, ExitReason.OPTED_OUT.label(), send.id());
                return null;
            }
            return sender.send(run, send) ? resolve(run, send, Optional.empty()) : null;
        }
        if (step instanceof Wait wait) {
            Instant until = WaitTimes.end(wait, run.now, run.zone(), variables);
            if (until.isAfter(run.now)) {
                run.waitAt(wait.id(), Status.WAITING_TIMER, until);
                return null;
            }
            return resolve(run, wait, Optional.empty());
        }
        if (step instanceof WaitForReply waitForReply) {
            run.reAsks = 0;
            awaitReply(run, waitForReply);
            return null;
        }
        if (step instanceof Branch branch) {
            for (Branch.Case branchCase : branch.cases()) {
                if (ConditionEvaluator.all(branchCase.conditions(), run, variables)) {
                    return resolve(run, branch, Optional.of(branchCase.target()));
                }
            }
            return resolve(run, branch, branch.otherwise());
        }
        if (step instanceof SetStep set) {
            Assignments.apply(set.assignment(), run, variables);
            return resolve(run, set, Optional.empty());
        }
        Exit exit = (Exit) step;
        run.exit(ExitReason.EXIT_STEP, exit.reason(), exit.id());
        return null;
    }

    /** Starts (or restarts, after a re-ask) the reply deadline of a {@code wait_for_reply} step. */
    void awaitReply(Run run, WaitForReply step) {
        Instant deadline = step.timeout().addTo(run.now, run.zone());
        run.emit(new Decision.AwaitReply(step.id(), deadline));
        run.waitAt(step.id(), Status.WAITING_REPLY, deadline);
    }

    /** The step to go to, or null after ending the run (flow completed, or a jump to nowhere). */
    private static Step resolve(Run run, Step from, Optional<Target> target) {
        Optional<Step> next = run.flow.targetOrSuccessor(from, target);
        if (next.isPresent()) {
            return next.get();
        }
        if (target.isPresent()) {
            // The validator refuses such flows; an old stored version might still have one.
            run.exit(ExitReason.FLOW_ERROR, "missing_step:" + target.get().stepId(), from.id());
        } else {
            run.exit(ExitReason.COMPLETED, ExitReason.COMPLETED.label(), from.id());
        }
        return null;
    }
}
