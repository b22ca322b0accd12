package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way into a flow, for every trigger (ingest, keywords, the inactivity detector). Applies
 * the entry rules — consent for marketing flows, audience conditions and order filters, re-entry,
 * holdout — records the outcome in {@code entry_log}, and inserts the enrollment row with its first
 * wake-up. Nothing is interpreted here: the caller's transaction stays short, and the wake-up
 * workers start the flow moments later (or at {@link TriggerContext#startAt()}).
 */
@ApplicationScoped
public class Enrollments {

    /** One customer a trigger fired for (internal id), with what the flow should know and why it fired. */
    public record Candidate(long customerId, TriggerContext context, String reason) {
    }

    private final FlowCatalog catalog;
    private final FlowInterpreter interpreter;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public Enrollments(FlowCatalog catalog, FlowInterpreter interpreter, AgroalDataSource dataSource, Clock clock) {
        this.catalog = catalog;
        this.interpreter = interpreter;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Enters the customer (internal id) into the active version of the flow if the entry rules allow.
     *
     * @param reason why the trigger fired, kept on the enrollment (e.g. {@code order 1234}, {@code inactive 2x rhythm})
     */
    @Transactional
    public EntryOutcome enter(String flowId, long customerId, TriggerContext context, String reason) {
        return enterAll(flowId, List.of(new Candidate(customerId, context, reason))).get(0);
    }

    /**
     * {@link #enter} for many customers at once, with a handful of statements whatever their number
     * (the inactivity detector enters hundreds of thousands on a new flow's first pass).
     *
     * @return the outcome of each candidate, in order
     */
    @Transactional
    public List<EntryOutcome> enterAll(String flowId, List<Candidate> candidates) {
        Instant now = clock.instant();
        List<Long> ids = candidates.stream().map(Candidate::customerId).toList();
        try (Connection connection = dataSource.getConnection()) {
            Optional<Flow> flow = catalog.active(flowId);
            List<EntryOutcome> outcomes = new ArrayList<>(candidates.size());
            if (flow.isEmpty()) {
                candidates.forEach(c -> outcomes.add(new EntryOutcome.Refused(
                        EntryOutcome.Refused.FLOW_NOT_ACTIVE, "no active flow '" + flowId + "'")));
                EntryWrites.log(connection, flowId, now, ids, outcomes);
                return outcomes;
            }
            Map<Long, CustomerView> customers = CustomerViews.load(connection, ids, now);
            Map<Long, ReEntryCheck.History> histories = EntryWrites.histories(connection, flowId, ids);
            List<EntryWrites.Insert> inserts = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (Candidate candidate : candidates) {
                CustomerView customer = customers.get(candidate.customerId());
                ReEntryCheck.History history = histories.getOrDefault(candidate.customerId(), ReEntryCheck.History.NONE);
                EntryOutcome refused = customer == null
                        ? new EntryOutcome.Refused(EntryOutcome.Refused.NO_CUSTOMER, "no customer " + candidate.customerId())
                        : !seen.add(candidate.customerId())
                        ? new EntryOutcome.Refused(EntryOutcome.Refused.ALREADY_RUNNING, "entered earlier in the same batch")
                        : refusal(flow.get(), customer, history, candidate.context(), now);
                outcomes.add(refused);
                if (refused == null) {
                    boolean heldOut = Holdout.heldOut(flowId, candidate.customerId(), history.entries() + 1,
                            flow.get().entry().holdoutPercent());
                    inserts.add(new EntryWrites.Insert(candidate.customerId(), candidate.context(), candidate.reason(), heldOut));
                }
            }
            Map<Long, Long> inserted = EntryWrites.insert(connection, flow.get(), inserts, now);
            Map<Long, Boolean> heldOut = new HashMap<>();
            inserts.forEach(in -> heldOut.put(in.customerId(), in.heldOut()));
            List<Long> logged = new ArrayList<>();
            List<EntryOutcome> loggedOutcomes = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                long customerId = candidates.get(i).customerId();
                if (outcomes.get(i) == null) {
                    Long id = inserted.get(customerId);
                    outcomes.set(i, id == null
                            ? new EntryOutcome.Refused(EntryOutcome.Refused.ALREADY_RUNNING, "entered concurrently")
                            : heldOut.get(customerId) ? new EntryOutcome.HeldOut(id) : new EntryOutcome.Entered(id));
                }
                // A customer who does not exist has nothing to log against.
                if (customers.containsKey(customerId)) {
                    logged.add(customerId);
                    loggedOutcomes.add(outcomes.get(i));
                }
            }
            EntryWrites.log(connection, flowId, now, logged, loggedOutcomes);
            return outcomes;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enter " + candidates.size() + " customers into flow " + flowId, e);
        }
    }

    /** The rule that keeps the customer out, or null when they may enter. */
    private EntryOutcome.Refused refusal(Flow flow, CustomerView customer, ReEntryCheck.History history,
                                         TriggerContext context, Instant now) {
        if (flow.settings().isMarketing() && customer.consent() != ConsentStatus.OPTED_IN) {
            return new EntryOutcome.Refused(EntryOutcome.Refused.NO_CONSENT,
                    "marketing flow and the customer's consent is " + customer.consent().yamlName());
        }
        if (!interpreter.admits(flow, customer, context.variables(), now)) {
            return new EntryOutcome.Refused(EntryOutcome.Refused.AUDIENCE, "audience conditions or filters do not hold");
        }
        return ReEntryCheck.refuse(flow, history, now, customer.timeZone()).orElse(null);
    }
}
