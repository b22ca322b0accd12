package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.flows.FlowControlStatus;
import io.comeback.flows.FlowControls;
import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.HeldTexts;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pausing and resuming a flow, for every replica at once. Paused, a flow takes no new entries
 * ({@link Enrollments}), its enrollments that fall due wait without running, and its texts wait without leaving
 * (both held where the runtime claims them: {@code WakeUpStore.CLAIM}, {@code DispatchStore.CLAIM_DUE}).
 * Nothing is dropped. Resumed, the held enrollments are due again at their own times and the held texts are
 * released once each, through the compliance gate (quiet hours and caps as they are at the moment of release)
 * and the dispatcher's pacing ({@link HeldTexts}).
 */
@ApplicationScoped
public class FlowPause {

    private static final Logger LOG = Logger.getLogger(FlowPause.class);

    /**
     * @param changed  false when the flow already had this status (nothing was done)
     * @param released for a resume: the enrollments due again and what became of the held texts
     */
    public record Change(
            FlowControls.Control control, boolean changed, long enrollmentsReleased, HeldTexts.Released texts) {}

    // The texts already waiting leave the pending index at once, so the flow's page shows them held; rows being
    // claimed right now are locked and skipped by this statement's re-check (they were claimed before the pause).
    private static final String HOLD_PENDING = """
            UPDATE outbound_messages SET status = 'held', status_at = ? WHERE status = 'pending' AND flow_id = ?
            """;
    // Enrollments waiting for an approval stay held until it is decided.
    private static final String RELEASE_ENROLLMENTS = """
            UPDATE enrollments SET next_wake_at = held_wake_at, held_wake_at = NULL
            WHERE flow_id = ? AND held_wake_at IS NOT NULL AND approval_id IS NULL
            """;

    private final AgroalDataSource dataSource;
    private final HeldTexts held;
    private final WakeUpWorkers workers;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public FlowPause(
            AgroalDataSource dataSource, HeldTexts held, WakeUpWorkers workers, Dispatcher dispatcher, Clock clock) {
        this.dataSource = dataSource;
        this.held = held;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public Change pause(String flowId, String by) {
        return change(flowId, FlowControlStatus.PAUSED, by);
    }

    public Change resume(String flowId, String by) {
        return change(flowId, FlowControlStatus.ACTIVE, by);
    }

    private Change change(String flowId, FlowControlStatus status, String by) {
        Instant now = clock.instant();
        Change change;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<FlowControlStatus> before = FlowControls.set(c, flowId, status, by, now);
                boolean changed = before.orElse(FlowControlStatus.ACTIVE) != status;
                long enrollments = 0;
                HeldTexts.Released texts = HeldTexts.Released.NONE;
                if (changed && status == FlowControlStatus.PAUSED) {
                    try (PreparedStatement st = c.prepareStatement(HOLD_PENDING)) {
                        Jdbc.setInstant(st, 1, now);
                        st.setString(2, flowId);
                        st.executeUpdate();
                    }
                } else if (status == FlowControlStatus.ACTIVE) {
                    // Also when it was active already: resuming twice is harmless, and nothing held stays behind.
                    try (PreparedStatement st = c.prepareStatement(RELEASE_ENROLLMENTS)) {
                        st.setString(1, flowId);
                        enrollments = st.executeUpdate();
                    }
                    texts = held.releaseFlow(c, flowId, now);
                }
                c.commit();
                change = new Change(FlowControls.of(c, flowId), changed, enrollments, texts);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set flow " + flowId + " " + status.wire(), e);
        }
        if (change.changed()) {
            LOG.infof(
                    "Flow %s %s by %s%s",
                    flowId,
                    status.wire(),
                    by,
                    status == FlowControlStatus.ACTIVE
                            ? ": " + change.enrollmentsReleased() + " enrollments due again, texts " + change.texts()
                            : "");
        }
        if (status == FlowControlStatus.ACTIVE) {
            workers.nudge();
            dispatcher.nudge();
        }
        return change;
    }
}
