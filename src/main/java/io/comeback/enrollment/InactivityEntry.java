package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.inactivity.InactivityConfig;
import io.comeback.audience.inactivity.MatchOutcome;
import io.comeback.audience.inactivity.MatchStore;
import io.comeback.audience.inactivity.WinbackEnrollment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Enters the matches of an inactivity detection pass ({@link InactivityDetector} finds them) a batch at a time, each
 * batch in a transaction of its own together with its record in {@code detector_matches}, under the pass's
 * {@link PassApproval}.
 */
@ApplicationScoped
public class InactivityEntry {

    private final WinbackEnrollment enrollment;
    private final MatchStore log;
    private final AgroalDataSource dataSource;
    private final FlowApprovals approvals;
    private final int transactionTimeoutSeconds;
    private final int batchSize;

    public InactivityEntry(
            WinbackEnrollment enrollment,
            MatchStore log,
            AgroalDataSource dataSource,
            FlowApprovals approvals,
            InactivityConfig config) {
        this.enrollment = enrollment;
        this.log = log;
        this.dataSource = dataSource;
        this.approvals = approvals;
        this.transactionTimeoutSeconds =
                (int) config.detector().transactionTimeout().getSeconds();
        this.batchSize = config.detector().batchSize();
    }

    InactivityBatches batches(String flowId, String version, Instant asOf) {
        return new InactivityBatches(flowId, version, asOf);
    }

    /** One pass's matches, collected and entered a batch at a time, with the pass's approval. */
    final class InactivityBatches {
        private final String flowId;
        private final String version;
        private final Instant asOf;
        private final List<WinbackEnrollment.Match> batch = new ArrayList<>(batchSize);
        private final Map<MatchOutcome, Integer> outcomes = new EnumMap<>(MatchOutcome.class);
        private int matched;
        private final PassApproval approval;
        private long enteringNanos;

        private InactivityBatches(String flowId, String version, Instant asOf) {
            this.flowId = flowId;
            this.version = version;
            this.asOf = asOf;
            this.approval = new PassApproval(approvals, flowId, "detection pass", asOf);
        }

        void add(WinbackEnrollment.Match match) {
            batch.add(match);
            if (approval.decided(batch.size()) && batch.size() >= batchSize) {
                flush();
            }
        }

        /** Enters what is collected, timed as part of the pass's time spent entering. */
        void flush() {
            long started = System.nanoTime();
            matched += enter();
            enteringNanos += System.nanoTime() - started;
        }

        /** Enters and records one batch in a transaction of its own, under the pass's approval. */
        private int enter() {
            if (batch.isEmpty() || approval.stopped()) {
                batch.clear();
                return 0;
            }
            List<WinbackEnrollment.Match> matches = List.copyOf(batch);
            batch.clear();
            List<MatchOutcome> answered = QuarkusTransaction.requiringNew()
                    .timeout(transactionTimeoutSeconds)
                    .call(() -> approval.enter(waitingFor -> {
                        List<MatchOutcome> entered = enrollment.enterAll(flowId, matches, waitingFor);
                        try (Connection connection = dataSource.getConnection()) {
                            log.record(connection, flowId, version, asOf, matches, entered);
                        }
                        return entered;
                    }));
            if (answered == null) {
                approval.stop();
                return 0;
            }
            answered.forEach(o -> outcomes.merge(o, 1, Integer::sum));
            return matches.size();
        }

        int matched() {
            return matched;
        }

        Map<MatchOutcome, Integer> outcomes() {
            return outcomes;
        }

        long enteringNanos() {
            return enteringNanos;
        }

        /** The approval the pass waits for; null when it needed none. */
        Long approvalId() {
            return approval.approvalId();
        }
    }
}
