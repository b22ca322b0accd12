package io.comeback.audience.inactivity;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Jdbc;
import io.comeback.audience.ConditionSql;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Link;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who an {@code inactive} trigger matches at an instant, split into the eligible and those left out
 * (no consent, outside the flow's entry conditions, cool-down of its re-entry rule, frequency caps): the preview a marketer sees
 * and the candidates the detector enrolls come from this one query.
 */
@ApplicationScoped
public class InactiveAudience {

    public record Counts(long count, long noConsent, long audience, long coolDown, long capped) {
    }

    public record Sampled(long id, String customerId, MatchReason reason) {
    }

    public record Preview(Counts counts, List<Sampled> sample) {
    }

    /**
     * The flow whose entry conditions narrow the audience, and whose re-entry rule and past matches
     * decide the cool-down.
     */
    public record FlowRules(String flowId, ReEntry reEntry, List<Condition> audience, Map<String, Link> links) {
        public static FlowRules of(Flow flow) {
            return new FlowRules(flow.id(), flow.entry().reEntry(), flow.entry().audience(), flow.links());
        }
    }

    public interface RowHandler {
        void accept(LapseRow row) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final FrequencyCaps caps;
    private final Map<String, String> globals;

    public InactiveAudience(AgroalDataSource dataSource, FrequencyCaps caps,
                            @ConfigProperty(name = "comeback.shop-name", defaultValue = "Comeback") String shopName) {
        this.dataSource = dataSource;
        this.caps = caps;
        this.globals = Map.of("shop.name", shopName);
    }

    public Preview preview(Trigger.Inactive trigger, Optional<FlowRules> flow, Instant asOf, int sampleSize) {
        String classified = classified(trigger, flow);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            roomForTheCoolDownJoin(connection);
            Counts counts;
            try (PreparedStatement st = connection.prepareStatement(classified + """
                    SELECT count(*) FILTER (WHERE exclusion = 'eligible'), count(*) FILTER (WHERE exclusion = 'no_consent'),
                           count(*) FILTER (WHERE exclusion = 'audience'),
                           count(*) FILTER (WHERE exclusion = 'cool_down'), count(*) FILTER (WHERE exclusion = 'capped')
                    FROM classified""")) {
                bind(st, asOf, flow);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    counts = new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
            List<Sampled> sample = new ArrayList<>();
            if (sampleSize > 0 && counts.count() > 0) {
                try (PreparedStatement st = connection.prepareStatement(classified + "SELECT " + LapseRow.COLUMNS
                        + " FROM classified WHERE exclusion = 'eligible' ORDER BY id LIMIT " + sampleSize)) {
                    bind(st, asOf, flow);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            LapseRow row = LapseRow.read(rs);
                            sample.add(new Sampled(row.customerId(), row.externalId(), MatchReasons.of(trigger, row, asOf)));
                        }
                    }
                }
            }
            connection.commit();
            return new Preview(counts, sample);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not preview the inactive audience", e);
        }
    }

    /**
     * Streams the eligible customers to {@code handler} in id order, on {@code connection} (which must
     * not be in auto-commit mode, so PostgreSQL streams in chunks instead of sending every row at once).
     */
    void eligible(Connection connection, Trigger.Inactive trigger, FlowRules flow, Instant asOf, RowHandler handler)
            throws SQLException {
        Optional<FlowRules> rules = Optional.of(flow);
        roomForTheCoolDownJoin(connection);
        try (PreparedStatement st = connection.prepareStatement(classified(trigger, rules) + "SELECT " + LapseRow.COLUMNS
                + " FROM classified WHERE exclusion = 'eligible' ORDER BY id")) {
            bind(st, asOf, rules);
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    handler.accept(LapseRow.read(rs));
                }
            }
        }
    }

    private String classified(Trigger.Inactive trigger, Optional<FlowRules> flow) {
        String coolDown = flow.map(f -> CoolDown.condition(f.reEntry())).orElse("FALSE");
        String history = flow.isPresent() ? "LEFT JOIN (" + CoolDown.LAST_MATCHES + ") h ON h.customer_id = l.id" : "";
        String capped = caps.cappedCondition(flow.map(FlowRules::flowId).orElse(null));
        String inAudience = flow.map(f -> new ConditionSql(InactivitySql.AS_OF, globals, f.links()).all(f.audience()))
                .orElse("TRUE");
        return InactivitySql.matching(trigger, inAudience) + """
                , classified AS (
                    SELECT l.*, CASE WHEN l.consent_status <> 'opted_in' OR l.phone IS NULL THEN 'no_consent'
                                     WHEN NOT l.in_audience THEN 'audience'
                                     WHEN %s THEN 'cool_down'
                                     WHEN %s THEN 'capped'
                                     ELSE 'eligible' END AS exclusion
                    FROM lapses l CROSS JOIN p %s)
                """.formatted(coolDown, capped, history);
    }

    /**
     * The cool-down joins every customer the flow matched before (hundreds of thousands): with the
     * default 4 MB of work memory its hash spills to disk in batches. Only for this transaction.
     */
    private static void roomForTheCoolDownJoin(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("SET LOCAL work_mem = '64MB'");
        }
    }

    private static void bind(PreparedStatement st, Instant asOf, Optional<FlowRules> flow) throws SQLException {
        Jdbc.setInstant(st, 1, asOf);
        if (flow.isPresent()) {
            st.setString(2, flow.get().flowId());
        }
    }
}
