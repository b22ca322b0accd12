package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.flows.FlowControls;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What the date and segment detection passes share with each other (and with the inactivity detector's
 * design): one node detects a flow at a time ({@link FlowDetection}), and matches are entered through the entry rules in batches, each batch in a
 * transaction of its own together with the pass's record of whom it matched, so a pass cut short leaves its
 * committed batches entered and recorded and the next pass continues with the rest.
 * <p>
 * Control before sending, as for the inactivity detector: a paused flow is not detected, and a pass that matches
 * more customers than {@code comeback.approval.threshold} collects them (one past the threshold at most) before
 * entering any, then enters them all under an approval ({@link FlowApprovals}): their texts are written but wait
 * until a marketer decides.
 */
@ApplicationScoped
public class DetectionPass {

    private static final Logger LOG = Logger.getLogger(DetectionPass.class);

    /** Records a batch's matches (the customers, in order) on the batch's connection, in its transaction. */
    public interface Recorder {
        void record(Connection connection, List<Long> customerIds, Instant asOf) throws SQLException;
    }

    private final Enrollments enrollments;
    private final FlowApprovals approvals;
    private final FlowControls controls;
    private final AgroalDataSource dataSource;
    private final int batchSize;
    private final int transactionTimeoutSeconds;

    public DetectionPass(
            Enrollments enrollments,
            FlowApprovals approvals,
            FlowControls controls,
            AgroalDataSource dataSource,
            TriggersConfig config) {
        this.enrollments = enrollments;
        this.approvals = approvals;
        this.controls = controls;
        this.dataSource = dataSource;
        this.batchSize = config.detector().batchSize();
        this.transactionTimeoutSeconds =
                (int) config.detector().transactionTimeout().getSeconds();
    }

    int batchSize() {
        return batchSize;
    }

    /** A paused flow takes no new entries, so its pass does not run (what it would match is found after resume). */
    boolean paused(String flowId) {
        boolean paused = controls.of(flowId).paused();
        if (paused) {
            LOG.infof("Flow %s is paused: not detected", flowId);
        }
        return paused;
    }

    /** Collects matches and enters them a batch at a time. */
    final class Batches {
        private final String flowId;
        private final String trigger;
        private final Instant asOf;
        private final Recorder recorder;
        private final List<Long> ids = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final PassApproval approval;
        private int matched;

        Batches(String flowId, String trigger, Instant asOf, Recorder recorder) {
            this.flowId = flowId;
            this.trigger = trigger;
            this.asOf = asOf;
            this.recorder = recorder;
            this.approval = new PassApproval(approvals, flowId, trigger + " detection pass", asOf);
        }

        void add(long customerId, String reason) {
            ids.add(customerId);
            reasons.add(reason);
            if (approval.decided(ids.size()) && ids.size() >= batchSize) {
                flush();
            }
        }

        /** Enters and records the batch, in a transaction of its own, under the pass's approval. */
        void flush() {
            if (ids.isEmpty() || approval.stopped()) {
                ids.clear();
                reasons.clear();
                return;
            }
            List<Long> batch = List.copyOf(ids);
            List<String> why = List.copyOf(reasons);
            ids.clear();
            reasons.clear();
            List<EntryOutcome> answered = QuarkusTransaction.requiringNew()
                    .timeout(transactionTimeoutSeconds)
                    .call(() -> approval.enter(waitingFor -> {
                        List<EntryOutcome> entered = enrollments.enterLapsed(flowId, batch, why, waitingFor);
                        try (Connection connection = dataSource.getConnection()) {
                            recorder.record(connection, batch, asOf);
                        }
                        return entered;
                    }));
            if (answered == null) {
                approval.stop();
                return;
            }
            answered.forEach(o -> outcomes.merge(o.label(), 1, Integer::sum));
            matched += batch.size();
        }

        int matched() {
            return matched;
        }

        Map<String, Integer> outcomes() {
            return outcomes;
        }

        /** The approval the pass waits for; null when it needed none. */
        Long approvalId() {
            return approval.approvalId();
        }
    }

    Batches batches(String flowId, String trigger, Instant asOf, Recorder recorder) {
        return new Batches(flowId, trigger, asOf, recorder);
    }

    /** Runs {@code detect} for each flow on its own: one whose pass fails is logged and reported, the others still run. */
    static <F> List<DetectionRun> each(
            List<F> flows, Function<F, String> id, String trigger, Function<F, DetectionRun> detect) {
        List<DetectionRun> runs = new ArrayList<>();
        for (F flow : flows) {
            long started = System.nanoTime();
            try {
                runs.add(detect.apply(flow));
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "Detection of %s flow %s failed; the other flows are still detected",
                        trigger,
                        id.apply(flow));
                String failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (e.getCause() != null && e.getCause().getMessage() != null) {
                    failure += ": " + e.getCause().getMessage();
                }
                runs.add(new DetectionRun(
                        id.apply(flow),
                        trigger,
                        false,
                        0,
                        Map.of(),
                        Duration.ofNanos(System.nanoTime() - started),
                        failure));
            }
        }
        return runs;
    }
}
