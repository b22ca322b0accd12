package io.comeback.audience.inactivity;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ConditionSql;
import io.comeback.audience.ShopNameConfig;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Link;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Trigger;
import io.comeback.support.PlannerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    public record Counts(long count, long noConsent, long audience, long coolDown, long capped) {}

    public record Sampled(long id, String customerId, MatchReason reason) {}

    public record Preview(Counts counts, List<Sampled> sample) {}

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
    private final Duration rhythmFloor;

    public InactiveAudience(
            AgroalDataSource dataSource, FrequencyCaps caps, ShopNameConfig shopName, InactivityConfig config) {
        this.dataSource = dataSource;
        this.caps = caps;
        this.globals = shopName.globals();
        this.rhythmFloor = config.rhythmFloor();
    }

    public Preview preview(Trigger.Inactive trigger, Optional<FlowRules> flow, Instant asOf, int sampleSize) {
        String classified = classified(trigger, flow, asOf);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            settings(connection);
            // One aggregate without GROUP BY, so PostgreSQL can split the scan between parallel workers
            // (grouping by the reason, it expected as many groups as rows and stayed on one core);
            // the conditions short-circuit, so the cool-down is judged only for consenting customers
            // in the audience.
            Counts counts;
            try (PreparedStatement st = connection.prepareStatement(classified + """
                    SELECT count(*) FILTER (WHERE NOT consented),
                           count(*) FILTER (WHERE consented AND NOT in_audience),
                           count(*) FILTER (WHERE consented AND in_audience AND cooling),
                           count(*) FILTER (WHERE consented AND in_audience AND NOT cooling AND capped),
                           count(*)
                    FROM classified""")) {
                bind(st, flow);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long noConsent = rs.getLong(1);
                    long audience = rs.getLong(2);
                    long coolDown = rs.getLong(3);
                    long capped = rs.getLong(4);
                    counts = new Counts(
                            rs.getLong(5) - noConsent - audience - coolDown - capped,
                            noConsent,
                            audience,
                            coolDown,
                            capped);
                }
            }
            List<Sampled> sample = new ArrayList<>();
            if (sampleSize > 0 && counts.count() > 0) {
                // The first few in id order. With many eligible, PostgreSQL walks the primary key and stops
                // early; with few (a flow whose audience is nearly all in the cool-down) that walk would
                // visit every customer one by one, so then the order key hides the index and it scans
                // once, keeping the top few.
                String order = counts.count() >= DENSE_SAMPLE * sampleSize ? "id" : "id + 0";
                try (PreparedStatement st = connection.prepareStatement(classified + "SELECT " + LapseRow.COLUMNS
                        + " FROM classified WHERE " + ELIGIBLE + " ORDER BY " + order + " LIMIT " + sampleSize)) {
                    bind(st, flow);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            LapseRow row = LapseRow.read(rs);
                            sample.add(new Sampled(
                                    row.customerId(), row.externalId(), MatchReasons.of(trigger, row, asOf)));
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
    public void eligible(
            Connection connection, Trigger.Inactive trigger, FlowRules flow, Instant asOf, RowHandler handler)
            throws SQLException {
        Optional<FlowRules> rules = Optional.of(flow);
        settings(connection);
        String classified = classified(trigger, rules, asOf);
        // Most passes find nobody new (everyone lapsed is in the cool-down). PostgreSQL runs a query
        // read through a cursor on one core, so first count on all cores and skip the stream at zero.
        try (PreparedStatement st =
                connection.prepareStatement(classified + "SELECT count(*) FROM classified WHERE " + ELIGIBLE)) {
            bind(st, rules);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
        }
        try (PreparedStatement st = connection.prepareStatement(
                classified + "SELECT " + LapseRow.COLUMNS + " FROM classified WHERE " + ELIGIBLE + " ORDER BY id")) {
            bind(st, rules);
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    handler.accept(LapseRow.read(rs));
                }
            }
        }
    }

    private String classified(Trigger.Inactive trigger, Optional<FlowRules> flow, Instant asOf) {
        String at = InactivitySql.asOf(asOf);
        String coolDown = flow.map(f -> CoolDown.condition(f.reEntry(), asOf)).orElse("FALSE");
        String history = flow.isPresent() ? "LEFT JOIN (" + CoolDown.LAST_MATCHES + ") h ON h.customer_id = l.id" : "";
        String capped = caps.cappedCondition(flow.map(FlowRules::flowId).orElse(null));
        String inAudience = flow.map(f -> new ConditionSql(at, globals, f.links()).all(f.audience()))
                .orElse("TRUE");
        // Each reason as a boolean of its own, never NULL (a condition that is NULL does not exclude).
        // The reasons apply in this order: no consent, audience, cool-down, caps.
        return InactivitySql.matching(trigger, inAudience, asOf, rhythmFloor)
                + """
                , classified AS (
                    SELECT l.id, l.external_id, l.basis, l.last_order_at, l.median_gap_seconds, l.purchase_lapsed_at,
                           l.last_engaged_at, l.engaged_lapsed_at, l.unanswered_messages,
                           (l.consent_status = 'opted_in' AND l.phone IS NOT NULL) AS consented,
                           (l.in_audience IS NOT FALSE) AS in_audience,
                           ((%s) IS TRUE) AS cooling,
                           ((%s) IS TRUE) AS capped
                    FROM lapses l CROSS JOIN p %s)
                """.formatted(coolDown, capped, history);
    }

    /** Eligible customers per sampled one above which walking the primary key finds the sample quickly. */
    private static final long DENSE_SAMPLE = 100;

    /**
     * Separate conjuncts rather than one CASE, so PostgreSQL filters consent and audience in the scan,
     * before the cool-down join.
     */
    private static final String ELIGIBLE = "consented AND in_audience AND NOT cooling AND NOT capped";

    /**
     * For this transaction only: the cool-down joins every customer the flow matched before
     * (hundreds of thousands), which with the default 4 MB of work memory spills to disk in batches.
     * No JIT: each process of the parallel scan compiled the row expressions anew, a large share of
     * the query's time, for little gain on simple comparisons.
     */
    private static void settings(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("SET LOCAL work_mem = '64MB'");
        }
        PlannerSettings.withoutJit(connection);
    }

    private static void bind(PreparedStatement st, Optional<FlowRules> flow) throws SQLException {
        if (flow.isPresent()) {
            st.setString(1, flow.get().flowId());
        }
    }
}
