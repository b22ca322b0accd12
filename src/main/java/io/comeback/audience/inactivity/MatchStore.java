package io.comeback.audience.inactivity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a batch of matches to {@code detector_matches} and, for the ones that count for re-entry
 * (not refused), moves {@code detector_last_matches} forward: one statement, arrays unnested
 * server-side, so the cool-down table never disagrees with the log.
 */
@ApplicationScoped
public class MatchStore {

    private static final String INSERT = """
            WITH logged AS (
                INSERT INTO detector_matches (flow_id, flow_version, customer_id, matched_at, outcome, reasons)
                SELECT ?, ?, u.customer_id, ?, u.outcome, CAST(u.reasons AS jsonb)
                FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[])) AS u(customer_id, outcome, reasons)
                RETURNING flow_id, customer_id, matched_at, outcome)
            INSERT INTO detector_last_matches AS d (flow_id, customer_id, last_matched_at)
            SELECT DISTINCT flow_id, customer_id, matched_at FROM logged WHERE outcome <> 'refused'
            ON CONFLICT (flow_id, customer_id)
                DO UPDATE SET last_matched_at = GREATEST(d.last_matched_at, EXCLUDED.last_matched_at)""";

    private final ObjectMapper json;

    public MatchStore(ObjectMapper json) {
        this.json = json;
    }

    public void record(
            Connection connection,
            String flowId,
            String flowVersion,
            Instant asOf,
            List<WinbackEnrollment.Match> matches,
            List<MatchOutcome> outcomes)
            throws SQLException {
        if (outcomes.size() != matches.size()) {
            throw new IllegalStateException(
                    "enrollment answered " + outcomes.size() + " outcomes for " + matches.size() + " matches");
        }
        Long[] customers = new Long[matches.size()];
        String[] outcomeNames = new String[matches.size()];
        String[] reasons = new String[matches.size()];
        for (int i = 0; i < matches.size(); i++) {
            customers[i] = matches.get(i).customerId();
            outcomeNames[i] = outcomes.get(i).wire;
            reasons[i] = toJson(matches.get(i).reason().windows());
        }
        try (PreparedStatement st = connection.prepareStatement(INSERT)) {
            st.setString(1, flowId);
            st.setString(2, flowVersion);
            Jdbc.setInstant(st, 3, asOf);
            st.setArray(4, connection.createArrayOf("bigint", customers));
            st.setArray(5, connection.createArrayOf("text", outcomeNames));
            st.setArray(6, connection.createArrayOf("text", reasons));
            st.executeUpdate();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("match reasons are plain records", e);
        }
    }
}
