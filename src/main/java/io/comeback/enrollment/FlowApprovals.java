package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.HeldTexts;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Bursts nobody approved do not leave. A detection pass that would enter more customers of a flow than
 * {@code comeback.approval.threshold} at once opens an approval (or joins the flow's pending one): its
 * enrollments run and write their texts as {@code awaiting_approval}, then wait, until a marketer approves
 * (the texts are released through the compliance gate, the enrollments go on) or rejects (the texts are
 * blocked with reason {@code rejected}, the enrollments end as {@code rejected}: never sent, and out of the
 * funnel). The preview ({@link ApprovalPreview}) says how many, to whom and why, when, and how many segments.
 */
@ApplicationScoped
public class FlowApprovals {

    private static final Logger LOG = Logger.getLogger(FlowApprovals.class);

    public record Approval(
            long id,
            String flowId,
            ApprovalStatus status,
            String reason,
            int threshold,
            Instant createdAt,
            String decidedBy,
            Instant decidedAt) {}

    /** What a decision did. */
    public record Decision(Approval approval, long enrollments, HeldTexts.Released released, int rejectedTexts) {}

    /** Where a detection pass stands with its approval at the start of one of its batches. */
    public enum Hold {
        WAIT,
        GO,
        STOP
    }

    private static final String COLUMNS = "id, flow_id, status, reason, threshold, created_at, decided_by, decided_at";
    private static final String OPEN = """
            INSERT INTO flow_approvals (flow_id, status, reason, threshold, created_at) VALUES (?, 'pending', ?, ?, ?)
            ON CONFLICT (flow_id) WHERE status = 'pending' DO NOTHING RETURNING id
            """;
    private static final String PENDING =
            "SELECT " + COLUMNS + " FROM flow_approvals WHERE flow_id = ? AND status = 'pending'";
    private static final String DECIDE = """
            UPDATE flow_approvals SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'
            RETURNING\s""" + COLUMNS;
    // Every enrollment of the approval, in one statement: it waits for a wake-up batch that holds one of them, and
    // from then on no batch claims them (they are locked until the commit), so the release below sees every text.
    private static final String RESUME_ENROLLMENTS = """
            UPDATE enrollments SET next_wake_at = coalesce(held_wake_at, next_wake_at), held_wake_at = NULL
            WHERE approval_id = ?
            """;
    private static final String FORGET_APPROVAL = "UPDATE enrollments SET approval_id = NULL WHERE approval_id = ?";
    private static final String REJECT_ENROLLMENTS = """
            UPDATE enrollments SET status = 'rejected', next_wake_at = NULL, held_wake_at = NULL,
                exited_at = coalesce(exited_at, ?), exit_reason = 'rejected', conversion = false, updated_at = ?
            WHERE approval_id = ?
            """;
    private static final String REJECTED_SIGNALS = """
            DELETE FROM enrollment_signals WHERE enrollment_id IN (SELECT id FROM enrollments WHERE approval_id = ?)
            """;

    private final AgroalDataSource dataSource;
    private final HeldTexts held;
    private final WakeUpWorkers workers;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final int threshold;

    public FlowApprovals(
            AgroalDataSource dataSource,
            HeldTexts held,
            WakeUpWorkers workers,
            Dispatcher dispatcher,
            Clock clock,
            ApprovalConfig config) {
        this.dataSource = dataSource;
        this.held = held;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.threshold = config.threshold();
    }

    /** Entries of one pass above this many wait for approval; 0 or less: never. */
    public int threshold() {
        return threshold;
    }

    public boolean enabled() {
        return threshold > 0;
    }

    /** The flow's pending approval, opened with this reason unless it has one already; its id. Its own transaction. */
    public long open(String flowId, String reason) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(OPEN)) {
                st.setString(1, flowId);
                st.setString(2, reason);
                st.setInt(3, threshold);
                Jdbc.setInstant(st, 4, now);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        LOG.infof("Flow %s waits for approval %d: %s", flowId, rs.getLong(1), reason);
                        return rs.getLong(1);
                    }
                }
            }
            return pending(c, flowId)
                    .orElseThrow(() -> new IllegalStateException(
                            "flow " + flowId + " has no pending approval and none could be opened"))
                    .id();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open an approval for flow " + flowId, e);
        }
    }

    /**
     * Where a pass stands with its approval, read in the caller's transaction with the approval row shared-locked
     * until it commits, so a decision waits for the batch being entered and then sees all of it.
     */
    public Hold hold(long approvalId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT status FROM flow_approvals WHERE id = ? FOR SHARE")) {
            st.setLong(1, approvalId);
            try (ResultSet rs = st.executeQuery()) {
                ApprovalStatus status = rs.next() ? status(rs.getString(1)) : ApprovalStatus.REJECTED;
                return switch (status) {
                    case PENDING -> Hold.WAIT;
                    case APPROVED -> Hold.GO;
                    case REJECTED -> Hold.STOP;
                };
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read approval " + approvalId, e);
        }
    }

    public Optional<Approval> pending(String flowId) {
        try (Connection c = dataSource.getConnection()) {
            return pending(c, flowId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the pending approval of flow " + flowId, e);
        }
    }

    static Optional<Approval> pending(Connection c, String flowId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(PENDING)) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(approval(rs)) : Optional.empty();
            }
        }
    }

    /** Approves the flow's pending approval: its texts are released, its enrollments go on. Empty when none is pending. */
    public Optional<Decision> approve(String flowId, String by) {
        return decide(flowId, by, true);
    }

    /** Rejects the flow's pending approval: its texts are never sent, its enrollments end. Empty when none is pending. */
    public Optional<Decision> reject(String flowId, String by) {
        return decide(flowId, by, false);
    }

    private Optional<Decision> decide(String flowId, String by, boolean approve) {
        Instant now = clock.instant();
        Decision decision;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Approval> pending = pending(c, flowId);
                if (pending.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                Approval decided = mark(
                        c, pending.get().id(), approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED, by, now);
                if (decided == null) {
                    // Decided by someone else meanwhile.
                    c.rollback();
                    return Optional.empty();
                }
                decision = approve ? approveIn(c, decided, now) : rejectIn(c, decided, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not decide the approval of flow " + flowId, e);
        }
        LOG.infof(
                "Approval %d of flow %s %s by %s: %d enrollments, %s",
                decision.approval().id(),
                flowId,
                decision.approval().status().wire(),
                by,
                decision.enrollments(),
                approve ? decision.released() : decision.rejectedTexts() + " texts rejected");
        workers.nudge();
        dispatcher.nudge();
        return Optional.of(decision);
    }

    private static Approval mark(Connection c, long id, ApprovalStatus status, String by, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(DECIDE)) {
            st.setString(1, status.wire());
            st.setString(2, by);
            Jdbc.setInstant(st, 3, now);
            st.setLong(4, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? approval(rs) : null;
            }
        }
    }

    private Decision approveIn(Connection c, Approval approval, Instant now) throws SQLException {
        long enrollments = update(c, RESUME_ENROLLMENTS, approval.id());
        HeldTexts.Released released = held.releaseApproval(c, approval.id(), now);
        update(c, FORGET_APPROVAL, approval.id());
        return new Decision(approval, enrollments, released, 0);
    }

    private Decision rejectIn(Connection c, Approval approval, Instant now) throws SQLException {
        long enrollments;
        try (PreparedStatement st = c.prepareStatement(REJECT_ENROLLMENTS)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            st.setLong(3, approval.id());
            enrollments = st.executeUpdate();
        }
        update(c, REJECTED_SIGNALS, approval.id());
        int texts = held.reject(c, approval.id(), now);
        return new Decision(approval, enrollments, HeldTexts.Released.NONE, texts);
    }

    private static long update(Connection c, String sql, long approvalId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, approvalId);
            return st.executeUpdate();
        }
    }

    private static Approval approval(ResultSet rs) throws SQLException {
        return new Approval(
                rs.getLong(1),
                rs.getString(2),
                status(rs.getString(3)),
                rs.getString(4),
                rs.getInt(5),
                Jdbc.getInstant(rs, 6),
                rs.getString(7),
                Jdbc.getInstant(rs, 8));
    }

    private static ApprovalStatus status(String stored) {
        return ApprovalStatus.fromWire(stored)
                .orElseThrow(() -> new IllegalStateException("flow_approvals.status '" + stored + "' is unknown"));
    }
}
