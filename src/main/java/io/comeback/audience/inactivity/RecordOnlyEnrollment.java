package io.comeback.audience.inactivity;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.List;

/**
 * Enrollment while no flow runtime is wired: every match is recorded in {@code detector_matches}
 * (by the detector) with the outcome {@code recorded}, and nobody is texted. The runtime's
 * implementation of {@link WinbackEnrollment} replaces this bean.
 */
@DefaultBean
@ApplicationScoped
public class RecordOnlyEnrollment implements WinbackEnrollment {

    @Override
    public MatchOutcome enter(String flowId, long customerId, MatchReason reason) {
        return MatchOutcome.RECORDED;
    }

    @Override
    public List<MatchOutcome> enterAll(String flowId, List<Match> matches) {
        return Collections.nCopies(matches.size(), MatchOutcome.RECORDED);
    }
}
