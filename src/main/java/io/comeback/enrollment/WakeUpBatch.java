package io.comeback.enrollment;

import io.comeback.flows.FlowVersions;
import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.engine.run.EnrollmentState;
import io.comeback.engine.run.ExitReason;
import io.comeback.engine.run.FlowInterpreter;
import io.comeback.messaging.OutboundLedger;
import io.comeback.messaging.SendGate;
import io.comeback.support.UnflushedCommit;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One transaction of the runtime: claim up to N due enrollments, run each through the interpreter,
 * and write the new states, ledger rows and customer changes together. A crash anywhere before the
 * commit releases the claims and the batch runs again; the ledger's unique send key makes that replay
 * harmless.
 */
@ApplicationScoped
public class WakeUpBatch {

    private static final Logger LOG = Logger.getLogger(WakeUpBatch.class);

    /**
     * How a batch went, for the worker's pacing and for metrics.
     * @param dueMessages ledger rows written by the batch that may leave at once (for the dispatcher)
     */
    public record Outcome(int claimed, int messagesQueued, List<Long> dueMessages) {
        static final Outcome NONE = new Outcome(0, 0, List.of());
    }

    private final AgroalDataSource dataSource;
    private final FlowVersions versions;
    private final EnrollmentInterpreters interpreters;
    private final SendGate gate;

    public WakeUpBatch(AgroalDataSource dataSource, FlowVersions versions, EnrollmentInterpreters interpreters, SendGate gate) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.interpreters = interpreters;
        this.gate = gate;
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
        List<ClaimedEnrollment> claimed = EnrollmentRows.claim(c, now, limit);
        if (claimed.isEmpty()) {
            return Outcome.NONE;
        }
        Map<Long, List<EnrollmentRows.Signal>> signals = EnrollmentRows.takeSignals(c, claimed);
        Map<Long, CustomerView> customers = CustomerViews.load(c, claimed.stream().map(ClaimedEnrollment::customerId).distinct().toList(), now);
        DecisionSink sink = new DecisionSink(gate, now);
        List<SurveyResponses.Answer> answers = new ArrayList<>(0);
        List<EnrollmentRows.Update> updates = new ArrayList<>(claimed.size());
        for (ClaimedEnrollment row : claimed) {
            List<EnrollmentRows.Signal> events = signals.getOrDefault(row.id(), List.of());
            updates.add(advance(row, customers.get(row.customerId()), events, now, sink, answers));
        }
        EnrollmentRows.write(c, updates, now);
        OutboundLedger.Inserted queued = OutboundLedger.insert(c, sink.ledgerRows());
        sink.customerWrites.flush(c);
        SurveyResponses.insert(c, answers, now);
        return new Outcome(claimed.size(), queued.inserted(), queued.dueNow());
    }

    private EnrollmentRows.Update advance(ClaimedEnrollment row, CustomerView customer, List<EnrollmentRows.Signal> events,
                                          Instant now, DecisionSink sink, List<SurveyResponses.Answer> answers) {
        Optional<Flow> flow = versions.resolve(row.flowId(), row.flowVersion());
        if (flow.isEmpty() || customer == null) {
            String why = flow.isEmpty() ? "flow version " + row.flowVersion() + " is unknown" : "customer is gone";
            LOG.warnf("Enrollment %d in %s ends: %s", row.id(), row.flowId(), why);
            return exited(row, null, now, ExitReason.FLOW_ERROR.label(), why, false);
        }
        try {
            EnrollmentAdvance.Result result = EnrollmentAdvance.advance(
                    interpreters.forEnrollment(row.id(), row.customerId(), customer, now), flow.get(), row, customer, events, now);
            sink.accept(row, flow.get(), customer, result.decisions());
            for (EnrollmentAdvance.ScoredReply scored : result.scores()) {
                answers.add(new SurveyResponses.Answer(row.id(), row.flowId(), scored.score().stepId(), row.customerId(),
                        scored.score().score(), scored.inboundMessageId()));
            }
            EnrollmentState state = result.state();
            if (state.isExited()) {
                Decision.Exit exit = result.decisions().stream().filter(Decision.Exit.class::isInstance)
                        .map(Decision.Exit.class::cast).reduce((a, b) -> b).orElse(null);
                return exited(row, state, now, exit == null ? ExitReason.COMPLETED.label() : exit.reason().label(),
                        state.exitLabel(), exit != null && exit.conversion());
            }
            Instant next = state.isWaiting() ? state.wakeAt() : null;
            return new EnrollmentRows.Update(row.id(), EnrollmentAdvance.status(state), state.stepId(),
                    StateCodec.write(state), next, null, null, null, false);
        } catch (RuntimeException e) {
            // One broken enrollment must not stop the batch (and every batch after it) forever.
            LOG.errorf(e, "Enrollment %d in flow %s failed and ends", row.id(), row.flowId());
            return exited(row, null, now, ExitReason.FLOW_ERROR.label(), String.valueOf(e.getMessage()), false);
        }
    }

    private static EnrollmentRows.Update exited(ClaimedEnrollment row, EnrollmentState state, Instant now, String reason,
                                                String label, boolean conversion) {
        return new EnrollmentRows.Update(row.id(), "exited", null, state == null ? row.stateJson() : StateCodec.write(state),
                null, now, reason, label, conversion);
    }
}
