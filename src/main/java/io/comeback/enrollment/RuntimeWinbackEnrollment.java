package io.comeback.enrollment;

import io.comeback.audience.inactivity.EntryOutcome;
import io.comeback.audience.inactivity.MatchReason;
import io.comeback.audience.inactivity.WinbackEnrollment;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.stream.Collectors;

/** The inactivity detector's matches enter their flow through the runtime's entry rules. */
@ApplicationScoped
public class RuntimeWinbackEnrollment implements WinbackEnrollment {

    private final Enrollments enrollments;

    public RuntimeWinbackEnrollment(Enrollments enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public EntryOutcome enter(String flowId, long customerId, MatchReason reason) {
        String why = "inactive: " + reason.windows().stream().map(MatchReason.Window::rule).collect(Collectors.joining(", "));
        io.comeback.enrollment.EntryOutcome outcome = enrollments.enter(flowId, customerId, TriggerContext.of(Map.of()), why);
        if (outcome instanceof io.comeback.enrollment.EntryOutcome.Entered) {
            return EntryOutcome.ENTERED;
        }
        if (outcome instanceof io.comeback.enrollment.EntryOutcome.HeldOut) {
            return EntryOutcome.HELD_OUT;
        }
        return EntryOutcome.REFUSED;
    }
}
