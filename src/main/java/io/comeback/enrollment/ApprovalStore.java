package io.comeback.enrollment;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rows of {@code flow_approvals} and what a decision does to the approval's enrollments, each on the caller's
 * connection and in its transaction: {@link FlowApprovals} decides when and in which transaction.
 */
final class ApprovalStore {

    private static final String COLUMNS = "id, flow_id, status, reason, threshold, created_at, decided_by, decided_at";
    private static final String OPEN = """
            INSERT INTO flow_approvals (flow_id, status, reason, threshold, created_at) VALUES (?, 'pending', ?, ?, ?)
            ON CONFLICT (flow_id) WHERE status = 'pending' DO NOTHING RETURNING id
            """;
    private static final String PENDING =
            "SELECT " + COLUMNS + " FROM flow_approvals WHERE flow_id = ? AND status = 'pending'";
    private static final String STATUS_FOR_SHARE = "SELECT status FROM flow_approvals WHERE id = ? FOR SHARE";
    private static final String DECIDE = """
            UPDATE flow_approvals SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'
            RETURNING\s""" + COLUMNS;
    // Every enrollment of the approval, in one statement: it waits for a wake-up batch that holds one of them, and
    // from then on no batch claims them (they are locked until the commit), so the release after it sees every text.
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

    private ApprovalStore() {}

    /** Opens a pending approval for the flow; empty when the flow has one pending already. */
    static OptionalLong open(Connection c, String flowId, String reason, int threshold, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(OPEN)) {
            st.setString(1, flowId);
            st.setString(2, reason);
            st.setInt(3, threshold);
            Jdbc.setInstant(st, 4, now);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The approval's status, its row shared-locked until the caller's transaction ends; empty when it is gone. */
    static Optional<ApprovalStatus> statusForShare(Connection c, long approvalId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(STATUS_FOR_SHARE)) {
            st.setLong(1, approvalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(status(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static Optional<FlowApprovals.Approval> pending(Connection c, String flowId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(PENDING)) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(approval(rs)) : Optional.empty();
            }
        }
    }

    /** Decides a pending approval; null when it was no longer pending (decided by someone else meanwhile). */
    static FlowApprovals.Approval mark(Connection c, long id, ApprovalStatus status, String by, Instant now)
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

    /** Lets the approval's enrollments wake as they would have; how many. */
    static long resumeEnrollments(Connection c, long approvalId) throws SQLException {
        return update(c, RESUME_ENROLLMENTS, approvalId);
    }

    /** Unties the enrollments from the approval, once its texts are released. */
    static void forgetApproval(Connection c, long approvalId) throws SQLException {
        update(c, FORGET_APPROVAL, approvalId);
    }

    /** Ends the approval's enrollments as rejected and drops their pending signals; how many enrollments. */
    static long rejectEnrollments(Connection c, long approvalId, Instant now) throws SQLException {
        long enrollments;
        try (PreparedStatement st = c.prepareStatement(REJECT_ENROLLMENTS)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            st.setLong(3, approvalId);
            enrollments = st.executeUpdate();
        }
        update(c, REJECTED_SIGNALS, approvalId);
        return enrollments;
    }

    private static long update(Connection c, String sql, long approvalId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, approvalId);
            return st.executeUpdate();
        }
    }

    private static FlowApprovals.Approval approval(ResultSet rs) throws SQLException {
        return new FlowApprovals.Approval(
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
