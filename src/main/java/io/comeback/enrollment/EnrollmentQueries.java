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
import java.util.List;

/** Read side of enrollments, for the API and reports. */
@ApplicationScoped
public class EnrollmentQueries {

    public record EnrollmentView(long id, String flowId, String flowVersion, String status, String stepId,
                                 Instant enteredAt, String entryReason, Instant nextWakeAt, Instant exitedAt,
                                 String exitReason, String exitLabel, boolean conversion) {
    }

    private final AgroalDataSource dataSource;

    public EnrollmentQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<EnrollmentView> ofCustomer(long customerId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT id, flow_id, flow_version, status, step_id, entered_at, entry_reason, next_wake_at, exited_at,
                       exit_reason, exit_label, conversion
                FROM enrollments WHERE customer_id = ? ORDER BY entered_at DESC, id DESC""")) {
            st.setLong(1, customerId);
            List<EnrollmentView> views = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    views.add(new EnrollmentView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11), rs.getBoolean(12)));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read enrollments of customer " + customerId, e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
