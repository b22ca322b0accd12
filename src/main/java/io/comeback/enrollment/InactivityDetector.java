package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.audience.inactivity.InactivityConfig;
import io.comeback.audience.inactivity.MatchOutcome;
import io.comeback.audience.inactivity.MatchReasons;
import io.comeback.audience.inactivity.MatchStore;
import io.comeback.audience.inactivity.WinbackEnrollment;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import io.comeback.support.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One detection pass: for every active flow with an {@code inactive} trigger, the customers who
 * are lapsed at {@code asOf} and eligible (consent, entry conditions, not in the flow's cool-down,
 * not capped) are handed to {@link WinbackEnrollment} in batches and recorded in
 * {@code detector_matches} with why they matched.
 * <p>
 * The eligible customers stream from one read-only snapshot while each batch is entered and
 * recorded in its own transaction: the first pass of a new flow may enter hundreds of thousands of
 * customers, and one transaction for all of them would hold locks for minutes and, past its
 * timeout, roll back everything only to start again. A pass cut short by a crash leaves its
 * committed batches recorded; the next pass continues with the rest (they are not in cool-down).
 * A session advisory lock on the reading connection ({@link AdvisoryLocks#INACTIVITY_DETECTION}) keeps two
 * nodes from detecting the same flow at once even if the scheduler misfires.
 */
@ApplicationScoped
public class InactivityDetector {

    private static final Logger LOG = Logger.getLogger(InactivityDetector.class);

    /**
     * @param took     the whole pass
     * @param entering of it, the time spent entering and recording the matches (the rest is finding them)
     * @param failure  why this flow's pass failed (the batches entered before it stay entered); null when it ran
     */
    public record FlowRun(
            String flowId,
            boolean skipped,
            int matched,
            Map<MatchOutcome, Integer> outcomes,
            Duration took,
            Duration entering,
            String failure) {}

    private final FlowCatalog catalog;
    private final InactiveAudience audience;
    private final WinbackEnrollment enrollment;
    private final MatchStore log;
    private final AgroalDataSource dataSource;
    private final int transactionTimeoutSeconds;
    private final int batchSize;

    public InactivityDetector(
            FlowCatalog catalog,
            InactiveAudience audience,
            WinbackEnrollment enrollment,
            MatchStore log,
            AgroalDataSource dataSource,
            InactivityConfig config) {
        this.catalog = catalog;
        this.audience = audience;
        this.enrollment = enrollment;
        this.log = log;
        this.dataSource = dataSource;
        this.transactionTimeoutSeconds =
                (int) config.detector().transactionTimeout().getSeconds();
        this.batchSize = config.detector().batchSize();
    }

    /**
     * Every inactive flow, each on its own: a flow whose pass fails is logged and reported with its error,
     * and the flows after it are still detected.
     */
    public List<FlowRun> runAll(Instant asOf) {
        List<FlowRun> runs = new ArrayList<>();
        for (FlowCatalog.Entry entry : catalog.all()) {
            if (entry.flow() != null && entry.flow().trigger() instanceof Trigger.Inactive) {
                long started = System.nanoTime();
                try {
                    runs.add(detect(entry.id(), entry.version(), entry.flow(), asOf));
                } catch (RuntimeException e) {
                    LOG.errorf(
                            e,
                            "Inactivity detection of flow %s at %s failed; the other flows are still detected",
                            entry.id(),
                            asOf);
                    String failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    Throwable cause = e.getCause();
                    if (cause != null && cause.getMessage() != null) {
                        failure += ": " + cause.getMessage();
                    }
                    runs.add(new FlowRun(
                            entry.id(),
                            false,
                            0,
                            Map.of(),
                            Duration.ofNanos(System.nanoTime() - started),
                            Duration.ZERO,
                            failure));
                }
            }
        }
        return runs;
    }

    public FlowRun detect(String flowId, String version, Flow flow, Instant asOf) {
        long started = System.nanoTime();
        Trigger.Inactive trigger = (Trigger.Inactive) flow.trigger();
        Map<MatchOutcome, Integer> outcomes = new EnumMap<>(MatchOutcome.class);
        int[] matched = {0};
        long[] entering = {0};
        try (Connection reader = dataSource.getConnection()) {
            if (!lock(reader, flowId)) {
                LOG.infof("Inactivity detection of flow %s is running elsewhere; skipped", flowId);
                return new FlowRun(flowId, true, 0, outcomes, Duration.ZERO, Duration.ZERO, null);
            }
            try {
                // Not auto-commit, so PostgreSQL streams the rows in chunks from one snapshot.
                reader.setAutoCommit(false);
                reader.setReadOnly(true);
                List<WinbackEnrollment.Match> batch = new ArrayList<>(batchSize);
                audience.eligible(reader, trigger, InactiveAudience.FlowRules.of(flow), asOf, row -> {
                    batch.add(new WinbackEnrollment.Match(row.customerId(), MatchReasons.of(trigger, row, asOf)));
                    if (batch.size() == batchSize) {
                        entering[0] += timed(() -> matched[0] += flush(flowId, version, asOf, batch, outcomes));
                    }
                });
                entering[0] += timed(() -> matched[0] += flush(flowId, version, asOf, batch, outcomes));
                reader.commit();
            } finally {
                reader.setAutoCommit(true);
                reader.setReadOnly(false);
                unlock(reader, flowId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Inactivity detection of flow " + flowId + " failed", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration enteringTook = Duration.ofNanos(entering[0]);
        if (matched[0] > 0) {
            LOG.infof(
                    "Inactivity detection of flow %s at %s: %d matched %s in %d ms (%d ms of it entering)",
                    flowId, asOf, matched[0], outcomes, took.toMillis(), enteringTook.toMillis());
        }
        return new FlowRun(flowId, false, matched[0], outcomes, took, enteringTook, null);
    }

    private static long timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    /** Enters and records one batch in a transaction of its own. */
    private int flush(
            String flowId,
            String version,
            Instant asOf,
            List<WinbackEnrollment.Match> batch,
            Map<MatchOutcome, Integer> outcomes) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<WinbackEnrollment.Match> matches = List.copyOf(batch);
        batch.clear();
        List<MatchOutcome> answered = QuarkusTransaction.requiringNew()
                .timeout(transactionTimeoutSeconds)
                .call(() -> {
                    List<MatchOutcome> entered = enrollment.enterAll(flowId, matches);
                    try (Connection connection = dataSource.getConnection()) {
                        log.record(connection, flowId, version, asOf, matches, entered);
                    }
                    return entered;
                });
        answered.forEach(o -> outcomes.merge(o, 1, Integer::sum));
        return matches.size();
    }

    private static boolean lock(Connection connection, String flowId) throws SQLException {
        return AdvisoryLocks.INACTIVITY_DETECTION.trySessionLock(connection, flowId);
    }

    private static void unlock(Connection connection, String flowId) throws SQLException {
        AdvisoryLocks.INACTIVITY_DETECTION.sessionUnlock(connection, flowId);
    }
}
