package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read side of enrollments, for the API and reports. */
@ApplicationScoped
public class EnrollmentStore {

    /**
     * @param failure  for status {@code failed}: what went wrong, so the enrollment was set aside (else null)
     * @param failedAt when it was set aside
     */
    public record EnrollmentView(
            long id,
            String flowId,
            String flowVersion,
            String status,
            String stepId,
            Instant enteredAt,
            String entryReason,
            Instant nextWakeAt,
            Instant exitedAt,
            String exitReason,
            String exitLabel,
            boolean conversion,
            String failure,
            Instant failedAt) {}

    /** A flow's enrollment set aside, for the dashboard. */
    public record FailedEnrollment(long id, String customerId, Instant failedAt, String failure) {}

    private final AgroalDataSource dataSource;

    public EnrollmentStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<EnrollmentView> ofCustomer(long customerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT id, flow_id, flow_version, status, step_id, entered_at, entry_reason, next_wake_at, exited_at,
                       exit_reason, exit_label, conversion, failure, failed_at
                FROM enrollments WHERE customer_id = ? ORDER BY entered_at DESC, id DESC""")) {
            st.setLong(1, customerId);
            List<EnrollmentView> views = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    views.add(new EnrollmentView(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            instant(rs.getTimestamp(6)),
                            rs.getString(7),
                            instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getBoolean(12),
                            rs.getString(13),
                            instant(rs.getTimestamp(14))));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read enrollments of customer " + customerId, e);
        }
    }

    /** Failed enrollments per flow id (flows without any are absent). */
    public Map<String, Long> failedCounts() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT flow_id, count(*) FROM enrollments WHERE status = 'failed' GROUP BY flow_id");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count failed enrollments", e);
        }
    }

    public long failedCount(String flowId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*) FROM enrollments WHERE flow_id = ? AND status = 'failed'")) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the failed enrollments of flow " + flowId, e);
        }
    }

    /** A flow's latest failed enrollments, newest first. */
    public List<FailedEnrollment> latestFailed(String flowId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT e.id, cu.external_id, e.failed_at, e.failure
                FROM enrollments e LEFT JOIN customers cu ON cu.id = e.customer_id
                WHERE e.flow_id = ? AND e.status = 'failed' ORDER BY e.failed_at DESC LIMIT ?""")) {
            st.setString(1, flowId);
            st.setInt(2, limit);
            List<FailedEnrollment> failed = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    failed.add(new FailedEnrollment(
                            rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4)));
                }
            }
            return failed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the failed enrollments of flow " + flowId, e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
