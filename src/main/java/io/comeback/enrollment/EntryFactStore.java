package io.comeback.enrollment;

import io.comeback.audience.ConditionSql;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the entry rules need to know about many customers of a flow without trigger variables (the
 * {@code inactive} flows), read in one statement: consent, zone, whether the flow's entry conditions
 * hold ({@link ConditionSql}, which means exactly what {@code FlowInterpreter#admits} means and is
 * held to it by {@code ConditionSqlAgreementTest}) and the earlier enrollments in the flow.
 * <p>
 * It replaces loading a full {@link CustomerView} per customer (attributes,
 * tags, RFM scores) and judging the conditions in Java, which made a first detection pass that
 * enters hundreds of thousands of customers slow.
 */
final class EntryFactStore {

    /** One customer's facts; {@code admitted}: the entry conditions hold (NULL counts as not, as in a WHERE). */
    record Fact(ConsentStatus consent, ZoneId zone, boolean admitted, ReEntryCheck.History history) {}

    private EntryFactStore() {}

    /**
     * @param globals service-wide variables such as {@code shop.name}, as the interpreter has them
     * @return facts per customer id; an id with no customer row is missing
     */
    static Map<Long, Fact> load(Connection c, Flow flow, List<Long> ids, Instant now, Map<String, String> globals)
            throws SQLException {
        Map<Long, Fact> facts = new HashMap<>();
        if (ids.isEmpty()) {
            return facts;
        }
        String at = "CAST('" + now + "' AS timestamptz)";
        String admitted =
                new ConditionSql(at, globals, flow.links()).all(flow.entry().audience());
        // The history aggregate per customer through the (flow_id, customer_id) index, not one
        // aggregate over every enrollment the flow ever had.
        String sql = """
                SELECT c.id, c.consent_status, c.time_zone, ((%s) IS TRUE), h.entries, h.last_entered_at, h.running
                FROM customers c
                LEFT JOIN LATERAL (
                    SELECT count(*) AS entries, max(e.entered_at) AS last_entered_at,
                           coalesce(bool_or(e.exited_at IS NULL), false) AS running
                    FROM enrollments e WHERE e.flow_id = ? AND e.customer_id = c.id) h ON TRUE
                WHERE c.id = ANY (?)
                """.formatted(admitted);
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, flow.id());
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int entries = rs.getInt(5);
                    ReEntryCheck.History history = entries == 0
                            ? ReEntryCheck.History.NONE
                            : new ReEntryCheck.History(entries, Jdbc.getInstant(rs, 6), rs.getBoolean(7));
                    facts.put(
                            rs.getLong(1),
                            new Fact(
                                    ConsentStatus.fromYaml(rs.getString(2)).orElse(ConsentStatus.UNKNOWN),
                                    CustomerViews.zone(rs.getString(3)),
                                    rs.getBoolean(4),
                                    history));
                }
            }
        }
        return facts;
    }
}
