package io.comeback.enrollment;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Ends enrollments from outside the flow — every running one of a cancelled campaign's flow ({@link CampaignControl}),
 * or the one a person removes ({@link EnrollmentRemoval}) — by the same three steps, in the caller's transaction:
 * they exit (no wake-up left, nor one kept aside by a pause or an approval), their texts not yet handed to the
 * gateway (pending, or held by a paused flow or an approval) are blocked, and their queued events are dropped. A text
 * the dispatcher claimed already is on its way and is left alone.
 */
final class EnrollmentExit {

    private EnrollmentExit() {}

    /** Why they end ({@code exit_reason}, {@code exit_label}) and why their texts are blocked ({@code status_reason}). */
    record Reasons(String exitReason, String exitLabel, String blockedReason) {}

    private record Statements(String exit, String block, String signals) {}

    // Each enrollment row is locked in turn: a wake-up batch holding one (FOR UPDATE, written in its transaction)
    // finishes first, and the statements after it then see the texts it wrote. A row the dispatcher is claiming
    // right now is locked, and re-checked here once the claim commits.
    private static final Statements OF_FLOW = new Statements("""
            UPDATE enrollments SET status = 'exited', next_wake_at = NULL, held_wake_at = NULL, exited_at = ?,
                exit_reason = ?, exit_label = ?, updated_at = ?
            WHERE flow_id = ? AND exited_at IS NULL""", """
            UPDATE outbound_messages o SET status = 'blocked', status_reason = ?, status_at = ?
            FROM enrollments e
            WHERE e.flow_id = ? AND o.enrollment_id = e.id AND o.status IN ('pending', 'held', 'awaiting_approval')""", """
            DELETE FROM enrollment_signals WHERE enrollment_id IN (SELECT id FROM enrollments WHERE flow_id = ?)""");

    // The caller locked the enrollment and saw it running.
    private static final Statements ONE =
            new Statements("""
            UPDATE enrollments SET status = 'exited', next_wake_at = NULL, held_wake_at = NULL, exited_at = ?,
                exit_reason = ?, exit_label = ?, updated_at = ?
            WHERE id = ?""", """
            UPDATE outbound_messages SET status = 'blocked', status_reason = ?, status_at = ?
            WHERE enrollment_id = ? AND status IN ('pending', 'held', 'awaiting_approval')""", "DELETE FROM enrollment_signals WHERE enrollment_id = ?");

    /** Every running enrollment of the flow; returns how many texts were blocked. */
    static int ofFlow(Connection c, String flowId, Reasons reasons, Instant now) throws SQLException {
        return end(c, OF_FLOW, flowId, reasons, now);
    }

    /** One running enrollment, locked by the caller; returns how many texts were blocked. */
    static int one(Connection c, long enrollmentId, Reasons reasons, Instant now) throws SQLException {
        return end(c, ONE, enrollmentId, reasons, now);
    }

    private static int end(Connection c, Statements sql, Object key, Reasons reasons, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql.exit())) {
            Jdbc.setInstant(st, 1, now);
            st.setString(2, reasons.exitReason());
            st.setString(3, reasons.exitLabel());
            Jdbc.setInstant(st, 4, now);
            st.setObject(5, key);
            st.executeUpdate();
        }
        int blocked;
        try (PreparedStatement st = c.prepareStatement(sql.block())) {
            st.setString(1, reasons.blockedReason());
            Jdbc.setInstant(st, 2, now);
            st.setObject(3, key);
            blocked = st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(sql.signals())) {
            st.setObject(1, key);
            st.executeUpdate();
        }
        return blocked;
    }
}
