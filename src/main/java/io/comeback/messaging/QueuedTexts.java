package io.comeback.messaging;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A flow's texts written and not yet handed to the provider, by why they wait. Two index ranges: the pending
 * index the dispatcher walks (filtered by flow: it holds only what waits to leave), and the small index of held
 * and awaiting texts (migration V170).
 */
public final class QueuedTexts {

    /**
     * @param due              pending and due now: leaving as fast as pacing allows
     * @param deferred         pending with a later time (quiet hours, caps, retries)
     * @param held             held because the flow is paused; they leave on resume
     * @param awaitingApproval written for enrollments that wait for an approval
     * @param nextAt           when the next pending text may leave (null when none is pending)
     */
    public record Counts(long due, long deferred, long held, long awaitingApproval, Instant nextAt) {}

    private static final String PENDING = """
            SELECT count(*) FILTER (WHERE not_before <= ?), count(*) FILTER (WHERE not_before > ?), min(not_before)
            FROM outbound_messages WHERE status = 'pending' AND flow_id = ?
            """;
    private static final String HELD = """
            SELECT count(*) FILTER (WHERE status = 'held'), count(*) FILTER (WHERE status = 'awaiting_approval')
            FROM outbound_messages WHERE flow_id = ? AND status IN ('held', 'awaiting_approval')
            """;

    private QueuedTexts() {}

    public static Counts of(Connection c, String flowId, Instant now) throws SQLException {
        long due;
        long deferred;
        Instant next;
        try (PreparedStatement st = c.prepareStatement(PENDING)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            st.setString(3, flowId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                due = rs.getLong(1);
                deferred = rs.getLong(2);
                next = Jdbc.getInstant(rs, 3);
            }
        }
        try (PreparedStatement st = c.prepareStatement(HELD)) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Counts(due, deferred, rs.getLong(1), rs.getLong(2), next);
            }
        }
    }
}
