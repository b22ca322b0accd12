package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.ExitReason;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.SendGate;
import io.comeback.support.LogContext;
import io.comeback.support.UnflushedCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One transaction of the runtime: claim up to N due enrollments, run each through the interpreter,
 * and write the new states, ledger rows and customer changes together. A crash anywhere before the
 * commit releases the claims and the batch runs again; the ledger's unique send key makes that replay
 * harmless.
 * <p>
 * Nothing one enrollment holds can stop the others: an enrollment whose flow version throws, whose
 * signal or state cannot be read, or whose writes PostgreSQL refuses is set aside as {@code failed} with
 * the error (see {@link BatchWriter}), and the rest of its batch is written in the same transaction.
 */
@ApplicationScoped
public class WakeUpBatch {

    private static final Logger LOG = Logger.getLogger(WakeUpBatch.class);

    /**
     * How a batch went, for the worker's pacing and for metrics.
     * @param dueMessages ledger rows written by the batch that may leave at once (for the dispatcher)
     * @param failed      enrollments of the batch set aside as failed
     */
    public record Outcome(int claimed, int messagesQueued, List<Long> dueMessages, int failed) {
        static final Outcome NONE = new Outcome(0, 0, List.of(), 0);
    }

    /** One enrollment interpreted: what its row becomes and the answers it recorded. */
    private record Interpreted(WakeUpStore.Update update, String flowId, List<SurveyResponses.Answer> answers) {}

    private final AgroalDataSource dataSource;
    private final FlowVersions versions;
    private final EnrollmentInterpreters interpreters;
    private final SendGate gate;
    private final Counter failedEnrollments;

    public WakeUpBatch(
            AgroalDataSource dataSource,
            FlowVersions versions,
            EnrollmentInterpreters interpreters,
            SendGate gate,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.interpreters = interpreters;
        this.gate = gate;
        this.failedEnrollments = metrics.counter("comeback.enrollments.failed");
    }

    public Outcome run(Instant now, int limit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // A lost batch (PostgreSQL crash) is redone: its enrollments are still due, and the unique
                // send key keeps a redone send to one ledger row. No text leaves before the dispatcher's
                // claim, whose synchronous commit flushes this batch's rows first.
                UnflushedCommit.allow(c);
                Outcome outcome = runIn(c, now, limit);
                c.commit();
                failedEnrollments.increment(outcome.failed());
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Wake-up batch failed", e);
        }
    }

    private Outcome runIn(Connection c, Instant now, int limit) throws SQLException {
        List<ClaimedEnrollment> claimed = WakeUpStore.claim(c, now, limit);
        if (claimed.isEmpty()) {
            return Outcome.NONE;
        }
        WakeUpStore.Signals signals = WakeUpStore.takeSignals(c, claimed);
        Map<Long, CustomerView> customers = CustomerViews.load(
                c,
                claimed.stream().map(ClaimedEnrollment::customerId).distinct().toList(),
                now);
        BatchDecisions sink = new BatchDecisions(gate, now);
        List<WakeUpStore.Failure> failures = new ArrayList<>(0);
        List<Interpreted> interpreted = new ArrayList<>(claimed.size());
        for (ClaimedEnrollment row : claimed) {
            LogContext.enrollment(row.id(), row.flowId());
            try {
                String unreadable = signals.unreadable().get(row.id());
                if (unreadable != null) {
                    LOG.errorf(
                            "Enrollment %d in flow %s is set aside as failed: %s", row.id(), row.flowId(), unreadable);
                    failures.add(new WakeUpStore.Failure(row.id(), row.flowId(), unreadable));
                    continue;
                }
                List<WakeUpStore.Signal> events = signals.byEnrollment().getOrDefault(row.id(), List.of());
                advance(row, customers.get(row.customerId()), events, now, sink, interpreted, failures);
            } finally {
                LogContext.clear();
            }
        }
        List<WakeUpStore.Failure> unjudged = sink.judge();
        failures.addAll(unjudged);
        Set<Long> setAside = unjudged.stream().map(WakeUpStore.Failure::id).collect(Collectors.toSet());
        Set<Long> sentBefore = WakeUpStore.withSentTexts(
                c,
                interpreted.stream()
                        .map(Interpreted::update)
                        .filter(WakeUpStore.Update::conversion)
                        .map(WakeUpStore.Update::id)
                        .toList());
        List<BatchWriter.Advanced> writes = new ArrayList<>(interpreted.size());
        List<Long> parked = new ArrayList<>(0);
        for (Interpreted one : interpreted) {
            long id = one.update().id();
            if (!setAside.contains(id)) {
                writes.add(new BatchWriter.Advanced(
                        EnrollmentUpdates.convertedAfterText(one.update(), sentBefore),
                        one.flowId(),
                        sink.ledgerRows(id),
                        sink.links(id),
                        sink.customerWrites(id),
                        one.answers()));
                if (sink.wroteAwaiting(id)) {
                    parked.add(id);
                }
            }
        }
        WakeUpStore.fail(c, failures, now);
        BatchWriter.Written written = BatchWriter.write(c, writes, now);
        Set<Long> unwritten =
                written.failures().stream().map(WakeUpStore.Failure::id).collect(Collectors.toSet());
        parked.removeIf(unwritten::contains);
        WakeUpStore.park(c, parked);
        return new Outcome(
                claimed.size(),
                written.queued().inserted(),
                written.queued().dueNow(),
                failures.size() + written.failures().size());
    }

    private void advance(
            ClaimedEnrollment row,
            CustomerView customer,
            List<WakeUpStore.Signal> events,
            Instant now,
            BatchDecisions sink,
            List<Interpreted> interpreted,
            List<WakeUpStore.Failure> failures) {
        if (customer == null) {
            LOG.warnf("Enrollment %d in %s ends: the customer is gone", row.id(), row.flowId());
            interpreted.add(new Interpreted(
                    EnrollmentUpdates.exited(row, null, now, ExitReason.FLOW_ERROR.label(), "customer is gone", false),
                    row.flowId(),
                    List.of()));
            return;
        }
        Optional<Flow> flow = versions.resolve(row.flowId(), row.flowVersion());
        if (flow.isEmpty()) {
            String why = "version " + row.flowVersion() + " of flow " + row.flowId() + " is unknown or no longer valid";
            LOG.errorf("Enrollment %d is set aside as failed: %s", row.id(), why);
            failures.add(new WakeUpStore.Failure(row.id(), row.flowId(), why));
            return;
        }
        try {
            EnrollmentAdvance.Result result = EnrollmentAdvance.advance(
                    interpreters.forEnrollment(row.id(), row.customerId(), customer, now),
                    flow.get(),
                    row,
                    customer,
                    events,
                    now);
            List<SurveyResponses.Answer> answers = EnrollmentUpdates.answers(row, result);
            WakeUpStore.Update update = EnrollmentUpdates.of(row, result, now);
            // Last, once nothing of this enrollment can throw any more: its sends and writes join the batch.
            sink.accept(row, flow.get(), customer, result.decisions());
            interpreted.add(new Interpreted(update, row.flowId(), answers));
        } catch (RuntimeException | StackOverflowError e) {
            // One broken enrollment must not stop the batch (and every batch after it) forever.
            sink.discard(row.id());
            LOG.errorf(e, "Enrollment %d in flow %s is set aside as failed", row.id(), row.flowId());
            failures.add(WakeUpStore.Failure.of(row.id(), row.flowId(), e));
        }
    }
}
