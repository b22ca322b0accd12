package io.comeback.audience.inactivity;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the inactivity detector hands each newly lapsed customer: the flow runtime's entry for
 * {@code inactive} flows, which applies the entry rules (audience filter, holdout) and starts the
 * enrollment. The detector has already left out customers without consent, in the flow's
 * re-entry cool-down, or capped, and records every match with the returned outcome in
 * {@code detector_matches}.
 *
 * <p>Called inside the detector's transaction, so an implementation that writes enrollment rows
 * with the caller's connection commits them together with the match records.
 */
public interface WinbackEnrollment {

    MatchOutcome enter(String flowId, long customerId, MatchReason reason);

    /** The detector calls this with batches of up to a thousand; override to enter them set-based. */
    default List<MatchOutcome> enterAll(String flowId, List<Match> matches) {
        List<MatchOutcome> outcomes = new ArrayList<>(matches.size());
        for (Match match : matches) {
            outcomes.add(enter(flowId, match.customerId(), match.reason()));
        }
        return outcomes;
    }

    /**
     * {@link #enterAll(String, List)} for a pass that waits for a person's approval: the new enrollments are
     * held (their texts are written but not sent) until the approval {@code approvalId} is decided. An
     * implementation that sends nothing may ignore it.
     */
    default List<MatchOutcome> enterAll(String flowId, List<Match> matches, Long approvalId) {
        return enterAll(flowId, matches);
    }

    record Match(long customerId, MatchReason reason) {}
}
