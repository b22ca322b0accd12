package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.support.Transactions;
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
 * paused flow or an approval) are blocked with reason {@code removed_from_flow} ({@link EnrollmentExit}). A text
 * already handed over is on its way and is not called back.
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

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public EnrollmentRemoval(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Ends enrollment {@code enrollmentId} of customer {@code customerId} (internal ids); {@code by} is who. */
    public Outcome remove(long customerId, long enrollmentId, String by) {
        Instant now = clock.instant();
        return Transactions.call(
                dataSource,
                "Could not remove enrollment " + enrollmentId,
                c -> remove(c, customerId, enrollmentId, by, now));
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
        int cancelled = EnrollmentExit.one(
                c, enrollmentId, new EnrollmentExit.Reasons(EXIT_REASON, "by " + by, BLOCKED_REASON), now);
        return new Removed(cancelled);
    }
}
