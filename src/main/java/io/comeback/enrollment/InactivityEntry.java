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
import org.jboss.logging.Logger;

/**
 * Enters the matches of an inactivity detection pass ({@link InactivityDetector} finds them) a batch at a time, each
 * batch in a transaction of its own together with its record in {@code detector_matches}, and asks for approval
 * when a pass matches more customers than {@code comeback.approval.threshold}.
 */
@ApplicationScoped
public class InactivityEntry {

    private static final Logger LOG = Logger.getLogger(InactivityEntry.class);

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
        private long enteringNanos;
        // Until the pass has more matches than the threshold it cannot tell whether it needs approval: it collects
        // them first (one past the threshold at most), then enters them all one way.
        private boolean decided = !approvals.enabled();
        private Long approvalId;
        private boolean stopped;

        private InactivityBatches(String flowId, String version, Instant asOf) {
            this.flowId = flowId;
            this.version = version;
            this.asOf = asOf;
        }

        void add(WinbackEnrollment.Match match) {
            batch.add(match);
            if (!decided && batch.size() > approvals.threshold()) {
                approvalId = approvals.open(
                        flowId,
                        "detection pass as of " + asOf + ": more than " + approvals.threshold()
                                + " customers matched at once");
                decided = true;
            }
            if (decided && batch.size() >= batchSize) {
                flush();
            }
        }

        /** Enters what is collected, timed as part of the pass's time spent entering. */
        void flush() {
            long started = System.nanoTime();
            matched += enter();
            enteringNanos += System.nanoTime() - started;
        }

        /**
         * Enters and records one batch in a transaction of its own. Under an approval, the batch waits for it while
         * it is pending; once approved (a marketer may decide while a long pass still runs) the rest enters as usual;
         * once rejected the rest of the pass is not entered (nor recorded: the next pass finds them again and asks
         * anew).
         */
        private int enter() {
            if (batch.isEmpty() || stopped) {
                batch.clear();
                return 0;
            }
            List<WinbackEnrollment.Match> matches = List.copyOf(batch);
            batch.clear();
            List<MatchOutcome> answered = QuarkusTransaction.requiringNew()
                    .timeout(transactionTimeoutSeconds)
                    .call(() -> {
                        Long waitingFor = approvalId;
                        if (waitingFor != null) {
                            FlowApprovals.Hold hold = approvals.hold(waitingFor);
                            if (hold == FlowApprovals.Hold.STOP) {
                                return null;
                            }
                            waitingFor = hold == FlowApprovals.Hold.WAIT ? waitingFor : null;
                        }
                        List<MatchOutcome> entered = enrollment.enterAll(flowId, matches, waitingFor);
                        try (Connection connection = dataSource.getConnection()) {
                            log.record(connection, flowId, version, asOf, matches, entered);
                        }
                        return entered;
                    });
            if (answered == null) {
                LOG.infof(
                        "Approval %d of flow %s was rejected while its pass ran: the rest of the pass is not entered",
                        approvalId, flowId);
                stopped = true;
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
            return approvalId;
        }
    }
}
