package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.FlowSettings;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.compliance.PlannedText;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the compliance gate knows about each person of a batch: whether their number is unreachable, and their
 * marketing texts of the longest cap window (sent or waiting, each with its flow's priority).
 */
final class CapHistoryStore {

    /** The person's marketing texts of the longest window, sent or waiting; the batch adds its own as it goes. */
    record History(boolean unreachable, List<PlannedText> marketing) {
        static History none() {
            return new History(false, new ArrayList<>());
        }
    }

    // LATERAL keeps it one index look-up per customer: as a plain join, a ledger that grew since it was last
    // analyzed (a backlog being sent) was planned as a hash join over a full scan of the ledger, per batch.
    // OFFSET 0 keeps the planner from flattening the LATERAL into that same join: without column statistics
    // (a ledger filling faster than autovacuum analyzes it) it guessed a few rows, scanned the whole ledger once
    // and compared every customer of the batch with every text (seen in the runtime bench's 100,000-text burst).
    private static final String HISTORIES = """
            SELECT cu.id, cu.unreachable_since IS NOT NULL, m.enrollment_id, m.not_before, m.flow_id, m.flow_version,
                   m.id
            FROM customers cu
            LEFT JOIN LATERAL (
                SELECT enrollment_id, not_before, flow_id, flow_version, id FROM outbound_messages
                WHERE customer_id = cu.id AND kind = 'marketing' AND not_before > ?
                  AND status NOT IN ('blocked', 'refused', 'failed', 'undelivered')
                OFFSET 0) m ON true
            WHERE cu.id = ANY(?)""";

    private CapHistoryStore() {}

    /**
     * Every customer in one query.
     *
     * @param since   the start of the longest cap window
     * @param leftOut ledger rows not to count (held texts being judged again: their old times no longer hold)
     */
    static Map<Long, History> read(
            AgroalDataSource dataSource,
            FlowVersions versions,
            List<Long> customerIds,
            Instant since,
            Set<Long> leftOut) {
        Map<Long, Boolean> unreachable = new HashMap<>();
        Map<Long, List<PlannedText>> sent = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(HISTORIES)) {
            Jdbc.setInstant(st, 1, since);
            st.setArray(2, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long customerId = rs.getLong(1);
                    unreachable.put(customerId, rs.getBoolean(2));
                    Instant at = Jdbc.getInstant(rs, 4);
                    if (at != null && !leftOut.contains(rs.getLong(7))) {
                        // Texts of no enrollment (inbox answers) count for every enrollment: -1 matches none.
                        long enrollmentId = rs.getObject(3) == null ? -1 : rs.getLong(3);
                        String flowId = rs.getString(5);
                        sent.computeIfAbsent(customerId, k -> new ArrayList<>())
                                .add(new PlannedText(
                                        enrollmentId, flowId, priority(versions, flowId, rs.getString(6)), at));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read the send history of " + customerIds.size() + " customers", e);
        }
        Map<Long, History> histories = new HashMap<>();
        unreachable.forEach(
                (id, flag) -> histories.put(id, new History(flag, sent.getOrDefault(id, new ArrayList<>()))));
        return histories;
    }

    private static int priority(FlowVersions versions, String flowId, String version) {
        if (flowId == null || version == null) {
            return FlowSettings.DEFAULT_PRIORITY;
        }
        return versions.resolve(flowId, version)
                .map(f -> f.settings().priority())
                .orElse(FlowSettings.DEFAULT_PRIORITY);
    }
}
