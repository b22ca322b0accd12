package io.comeback.engine.run;

import java.util.List;

/** The interpreter's answer: the state to store and the decisions to carry out, in order. */
public record StepResult(EnrollmentState state, List<Decision> decisions) {

    public StepResult {
        decisions = List.copyOf(decisions);
    }

    public static StepResult unchanged(EnrollmentState state) {
        return new StepResult(state, List.of());
    }
}
