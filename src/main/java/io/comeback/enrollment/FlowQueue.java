package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.QueuedTexts;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/** What a flow has queued and why it waits, for its page and {@code GET /api/flows/{id}}. */
@ApplicationScoped
public class FlowQueue {

    /**
     * @param pending            texts due now, leaving as fast as pacing allows
     * @param deferred           texts waiting for a later time: written and waiting (quiet hours, caps, retries), or
     *                           not written yet because the flow held its next text back for quiet hours (the
     *                           enrollment writes it when it wakes)
     * @param held               texts held because the flow is paused; they leave on resume
     * @param awaitingApproval   texts written for a burst that waits for approval
     * @param nextAt             when the next of those may leave; null when none waits (held and awaiting texts have
     *                           no time until they are released)
     * @param enrollmentsHeld    enrollments that fell due while the flow was paused, waiting for the resume
     * @param enrollmentsAwaitingApproval enrollments entered under the pending approval
     */
    public record Queued(
            long pending,
            long deferred,
            long held,
            long awaitingApproval,
            Instant nextAt,
            long enrollmentsHeld,
            long enrollmentsAwaitingApproval) {}

    // Through the small partial indexes of V170: held enrollments by flow, the pending approval's enrollments, and
    // enrollments about to write a text held back for quiet hours.
    private static final String ENROLLMENTS = """
            SELECT (SELECT count(*) FROM enrollments WHERE flow_id = ? AND held_wake_at IS NOT NULL AND approval_id IS NULL),
                   (SELECT count(*) FROM enrollments e JOIN flow_approvals a ON a.id = e.approval_id
                    WHERE a.flow_id = ? AND a.status = 'pending'),
                   d.n, d.next
            FROM (SELECT count(*) AS n, min(next_wake_at) AS next FROM enrollments
                  WHERE flow_id = ? AND status = 'deferred_send' AND next_wake_at IS NOT NULL) d
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public FlowQueue(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Queued of(String flowId) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            QueuedTexts.Counts texts = QueuedTexts.of(c, flowId, now);
            try (PreparedStatement st = c.prepareStatement(ENROLLMENTS)) {
                st.setString(1, flowId);
                st.setString(2, flowId);
                st.setString(3, flowId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    Instant unwrittenNext = Jdbc.getInstant(rs, 4);
                    Instant next =
                            texts.nextAt() == null || (unwrittenNext != null && unwrittenNext.isBefore(texts.nextAt()))
                                    ? unwrittenNext
                                    : texts.nextAt();
                    return new Queued(
                            texts.due(),
                            texts.deferred() + rs.getLong(3),
                            texts.held(),
                            texts.awaitingApproval(),
                            next,
                            rs.getLong(1),
                            rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read what flow " + flowId + " has queued", e);
        }
    }
}
