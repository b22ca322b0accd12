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

/** The draft of a flow being edited: its last saved text. Nothing reads a draft to run it. */
@ApplicationScoped
public class FlowDraftStore {

    public record Draft(String flowId, String source, String savedBy, Instant savedAt) {}

    private final AgroalDataSource dataSource;

    public FlowDraftStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Draft> find(String flowId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT source, saved_by, saved_at FROM flow_drafts WHERE flow_id = ?")) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Draft(flowId, rs.getString(1), rs.getString(2), Jdbc.getInstant(rs, 3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the draft of flow " + flowId, e);
        }
    }

    public Draft save(String flowId, String source, String by, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO flow_drafts (flow_id, source, saved_by, saved_at) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (flow_id) DO UPDATE SET source = EXCLUDED.source, "
                                + "saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at")) {
            st.setString(1, flowId);
            st.setString(2, source);
            st.setString(3, by);
            Jdbc.setInstant(st, 4, at);
            st.executeUpdate();
            return new Draft(flowId, source, by, at);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save the draft of flow " + flowId, e);
        }
    }

    public void delete(String flowId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM flow_drafts WHERE flow_id = ?")) {
            st.setString(1, flowId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the draft of flow " + flowId, e);
        }
    }
}
