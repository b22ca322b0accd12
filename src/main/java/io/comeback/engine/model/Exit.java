package io.comeback.engine.model;

import java.util.Optional;

/** Ends the enrollment with a reason that shows up in reports. YAML: {@code exit: not_interested}. */
public record Exit(String id, String reason, SourceLocation location) implements Step {

    /** Reason used when a customer runs past the last step. */
    public static final String COMPLETED = "completed";
    /** Reason used when the flow's goal event ends the enrollment. */
    public static final String GOAL_REACHED = "goal_reached";

    public Optional<Target> next() {
        return Optional.empty();
    }

    public String kind() {
        return "exit";
    }
}
