package io.comeback.flows;

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

/**
 * Every version of a flow ever loaded (from {@code flow_versions}, also those written into the folder by hand) with
 * who published it from the editor or the API and when, newest first.
 */
@ApplicationScoped
public class FlowPublicationStore {

    /** {@code publishedBy} and {@code publishedAt} are null for a version that was put into the folder by hand. */
    public record Version(
            String flowId,
            String version,
            Instant firstLoadedAt,
            String publishedBy,
            Instant publishedAt,
            String restoredFrom,
            int lines) {}

    private final AgroalDataSource dataSource;

    public FlowPublicationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String flowId, String version, String by, Instant at, String restoredFrom) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO flow_publications "
                        + "(flow_id, version, published_by, published_at, restored_from) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, flowId);
            st.setString(2, version);
            st.setString(3, by);
            Jdbc.setInstant(st, 4, at);
            st.setString(5, restoredFrom);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the publication of flow " + flowId, e);
        }
    }

    /** The flow's versions, the most recently published (or loaded) first. */
    public List<Version> versions(String flowId) {
        String sql = "SELECT v.version, v.first_loaded_at, p.published_by, p.published_at, p.restored_from, "
                + "array_length(string_to_array(v.source, E'\\n'), 1) "
                + "FROM flow_versions v LEFT JOIN LATERAL (SELECT id, published_by, published_at, restored_from "
                + "  FROM flow_publications p WHERE p.flow_id = v.flow_id AND p.version = v.version "
                + "  ORDER BY published_at DESC, id DESC LIMIT 1) p ON true "
                + "WHERE v.flow_id = ? ORDER BY COALESCE(p.published_at, v.first_loaded_at) DESC, p.id DESC NULLS LAST, v.version";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, flowId);
            List<Version> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Version(
                            flowId,
                            rs.getString(1),
                            Jdbc.getInstant(rs, 2),
                            rs.getString(3),
                            Jdbc.getInstant(rs, 4),
                            rs.getString(5),
                            rs.getInt(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the versions of flow " + flowId, e);
        }
    }
}
