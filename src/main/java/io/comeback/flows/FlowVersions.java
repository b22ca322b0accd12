package io.comeback.flows;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Flow;
import io.comeback.engine.text.LinkShape;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.engine.validate.FlowValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Every flow version ever loaded, kept in PostgreSQL by its source text. A running enrollment stays
 * on the version it started on even after the file changed, on any replica, also one started later.
 * The parsed flows are cached: a version never changes, so the cache can never be stale.
 */
@ApplicationScoped
public class FlowVersions {

    private static final Logger LOG = Logger.getLogger(FlowVersions.class);

    private final AgroalDataSource dataSource;
    private final FlowValidator validator = new FlowValidator();
    private final CampaignValidator campaigns = new CampaignValidator(LinkShape.UNTRACKED);
    private final Map<String, Optional<Flow>> parsed = new ConcurrentHashMap<>();

    public FlowVersions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a valid flow's source so enrollments started on it can always be resumed. */
    public void remember(Flow flow, String source) {
        parsed.put(key(flow.id(), flow.version()), Optional.of(flow));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "INSERT INTO flow_versions (flow_id, version, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, flow.id());
            st.setString(2, flow.version());
            st.setString(3, source);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record version " + flow.version() + " of flow " + flow.id(), e);
        }
    }

    /** True when some version of the flow was ever loaded: it may have enrollments running even without its file. */
    public boolean known(String flowId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st =
                        connection.prepareStatement("SELECT 1 FROM flow_versions WHERE flow_id = ? LIMIT 1")) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up flow " + flowId, e);
        }
    }

    /** The text of a stored version, as it was loaded; empty when that version was never loaded. */
    public Optional<String> source(String flowId, String version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "SELECT source FROM flow_versions WHERE flow_id = ? AND version = ?")) {
            st.setString(1, flowId);
            st.setString(2, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load version " + version + " of flow " + flowId, e);
        }
    }

    /** The flow as it was at {@code version}; empty when that version was never loaded (or no longer parses). */
    public Optional<Flow> resolve(String flowId, String version) {
        return parsed.computeIfAbsent(key(flowId, version), k -> load(flowId, version));
    }

    private Optional<Flow> load(String flowId, String version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "SELECT source FROM flow_versions WHERE flow_id = ? AND version = ?")) {
            st.setString(1, flowId);
            st.setString(2, version);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Optional<Flow> flow;
                try {
                    // A campaign's flow is kept as the campaign's own text and built from it (Campaign).
                    flow = Campaign.isCampaignFlow(flowId)
                            ? campaigns.validate(rs.getString(1)).campaign().map(Campaign::flow)
                            : validator.validate(rs.getString(1)).flow();
                } catch (RuntimeException | StackOverflowError e) {
                    // Its enrollments are set aside as failed; the other versions and flows run on.
                    LOG.errorf(e, "Stored version %s of flow %s could not be checked", version, flowId);
                    flow = Optional.empty();
                }
                if (flow.isEmpty()) {
                    LOG.errorf("Stored version %s of flow %s no longer parses", version, flowId);
                }
                return flow.map(f -> withId(f, flowId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load version " + version + " of flow " + flowId, e);
        }
    }

    /** The catalog knows flows by file name; keep that id however the file spells its own. */
    static Flow withId(Flow f, String id) {
        return f.id().equals(id)
                ? f
                : new Flow(
                        id,
                        f.name(),
                        f.description(),
                        f.version(),
                        f.settings(),
                        f.trigger(),
                        f.entry(),
                        f.links(),
                        f.steps(),
                        f.location());
    }

    private static String key(String flowId, String version) {
        return flowId + "@" + version;
    }
}
