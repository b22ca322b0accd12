package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * "Remove from flow": a person ends one running enrollment by hand. It exits with reason {@code removed} (its label
 * names who), its queued events are dropped, and its texts not yet handed to the gateway (pending, or held by a
 * paused flow or an approval) are blocked with reason {@code removed_from_flow}. A text already handed over is on its way and is not called back.
 *
 * <p>The enrollment row is locked first: a wake-up batch holding it (claimed FOR UPDATE, written in the same
 * transaction) finishes before the removal reads it, so the removal never overwrites a step half done and no batch
 * writes a text for it afterwards (an exited enrollment has no wake-up time and signals skip it).
 */
@ApplicationScoped
public class EnrollmentRemoval {

    public static final String EXIT_REASON = "removed";
    public static final String BLOCKED_REASON = "removed_from_flow";

    /** What happened: not this customer's enrollment, already ended, or removed (with how many texts it cancelled). */
    public sealed interface Outcome {}

    public record NotFound() implements Outcome {}

    public record AlreadyEnded(String exitReason) implements Outcome {}

    public record Removed(int cancelledTexts) implements Outcome {}

    private static final String LOCK = """
            SELECT exited_at, exit_reason FROM enrollments WHERE id = ? AND customer_id = ? FOR UPDATE""";
    private static final String EXIT = """
            UPDATE enrollments SET status = 'exited', next_wake_at = NULL, exited_at = ?, exit_reason = ?,
                exit_label = ?, updated_at = ?
            WHERE id = ?""";
    private static final String CANCEL = """
            UPDATE outbound_messages SET status = 'blocked', status_reason = ?, status_at = ?
            WHERE enrollment_id = ? AND status IN ('pending', 'held', 'awaiting_approval')""";
    private static final String SIGNALS = "DELETE FROM enrollment_signals WHERE enrollment_id = ?";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public EnrollmentRemoval(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Ends enrollment {@code enrollmentId} of customer {@code customerId} (internal ids); {@code by} is who. */
    public Outcome remove(long customerId, long enrollmentId, String by) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = remove(c, customerId, enrollmentId, by, now);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove enrollment " + enrollmentId, e);
        }
    }

    private static Outcome remove(Connection c, long customerId, long enrollmentId, String by, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LOCK)) {
            st.setLong(1, enrollmentId);
            st.setLong(2, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new NotFound();
                }
                if (Jdbc.getInstant(rs, 1) != null) {
                    return new AlreadyEnded(rs.getString(2));
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(EXIT)) {
            Jdbc.setInstant(st, 1, now);
            st.setString(2, EXIT_REASON);
            st.setString(3, "by " + by);
            Jdbc.setInstant(st, 4, now);
            st.setLong(5, enrollmentId);
            st.executeUpdate();
        }
        int cancelled;
        try (PreparedStatement st = c.prepareStatement(CANCEL)) {
            st.setString(1, BLOCKED_REASON);
            Jdbc.setInstant(st, 2, now);
            st.setLong(3, enrollmentId);
            cancelled = st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(SIGNALS)) {
            st.setLong(1, enrollmentId);
            st.executeUpdate();
        }
        return new Removed(cancelled);
    }
}
