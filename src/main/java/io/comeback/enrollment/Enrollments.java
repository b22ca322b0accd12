package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ShopNameConfig;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import io.comeback.flows.FlowCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    public record Candidate(long customerId, TriggerContext context, String reason) {}

    private final FlowCatalog catalog;
    private final FlowInterpreter interpreter;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Map<String, String> globals;

    public Enrollments(
            FlowCatalog catalog,
            FlowInterpreter interpreter,
            AgroalDataSource dataSource,
            Clock clock,
            ShopNameConfig shopName) {
        this.catalog = catalog;
        this.interpreter = interpreter;
        this.dataSource = dataSource;
        this.clock = clock;
        this.globals = shopName.globals();
    }

    /**
     * Enters the customer (internal id) into the active version of the flow if the entry rules allow.
     *
     * @param reason why the trigger fired, kept on the enrollment (e.g. {@code order 1234}, {@code inactive 2x rhythm})
     */
    @Transactional
    public EntryOutcome enter(String flowId, long customerId, TriggerContext context, String reason) {
        return enterAll(flowId, List.of(new Candidate(customerId, context, reason)))
                .get(0);
    }

    /**
     * {@link #enter} for many customers at once, with a handful of statements whatever their number
     * (the inactivity detector enters hundreds of thousands on a new flow's first pass).
     *
     * @return the outcome of each candidate, in order
     */
    @Transactional
    public List<EntryOutcome> enterAll(String flowId, List<Candidate> candidates) {
        return enterAll(flowId, candidates, null);
    }

    /** @param approvalId the pending approval the new enrollments wait for (their texts are held until it is decided), or null */
    @Transactional
    public List<EntryOutcome> enterAll(String flowId, List<Candidate> candidates, Long approvalId) {
        try (Connection connection = dataSource.getConnection()) {
            return enterAll(connection, flowId, candidates, approvalId);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not enter " + candidates.size() + " customers into flow " + flowId, e);
        }
    }

    /**
     * {@link #enterAll} on the caller's connection and in its transaction: an import enters the customers of a batch
     * together with the batch's rows (and sees them before they commit).
     */
    public List<EntryOutcome> enterAll(Connection connection, String flowId, List<Candidate> candidates)
            throws SQLException {
        return enterAll(connection, flowId, candidates, null);
    }

    /** {@link #enterAll(Connection, String, List)} with the new enrollments waiting for {@code approvalId} (or none). */
    List<EntryOutcome> enterAll(Connection connection, String flowId, List<Candidate> candidates, Long approvalId)
            throws SQLException {
        return enterAll(connection, flowId, catalog.active(flowId), candidates, approvalId);
    }

    /**
     * Enters into a flow the catalog does not hold (a campaign's, {@code campaign.<id>}), on the caller's connection:
     * the same entry rules in the same order, the entry log, the holdout.
     */
    public List<EntryOutcome> enterFlow(Connection connection, Flow flow, List<Candidate> candidates)
            throws SQLException {
        return enterAll(connection, flow.id(), Optional.of(flow), candidates, null);
    }

    private List<EntryOutcome> enterAll(
            Connection connection, String flowId, Optional<Flow> flow, List<Candidate> candidates, Long approvalId)
            throws SQLException {
        Instant now = clock.instant();
        List<Long> ids = candidates.stream().map(Candidate::customerId).toList();
        List<EntryOutcome> outcomes = new ArrayList<>(candidates.size());
        if (flow.isEmpty()) {
            candidates.forEach(c -> outcomes.add(
                    new EntryOutcome.Refused(EntryOutcome.Refused.FLOW_NOT_ACTIVE, "no active flow '" + flowId + "'")));
            EntryStore.log(connection, flowId, now, ids, outcomes);
            return outcomes;
        }
        if (PausedEntries.refused(connection, flowId, ids, now, outcomes)) {
            return outcomes;
        }
        Map<Long, CustomerView> customers = CustomerViews.load(connection, ids, now);
        Map<Long, ReEntryCheck.History> histories = EntryStore.histories(connection, flowId, ids);
        return EntryAdmission.admit(connection, flow.get(), candidates, now, approvalId, candidate -> {
            CustomerView customer = customers.get(candidate.customerId());
            ReEntryCheck.History history = histories.getOrDefault(candidate.customerId(), ReEntryCheck.History.NONE);
            return customer == null
                    ? null
                    : new EntryAdmission.Judged(
                            history,
                            EntryAdmission.refusal(
                                    flow.get(),
                                    customer.consent(),
                                    () -> interpreter.admits(
                                            flow.get(),
                                            customer,
                                            candidate.context().variables(),
                                            now),
                                    history,
                                    customer.timeZone(),
                                    now));
        });
    }

    /**
     * {@link #enterAll} for the matches of a detection pass ({@code inactive}, {@code date} and {@code segment}
     * flows: no trigger variables, no filters), as the detectors hand them over in batches of thousands: the
     * same rules in the same order
     * with the same outcomes, but consent, entry conditions and earlier enrollments are read in one
     * statement ({@link EntryFactStore}, the conditions judged in SQL) instead of loading every
     * customer's full view and judging the conditions one customer at a time.
     */
    @Transactional
    public List<EntryOutcome> enterLapsed(String flowId, List<Long> customerIds, List<String> reasons) {
        return enterLapsed(flowId, customerIds, reasons, null);
    }

    /** {@link #enterLapsed(String, List, List)} for entries that wait for an approval (see {@link #enterAll(String, List, Long)}). */
    @Transactional
    public List<EntryOutcome> enterLapsed(
            String flowId, List<Long> customerIds, List<String> reasons, Long approvalId) {
        try (Connection connection = dataSource.getConnection()) {
            return enterLapsed(connection, flowId, customerIds, reasons, approvalId);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not enter " + customerIds.size() + " customers into flow " + flowId, e);
        }
    }

    /**
     * {@link #enterLapsed} on the caller's connection and in its transaction; also for {@code customer_created} flows
     * (no variables, no filters either), whose customers an import with {@code enroll=true} enters by the batch.
     */
    public List<EntryOutcome> enterLapsed(
            Connection connection, String flowId, List<Long> customerIds, List<String> reasons) throws SQLException {
        return enterLapsed(connection, flowId, customerIds, reasons, null);
    }

    /** {@link #enterLapsed(Connection, String, List, List)} with the new enrollments waiting for {@code approvalId}. */
    List<EntryOutcome> enterLapsed(
            Connection connection, String flowId, List<Long> customerIds, List<String> reasons, Long approvalId)
            throws SQLException {
        if (customerIds.size() != reasons.size()) {
            throw new IllegalArgumentException(customerIds.size() + " customers and " + reasons.size() + " reasons");
        }
        Optional<Flow> active = catalog.active(flowId);
        List<Candidate> candidates = new ArrayList<>(customerIds.size());
        for (int i = 0; i < customerIds.size(); i++) {
            candidates.add(new Candidate(customerIds.get(i), NO_VARIABLES, reasons.get(i)));
        }
        if (active.isEmpty() || !takesNoVariables(active.get().trigger())) {
            // Order filters and trigger variables need the interpreter: the general way.
            return enterAll(connection, flowId, candidates, approvalId);
        }
        Flow flow = active.get();
        Instant now = clock.instant();
        List<EntryOutcome> paused = new ArrayList<>(customerIds.size());
        if (PausedEntries.refused(connection, flowId, customerIds, now, paused)) {
            return paused;
        }
        Map<Long, EntryFactStore.Fact> facts = EntryFactStore.load(connection, flow, customerIds, now, globals);
        return EntryAdmission.admit(connection, flow, candidates, now, approvalId, candidate -> {
            EntryFactStore.Fact fact = facts.get(candidate.customerId());
            return fact == null
                    ? null
                    : new EntryAdmission.Judged(
                            fact.history(),
                            EntryAdmission.refusal(
                                    flow, fact.consent(), fact::admitted, fact.history(), fact.zone(), now));
        });
    }

    private static final TriggerContext NO_VARIABLES = TriggerContext.of(Map.of());

    /** Triggers whose entry needs no variables and has no filters of its own: those of a detection pass, and sign-up. */
    private static boolean takesNoVariables(Trigger trigger) {
        return trigger instanceof Trigger.Inactive
                || trigger instanceof Trigger.DateTrigger
                || trigger instanceof Trigger.Segment
                || trigger instanceof Trigger.CustomerCreated;
    }
}
