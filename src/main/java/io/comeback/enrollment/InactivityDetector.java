package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.audience.inactivity.MatchOutcome;
import io.comeback.audience.inactivity.MatchReasons;
import io.comeback.audience.inactivity.WinbackEnrollment;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowControls;
import io.comeback.support.AdvisoryLocks;
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
 * not capped) are handed to {@link WinbackEnrollment} in batches ({@link InactivityEntry}) and recorded in
 * {@code detector_matches} with why they matched.
 * <p>
 * The eligible customers stream from one read-only snapshot while each batch is entered and
 * recorded in its own transaction: the first pass of a new flow may enter hundreds of thousands of
 * customers, and one transaction for all of them would hold locks for minutes and, past its
 * timeout, roll back everything only to start again. A pass cut short by a crash leaves its
 * committed batches recorded; the next pass continues with the rest (they are not in cool-down).
 * A session advisory lock on the reading connection ({@link AdvisoryLocks#INACTIVITY_DETECTION}) keeps two
 * nodes from detecting the same flow at once even if the scheduler misfires.
 * <p>
 * A paused flow is not detected. A pass that matches more customers than {@code comeback.approval.threshold}
 * asks for approval before anyone is texted ({@link FlowApprovals}): the matches are collected up to one past
 * the threshold before anything is entered, so a pass either enters everyone as usual or everyone under the
 * approval.
 */
@ApplicationScoped
public class InactivityDetector {

    private static final Logger LOG = Logger.getLogger(InactivityDetector.class);

    /**
     * @param took     the whole pass
     * @param entering of it, the time spent entering and recording the matches (the rest is finding them)
     * @param failure  why this flow's pass failed (the batches entered before it stay entered); null when it ran
     * @param approvalId the approval the pass's entries wait for; null when it needed none
     */
    public record FlowRun(
            String flowId,
            boolean skipped,
            int matched,
            Map<MatchOutcome, Integer> outcomes,
            Duration took,
            Duration entering,
            String failure,
            Long approvalId) {}

    private final FlowCatalog catalog;
    private final InactiveAudience audience;
    private final InactivityEntry entering;
    private final AgroalDataSource dataSource;
    private final FlowControls controls;

    public InactivityDetector(
            FlowCatalog catalog,
            InactiveAudience audience,
            InactivityEntry entering,
            AgroalDataSource dataSource,
            FlowControls controls) {
        this.catalog = catalog;
        this.audience = audience;
        this.entering = entering;
        this.dataSource = dataSource;
        this.controls = controls;
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
                            failure,
                            null));
                }
            }
        }
        return runs;
    }

    public FlowRun detect(String flowId, String version, Flow flow, Instant asOf) {
        long started = System.nanoTime();
        Trigger.Inactive trigger = (Trigger.Inactive) flow.trigger();
        if (controls.of(flowId).paused()) {
            LOG.infof("Flow %s is paused: not detected", flowId);
            return skipped(flowId);
        }
        InactivityEntry.InactivityBatches batches = entering.batches(flowId, version, asOf);
        try (Connection reader = dataSource.getConnection()) {
            if (!lock(reader, flowId)) {
                LOG.infof("Inactivity detection of flow %s is running elsewhere; skipped", flowId);
                return skipped(flowId);
            }
            try {
                // Not auto-commit, so PostgreSQL streams the rows in chunks from one snapshot.
                reader.setAutoCommit(false);
                reader.setReadOnly(true);
                audience.eligible(
                        reader,
                        trigger,
                        InactiveAudience.FlowRules.of(flow),
                        asOf,
                        row -> batches.add(
                                new WinbackEnrollment.Match(row.customerId(), MatchReasons.of(trigger, row, asOf))));
                batches.flush();
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
        Duration enteringTook = Duration.ofNanos(batches.enteringNanos());
        if (batches.matched() > 0) {
            LOG.infof(
                    "Inactivity detection of flow %s at %s: %d matched %s in %d ms (%d ms of it entering)%s",
                    flowId,
                    asOf,
                    batches.matched(),
                    batches.outcomes(),
                    took.toMillis(),
                    enteringTook.toMillis(),
                    batches.approvalId() == null ? "" : "; waiting for approval " + batches.approvalId());
        }
        return new FlowRun(
                flowId, false, batches.matched(), batches.outcomes(), took, enteringTook, null, batches.approvalId());
    }

    private static FlowRun skipped(String flowId) {
        return new FlowRun(
                flowId, true, 0, new EnumMap<>(MatchOutcome.class), Duration.ZERO, Duration.ZERO, null, null);
    }

    private static boolean lock(Connection connection, String flowId) throws SQLException {
        return AdvisoryLocks.INACTIVITY_DETECTION.trySessionLock(connection, flowId);
    }

    private static void unlock(Connection connection, String flowId) throws SQLException {
        AdvisoryLocks.INACTIVITY_DETECTION.sessionUnlock(connection, flowId);
    }
}
