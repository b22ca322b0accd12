package io.comeback.enrollment;

import io.comeback.audience.inactivity.MatchOutcome;
import io.comeback.audience.inactivity.MatchReason;
import io.comeback.audience.inactivity.WinbackEnrollment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/** The inactivity detector's matches enter their flow through the runtime's entry rules. */
@ApplicationScoped
public class RuntimeWinbackEnrollment implements WinbackEnrollment {

    private final Enrollments enrollments;

    public RuntimeWinbackEnrollment(Enrollments enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public MatchOutcome enter(String flowId, long customerId, MatchReason reason) {
        return enterAll(flowId, List.of(new Match(customerId, reason))).get(0);
    }

    /**
     * The whole batch through {@link Enrollments#enterLapsed}: a few statements, not a few per
     * customer, and the entry conditions judged in SQL.
     */
    @Override
    public List<MatchOutcome> enterAll(String flowId, List<Match> matches) {
        return enterAll(flowId, matches, null);
    }

    @Override
    public List<MatchOutcome> enterAll(String flowId, List<Match> matches, Long approvalId) {
        List<Long> customers = matches.stream().map(Match::customerId).toList();
        List<String> reasons = matches.stream()
                .map(m -> "inactive: "
                        + m.reason().windows().stream()
                                .map(MatchReason.Window::rule)
                                .collect(Collectors.joining(", ")))
                .toList();
        return enrollments.enterLapsed(flowId, customers, reasons, approvalId).stream()
                .map(RuntimeWinbackEnrollment::outcome)
                .toList();
    }

    private static MatchOutcome outcome(EntryOutcome outcome) {
        if (outcome instanceof EntryOutcome.Entered) {
            return MatchOutcome.ENTERED;
        }
        if (outcome instanceof EntryOutcome.HeldOut) {
            return MatchOutcome.HELD_OUT;
        }
        return MatchOutcome.REFUSED;
    }
}
