package io.comeback.flows;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * A flow's status as a marketer set it: {@code active} (the default, no row) or {@code paused}. One row per
 * flow in {@code flow_controls}, so every replica sees the same state; the holds themselves live in the claim
 * statements of the runtime, which read this table.
 */
@ApplicationScoped
public class FlowControls {

    /** @param changedBy who set it (a dashboard user or an API key's name); null for a flow never switched */
    public record Control(String flowId, FlowControlStatus status, String changedBy, Instant changedAt) {
        public boolean paused() {
            return status == FlowControlStatus.PAUSED;
        }

        static Control active(String flowId) {
            return new Control(flowId, FlowControlStatus.ACTIVE, null, null);
        }
    }

    private static final String READ = "SELECT status, changed_by, changed_at FROM flow_controls WHERE flow_id = ?";
    private static final String SET = """
            INSERT INTO flow_controls (flow_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (flow_id) DO UPDATE SET status = excluded.status, changed_by = excluded.changed_by,
                changed_at = excluded.changed_at
            """;

    private final AgroalDataSource dataSource;

    public FlowControls(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Control of(String flowId) {
        try (Connection c = dataSource.getConnection()) {
            return of(c, flowId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the status of flow " + flowId, e);
        }
    }

    public static Control of(Connection c, String flowId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(READ)) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? new Control(flowId, status(rs.getString(1)), rs.getString(2), Jdbc.getInstant(rs, 3))
                        : Control.active(flowId);
            }
        }
    }

    /** The ids of every paused flow. */
    public java.util.Set<String> pausedFlows() {
        java.util.Set<String> paused = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT flow_id FROM flow_controls WHERE status = 'paused'");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                paused.add(rs.getString(1));
            }
            return paused;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the paused flows", e);
        }
    }

    public static boolean paused(Connection c, String flowId) throws SQLException {
        return of(c, flowId).paused();
    }

    /**
     * Sets the status in the caller's transaction, with the row locked until it commits, so a pause and a
     * resume of the same flow run one after the other.
     *
     * @return the status before, empty when the flow had no row (it was active)
     */
    public static Optional<FlowControlStatus> set(
            Connection c, String flowId, FlowControlStatus status, String by, Instant at) throws SQLException {
        FlowControlStatus before;
        try (PreparedStatement st =
                c.prepareStatement("SELECT status FROM flow_controls WHERE flow_id = ? FOR UPDATE")) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                before = rs.next() ? status(rs.getString(1)) : null;
            }
        }
        try (PreparedStatement st = c.prepareStatement(SET)) {
            st.setString(1, flowId);
            st.setString(2, status.wire());
            st.setString(3, by);
            Jdbc.setInstant(st, 4, at);
            st.executeUpdate();
        }
        return Optional.ofNullable(before);
    }

    private static FlowControlStatus status(String stored) {
        return FlowControlStatus.fromWire(stored)
                .orElseThrow(() -> new IllegalStateException("flow_controls.status '" + stored + "' is unknown"));
    }
}
