package io.comeback.engine.run;

import java.util.Locale;

/** Why an enrollment ended. */
public enum ExitReason {
    /** Ran past the last step. */
    COMPLETED,
    /** The flow's goal happened (e.g. an order): counts as a conversion. */
    GOAL_REACHED,
    /** The customer withdrew consent, by a STOP reply or otherwise. */
    OPTED_OUT,
    /** An {@code exit} step was reached; its label is the step's reason. */
    EXIT_STEP,
    /** The flow could not go on (a jump to a missing step, a loop without any wait). */
    FLOW_ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
