package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowSettings;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The flows reports know: those in the catalog now, and those that ran once (their versions are kept
 * in {@code flow_versions}) even if the file is gone. A flow's attribution window is its current
 * version's, for history too: reports of past periods use the rule the marketer sees today.
 */
@ApplicationScoped
public class ReportFlows {

    private final FlowCatalog catalog;
    private final FlowVersions versions;
    private final AgroalDataSource dataSource;

    public ReportFlows(FlowCatalog catalog, FlowVersions versions, AgroalDataSource dataSource) {
        this.catalog = catalog;
        this.versions = versions;
        this.dataSource = dataSource;
    }

    public boolean exists(String flowId) {
        return catalog.entry(flowId).isPresent() || latestVersion(flowId).isPresent();
    }

    /** The window of the active file, else of the last version loaded, else the default (P5D). */
    public Duration attributionWindow(String flowId) {
        Optional<Flow> flow = catalog.active(flowId);
        if (flow.isEmpty()) {
            flow = latestVersion(flowId).flatMap(version -> versions.resolve(flowId, version));
        }
        return flow.map(f -> f.settings().attributionWindow())
                .orElseGet(() -> FlowSettings.defaults().attributionWindow())
                .approximate();
    }

    private Optional<String> latestVersion(String flowId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT version FROM flow_versions WHERE flow_id = ? ORDER BY first_loaded_at DESC LIMIT 1")) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the versions of flow " + flowId, e);
        }
    }
}
