package io.comeback.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger's report counters (V90, per statement since V100) equal the figures counted from the raw ledger
 * rows after every statement of a batch workload: multi-row inserts and updates that move texts between
 * every reporting class at once, change error codes, move texts to another flow or day and back, and a
 * statement whose two modifying CTEs update the same table (as the dispatcher's claim does). Texts of 1993,
 * a year no other test writes.
 */
@QuarkusTest
class LedgerReportFactsPerStatementTest {

    @Inject
    AgroalDataSource dataSource;

    private final String flow = TestData.id("per-statement");
    private final String other = TestData.id("per-statement-other");

    @Test
    void countersEqualTheRawRowsAfterEveryBatchStatement() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // 60 texts over two days, in every status, some with error codes, in one statement; not_before far
            // ahead keeps the running dispatcher away from the pending ones.
            run(c, """
                    INSERT INTO outbound_messages (flow_id, step_id, body, kind, status, error_code, not_before, created_at, status_at)
                    SELECT ?, ?, 'x', 'transactional',
                           (ARRAY['pending', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'refused', 'blocked',
                                  'dispatching', 'sending'])[1 + g % 10],
                           CASE WHEN g % 3 = 0 THEN '3000' || (g % 4) END,
                           timestamptz '2999-01-01 00:00:00+00', timestamptz '1993-05-01 23:00:00+00' + g * interval '2 minutes',
                           timestamptz '1993-05-01 23:30:00+00'
                    FROM generate_series(1, 60) g
                    """, flow, flow);
            assertCountersEqualRawRows(c);
            String[] statements = {
                // the dispatcher's outcome and the receipts: many rows, several classes at once
                "UPDATE outbound_messages SET status = 'sent' WHERE flow_id = ?1 AND status IN ('dispatching', 'pending')",
                "UPDATE outbound_messages SET status = CASE WHEN id % 2 = 0 THEN 'delivered' ELSE 'undelivered' END,"
                        + " error_code = CASE WHEN id % 2 = 0 THEN error_code ELSE '30003' END WHERE flow_id = ?1 AND status IN ('sent', 'sending')",
                // a failed text's error code changes; a delivered text fails later; a refused one is retried and sent
                "UPDATE outbound_messages SET error_code = '30007' WHERE flow_id = ?1 AND status IN ('failed', 'undelivered') AND id % 3 = 0",
                "UPDATE outbound_messages SET status = 'failed', error_code = NULL WHERE flow_id = ?1 AND status = 'delivered' AND id % 5 = 0",
                "UPDATE outbound_messages SET status = 'queued', error_code = NULL WHERE flow_id = ?1 AND status = 'refused'",
                // texts move to another flow and day, lose their flow, and come back
                "UPDATE outbound_messages SET flow_id = ?2 WHERE flow_id = ?1 AND id % 4 = 0",
                "UPDATE outbound_messages SET created_at = created_at + interval '3 hours' WHERE flow_id IN (?1, ?2) AND id % 3 = 1",
                "UPDATE outbound_messages SET flow_id = NULL WHERE flow_id = ?2 AND id % 8 = 0",
                "UPDATE outbound_messages SET flow_id = ?1, status = 'delivered' WHERE flow_id IS NULL AND step_id = ?1",
                // status_at only: counts nothing
                "UPDATE outbound_messages SET status_at = status_at + interval '1 minute' WHERE flow_id IN (?1, ?2)",
                // two modifying CTEs on the ledger in one statement (the dispatcher's claim: withdrawn + claimed)
                """
                WITH a AS (UPDATE outbound_messages SET status = 'blocked' WHERE flow_id = ?1 AND status = 'queued' RETURNING id)
                UPDATE outbound_messages SET status = 'delivered' WHERE flow_id = ?2 AND status <> 'delivered'
                """,
            };
            for (String sql : statements) {
                run(c, sql.replace("?1", "'" + flow + "'").replace("?2", "'" + other + "'"));
                assertCountersEqualRawRows(c);
            }
        }
    }

    /** sent, delivered and failures by error code per (flow, day): kept counters + deltas against the raw rows. */
    private void assertCountersEqualRawRows(Connection c) throws SQLException {
        String kept = """
                SELECT flow_id || ' ' || day || ' ' || kind, sum(n) FROM (
                    SELECT flow_id, day, 'sent' AS kind, sent AS n FROM flow_day_counts WHERE flow_id IN (?, ?)
                    UNION ALL SELECT flow_id, day, 'delivered', delivered FROM flow_day_counts WHERE flow_id IN (?, ?)
                    UNION ALL SELECT flow_id, day, 'sent', sent FROM flow_count_deltas WHERE flow_id IN (?, ?)
                    UNION ALL SELECT flow_id, day, 'delivered', delivered FROM flow_count_deltas WHERE flow_id IN (?, ?)
                    UNION ALL SELECT flow_id, day, 'failed ' || error_code, failed FROM flow_day_failures WHERE flow_id IN (?, ?)
                    UNION ALL SELECT flow_id, day, 'failed ' || error_code, failed FROM flow_count_deltas
                              WHERE flow_id IN (?, ?) AND error_code IS NOT NULL) x
                GROUP BY 1 HAVING sum(n) <> 0
                """;
        String raw = """
                SELECT flow_id || ' ' || day || ' ' || kind, count(*) FROM (
                    SELECT flow_id, (created_at AT TIME ZONE 'UTC')::date AS day, 'sent' AS kind FROM outbound_messages
                    WHERE flow_id IN (?, ?) AND status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')
                    UNION ALL SELECT flow_id, (created_at AT TIME ZONE 'UTC')::date, 'delivered' FROM outbound_messages
                    WHERE flow_id IN (?, ?) AND status = 'delivered'
                    UNION ALL SELECT flow_id, (created_at AT TIME ZONE 'UTC')::date, 'failed ' || coalesce(error_code, 'none')
                    FROM outbound_messages WHERE flow_id IN (?, ?) AND status IN ('undelivered', 'failed', 'refused')) x
                GROUP BY 1
                """;
        // One snapshot for both (a fold running meanwhile moves deltas into counters, changing neither sum).
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Map<String, Long> expected = figures(c, raw, 3);
            assertThat(expected).isNotEmpty();
            assertThat(figures(c, kept, 6)).isEqualTo(expected);
        } finally {
            c.rollback();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
        }
    }

    private Map<String, Long> figures(Connection c, String sql, int flowPairs) throws SQLException {
        Map<String, Long> figures = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < flowPairs; i++) {
                st.setString(2 * i + 1, flow);
                st.setString(2 * i + 2, other);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    figures.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return figures;
    }

    private static void run(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }
}
