package io.comeback.enrollment;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The entry rules applied to a batch of candidates once each has been judged ({@link Enrollments} judges them
 * from full customer views or from facts read in SQL): who is refused and why, who is held out, and the inserts
 * and {@code entry_log} rows of the batch, so both ways into a flow decide the same way.
 */
final class EntryAdmission {

    private EntryAdmission() {}

    /** A customer's earlier enrollments in the flow and the rule that keeps them out (null: may enter). */
    record Judged(ReEntryCheck.History history, EntryOutcome.Refused refused) {}

    /**
     * Applies the judgement (null for a customer who does not exist) to each candidate, chooses the
     * holdout, inserts the enrollments and logs every outcome: a handful of statements per batch.
     */
    static List<EntryOutcome> admit(
            Connection connection,
            Flow flow,
            List<Enrollments.Candidate> candidates,
            Instant now,
            Long approvalId,
            Function<Enrollments.Candidate, Judged> judge)
            throws SQLException {
        String flowId = flow.id();
        List<EntryOutcome> outcomes = new ArrayList<>(candidates.size());
        List<EntryStore.Insert> inserts = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Set<Long> missing = new HashSet<>();
        for (Enrollments.Candidate candidate : candidates) {
            Judged judged = judge.apply(candidate);
            EntryOutcome refused;
            if (judged == null) {
                missing.add(candidate.customerId());
                refused = new EntryOutcome.Refused(
                        EntryOutcome.Refused.NO_CUSTOMER, "no customer " + candidate.customerId());
            } else {
                refused = !seen.add(candidate.customerId())
                        ? new EntryOutcome.Refused(
                                EntryOutcome.Refused.ALREADY_RUNNING, "entered earlier in the same batch")
                        : judged.refused();
            }
            outcomes.add(refused);
            if (refused == null) {
                boolean heldOut = Holdout.heldOut(
                        flowId,
                        candidate.customerId(),
                        judged.history().entries() + 1,
                        flow.entry().holdoutPercent());
                inserts.add(new EntryStore.Insert(
                        candidate.customerId(), candidate.context(), candidate.reason(), heldOut));
            }
        }
        Set<Long> living = EntryStore.lockLiving(
                connection, inserts.stream().map(EntryStore.Insert::customerId).toList());
        inserts.removeIf(in -> !living.contains(in.customerId()));
        Map<Long, Long> inserted = EntryStore.insert(connection, flow, inserts, now, approvalId);
        Map<Long, Boolean> heldOut = new HashMap<>();
        inserts.forEach(in -> heldOut.put(in.customerId(), in.heldOut()));
        List<Long> logged = new ArrayList<>();
        List<EntryOutcome> loggedOutcomes = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            long customerId = candidates.get(i).customerId();
            if (outcomes.get(i) == null && !living.contains(customerId)) {
                // Erased since the judgement (see EntryStore.lockLiving).
                missing.add(customerId);
                outcomes.set(
                        i, new EntryOutcome.Refused(EntryOutcome.Refused.NO_CUSTOMER, "no customer " + customerId));
            } else if (outcomes.get(i) == null) {
                Long id = inserted.get(customerId);
                outcomes.set(
                        i,
                        id == null
                                ? new EntryOutcome.Refused(EntryOutcome.Refused.ALREADY_RUNNING, "entered concurrently")
                                : heldOut.get(customerId)
                                        ? new EntryOutcome.HeldOut(id)
                                        : new EntryOutcome.Entered(id));
            }
            // A customer who does not exist has nothing to log against.
            if (!missing.contains(customerId)) {
                logged.add(customerId);
                loggedOutcomes.add(outcomes.get(i));
            }
        }
        EntryStore.log(connection, flowId, now, logged, loggedOutcomes);
        return outcomes;
    }

    /** The rule that keeps the customer out, or null when they may enter. */
    static EntryOutcome.Refused refusal(
            Flow flow,
            ConsentStatus consent,
            BooleanSupplier admits,
            ReEntryCheck.History history,
            ZoneId zone,
            Instant now) {
        if (flow.settings().isMarketing() && consent != ConsentStatus.OPTED_IN) {
            return new EntryOutcome.Refused(
                    EntryOutcome.Refused.NO_CONSENT,
                    "marketing flow and the customer's consent is " + consent.yamlName());
        }
        if (!admits.getAsBoolean()) {
            return new EntryOutcome.Refused(
                    EntryOutcome.Refused.AUDIENCE, "audience conditions or filters do not hold");
        }
        return ReEntryCheck.refuse(flow, history, now, zone).orElse(null);
    }
}
