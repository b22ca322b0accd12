package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a pending approval would let out: how many customers (treated and held out), how many texts and SMS
 * segments are written and waiting, from when to when they would leave, and the first recipients with why they
 * entered and their first waiting text. Read through the enrollments' approval index and, per enrollment, the
 * ledger's (enrollment, send key) index.
 */
@ApplicationScoped
public class ApprovalPreview {

    /**
     * @param enrollments customers entered under the approval, held out included
     * @param heldOut     of them, held out (they get no text either way)
     * @param texts       texts written and awaiting approval so far (an enrollment writes its first text when it
     *                    first runs, moments after entry, or later when the flow starts with a wait or holds the text
     *                    back for quiet hours)
     * @param unwritten   enrollments whose next step is a text held back for quiet hours: written when they wake
     * @param segments    SMS segments of the texts written: what the provider would bill for them
     * @param firstAt     the earliest time planned for one of them (written or not); on approval a text leaves then, or
     *                    at once if that has passed, quiet hours and caps permitting
     * @param lastAt      the latest
     * @param sample      the first recipients, in entry order
     */
    public record Preview(
            FlowApprovals.Approval approval,
            long enrollments,
            long heldOut,
            long texts,
            long unwritten,
            long segments,
            Instant firstAt,
            Instant lastAt,
            List<Recipient> sample) {}

    /** @param reason why they entered (the detector's windows); text null while none is written yet */
    public record Recipient(
            String customerId, String reason, String status, String step, String text, Integer segments, Instant at) {}

    private static final String COUNTS = """
            SELECT count(*), count(*) FILTER (WHERE e.status = 'held_out'), coalesce(sum(t.texts), 0),
                   coalesce(sum(t.segments), 0),
                   least(min(t.first_at), min(coalesce(e.next_wake_at, e.held_wake_at)) FILTER (WHERE e.status = 'deferred_send')),
                   greatest(max(t.last_at), max(coalesce(e.next_wake_at, e.held_wake_at)) FILTER (WHERE e.status = 'deferred_send')),
                   count(*) FILTER (WHERE e.status = 'deferred_send')
            FROM enrollments e
            LEFT JOIN LATERAL (
                SELECT count(*) AS texts, sum(coalesce(m.segments, 1)) AS segments, min(m.not_before) AS first_at,
                       max(m.not_before) AS last_at
                FROM outbound_messages m WHERE m.enrollment_id = e.id AND m.status = 'awaiting_approval') t ON true
            WHERE e.approval_id = ?
            """;
    private static final String SAMPLE = """
            SELECT cu.external_id, e.entry_reason, e.status, m.step_id, m.body, m.segments, m.not_before
            FROM enrollments e
            LEFT JOIN customers cu ON cu.id = e.customer_id
            LEFT JOIN LATERAL (
                SELECT step_id, body, segments, not_before FROM outbound_messages
                WHERE enrollment_id = e.id AND status = 'awaiting_approval' ORDER BY id LIMIT 1) m ON true
            WHERE e.approval_id = ?
            ORDER BY e.id LIMIT ?
            """;

    private final AgroalDataSource dataSource;

    public ApprovalPreview(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The flow's pending approval with what it would let out; empty when none is pending. */
    public Optional<Preview> pending(String flowId, int sampleSize) {
        try (Connection c = dataSource.getConnection()) {
            Optional<FlowApprovals.Approval> approval = ApprovalStore.pending(c, flowId);
            if (approval.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(of(c, approval.get(), sampleSize));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not preview the approval of flow " + flowId, e);
        }
    }

    private static Preview of(Connection c, FlowApprovals.Approval approval, int sampleSize) throws SQLException {
        long enrollments;
        long heldOut;
        long texts;
        long segments;
        Instant first;
        Instant last;
        long unwritten;
        try (PreparedStatement st = c.prepareStatement(COUNTS)) {
            st.setLong(1, approval.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                enrollments = rs.getLong(1);
                heldOut = rs.getLong(2);
                texts = rs.getLong(3);
                segments = rs.getLong(4);
                first = Jdbc.getInstant(rs, 5);
                last = Jdbc.getInstant(rs, 6);
                unwritten = rs.getLong(7);
            }
        }
        List<Recipient> sample = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(SAMPLE)) {
            st.setLong(1, approval.id());
            st.setInt(2, sampleSize);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sample.add(new Recipient(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            (Integer) rs.getObject(6),
                            Jdbc.getInstant(rs, 7)));
                }
            }
        }
        return new Preview(approval, enrollments, heldOut, texts, unwritten, segments, first, last, sample);
    }
}
