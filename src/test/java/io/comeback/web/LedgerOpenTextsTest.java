package io.comeback.web;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V150 keeps the ledger's queue states in {@code outbound_open} and its provider ids in
 * {@code outbound_provider_ids}, so that the ledger's status updates are HOT. Both tables must equal what
 * the ledger rows say after every statement that moves texts between stages — the dispatcher's claim,
 * outcome, retry and reconciliation, receipts, stale checks, a provider id corrected, a claim with two
 * modifying CTEs — and a status change of the ledger must write no index entry.
 */
@QuarkusTest
class LedgerOpenTextsTest {

    @Inject
    AgroalDataSource dataSource;

    private final String flow = Api.uniqueId("open-texts");

    @Test
    void openStagesAndProviderIdsEqualTheLedgerAfterEveryStatement() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // 50 texts in every status, some with provider ids; not_before and dispatched_at far ahead keep the
            // running dispatcher and reconciliation away from them.
            run(c, """
                    INSERT INTO outbound_messages (flow_id, step_id, body, kind, status, provider_message_id, not_before,
                                                   dispatched_at, created_at, status_at)
                    SELECT ?1, ?1, 'x', 'transactional',
                           (ARRAY['pending', 'dispatching', 'unknown', 'queued', 'sending', 'sent', 'delivered',
                                  'failed', 'refused', 'blocked'])[1 + g % 10],
                           CASE WHEN g % 10 BETWEEN 3 AND 7 AND g % 4 <> 0 THEN ?1 || '-p' || g END,
                           timestamptz '2999-01-01 00:00:00+00' + g * interval '1 minute',
                           CASE WHEN g % 10 BETWEEN 1 AND 7 THEN timestamptz '2998-01-01 00:00:00+00' + g * interval '1 minute' END,
                           now(), timestamptz '2998-06-01 00:00:00+00' + g * interval '1 minute'
                    FROM generate_series(1, 50) g
                    """);
            assertOpenTablesEqualLedger(c);
            assertThat(count(c, "SELECT count(*) FROM outbound_open o JOIN outbound_messages m ON m.id = o.message_id WHERE m.flow_id = ?1"))
                    .as("pending, dispatching, unknown, and in transit with a provider id").isEqualTo(5 + 5 + 5 + 12);
            String[] statements = {
                // claim, outcome (with and without a provider id), retry, receipt, abandoned → unknown
                "UPDATE outbound_messages SET status = 'dispatching', dispatched_at = timestamptz '2998-02-01 00:00:00+00',"
                        + " status_at = now() WHERE flow_id = ?1 AND status = 'pending' AND id % 2 = 0",
                "UPDATE outbound_messages SET status = 'queued', provider_message_id = ?1 || '-q' || id, status_at = now()"
                        + " WHERE flow_id = ?1 AND status = 'dispatching' AND id % 3 <> 0",
                "UPDATE outbound_messages SET status = 'sent' WHERE flow_id = ?1 AND status = 'dispatching'",
                "UPDATE outbound_messages SET status = 'pending', not_before = not_before + interval '1 day'"
                        + " WHERE flow_id = ?1 AND status = 'unknown' AND id % 2 = 1",
                "UPDATE outbound_messages SET status = 'unknown' WHERE flow_id = ?1 AND status = 'sent' AND provider_message_id IS NULL",
                "UPDATE outbound_messages SET status = 'delivered', status_at = now() WHERE flow_id = ?1 AND status = 'queued' AND id % 2 = 0",
                // asked about (stale check), then only the time of the stage changes
                "UPDATE outbound_messages SET status_checked_at = now() WHERE flow_id = ?1 AND status IN ('queued', 'sending', 'sent')",
                "UPDATE outbound_messages SET dispatched_at = dispatched_at + interval '1 hour' WHERE flow_id = ?1",
                // a provider id corrected, one removed; a final text is never reopened by a later field change
                "UPDATE outbound_messages SET provider_message_id = provider_message_id || '-fixed' WHERE flow_id = ?1 AND id % 5 = 0",
                "UPDATE outbound_messages SET provider_message_id = NULL WHERE flow_id = ?1 AND status = 'sending'",
                "UPDATE outbound_messages SET status_reason = 'reviewed' WHERE flow_id = ?1 AND status IN ('delivered', 'blocked')",
                // two modifying CTEs on the ledger in one statement (the dispatcher's claim: withdrawn + claimed)
                """
                WITH withdrawn AS (UPDATE outbound_messages SET status = 'blocked' WHERE flow_id = ?1 AND status = 'pending' AND id % 3 = 0)
                UPDATE outbound_messages SET status = 'dispatching', dispatched_at = now() + interval '1 day'
                WHERE flow_id = ?1 AND status = 'pending' AND id % 3 <> 0
                """,
                "UPDATE outbound_messages SET status = 'failed', error_code = '30003' WHERE flow_id = ?1",
            };
            for (String sql : statements) {
                run(c, sql);
                assertOpenTablesEqualLedger(c);
            }
            assertThat(count(c, "SELECT count(*) FROM outbound_open o JOIN outbound_messages m ON m.id = o.message_id WHERE m.flow_id = ?1"))
                    .as("every text final").isZero();
        }
    }

    @Test
    void aProviderIdStaysUnique() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            run(c, """
                    INSERT INTO outbound_messages (flow_id, body, kind, status, provider_message_id, not_before, created_at, status_at)
                    VALUES (?1, 'x', 'transactional', 'queued', ?1 || '-same', now(), now(), now()),
                           (?1, 'x', 'transactional', 'dispatching', NULL, now() + interval '1000 years', now(), now())
                    """);
            assertThatThrownBy(() -> run(c, "UPDATE outbound_messages SET status = 'sent', provider_message_id = ?1 || '-same'"
                    + " WHERE flow_id = ?1 AND provider_message_id IS NULL"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("outbound_provider_ids");
            assertThat(count(c, "SELECT count(*) FROM outbound_provider_ids WHERE provider_message_id = ?1 || '-same'")).isEqualTo(1);
        }
    }

    @Test
    void aTextsStatusChangesWriteNoIndexEntry() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                run(c, """
                        INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, step_id, to_phone, body, kind,
                                                       status, not_before, created_at, status_at)
                        VALUES (NULL, NULL, NULL, ?1, 'ping', '+4790000001', 'x', 'transactional', 'pending',
                                now() + interval '1000 years', now(), now())
                        """);
                long updatesBefore = count(c, "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'outbound_messages' AND ?1 IS NOT NULL");
                long hotBefore = count(c, "SELECT n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'outbound_messages' AND ?1 IS NOT NULL");
                // the dispatcher's claim, its outcome, the stale check and the receipt
                run(c, "UPDATE outbound_messages SET status = 'dispatching', dispatched_at = now(), attempts = attempts + 1, status_at = now() WHERE flow_id = ?1");
                run(c, "UPDATE outbound_messages SET status = 'queued', gateway = 'simulator', provider_message_id = ?1, status_at = now() WHERE flow_id = ?1");
                run(c, "UPDATE outbound_messages SET status_checked_at = now() WHERE flow_id = ?1");
                run(c, "UPDATE outbound_messages SET status = 'delivered', status_at = now() WHERE flow_id = ?1");
                long updates = count(c, "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'outbound_messages' AND ?1 IS NOT NULL") - updatesBefore;
                long hot = count(c, "SELECT n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'outbound_messages' AND ?1 IS NOT NULL") - hotBefore;
                assertThat(updates).isEqualTo(4);
                assertThat(hot).as("HOT updates: no index names a column they change").isEqualTo(4);
            } finally {
                c.rollback();
            }
        }
    }

    /** outbound_open and outbound_provider_ids against what the ledger rows of this test say, in one snapshot. */
    private void assertOpenTablesEqualLedger(Connection c) throws SQLException {
        List<String> differences = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(bind("""
                WITH texts AS (SELECT * FROM outbound_messages WHERE flow_id = ?1),
                expected AS (
                    SELECT id, CASE WHEN status IN ('pending', 'dispatching', 'unknown') THEN status ELSE 'in_transit' END AS stage,
                           CASE WHEN status = 'pending' THEN not_before WHEN status IN ('dispatching', 'unknown') THEN dispatched_at
                                ELSE coalesce(status_checked_at, status_at) END AS at
                    FROM texts
                    WHERE status IN ('pending', 'dispatching', 'unknown')
                       OR (status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL)),
                actual AS (SELECT o.message_id AS id, o.stage, o.at FROM outbound_open o JOIN texts t ON t.id = o.message_id)
                SELECT 'open ' || coalesce(e.id, a.id) || ': ledger says ' || coalesce(e.stage || ' ' || e.at, 'none')
                       || ', outbound_open ' || coalesce(a.stage || ' ' || a.at, 'none')
                FROM expected e FULL JOIN actual a ON a.id = e.id
                WHERE e.id IS NULL OR a.id IS NULL OR e.stage <> a.stage OR e.at IS DISTINCT FROM a.at
                UNION ALL
                SELECT 'provider id of ' || coalesce(t.id, p.message_id) || ': ledger ' || coalesce(t.provider_message_id, 'none')
                       || ', outbound_provider_ids ' || coalesce(p.provider_message_id, 'none')
                FROM (SELECT id, provider_message_id FROM texts WHERE provider_message_id IS NOT NULL) t
                FULL JOIN (SELECT p.* FROM outbound_provider_ids p WHERE p.provider_message_id LIKE ?1 || '%'
                           OR p.message_id IN (SELECT id FROM texts)) p
                  ON p.message_id = t.id AND p.provider_message_id = t.provider_message_id
                WHERE t.id IS NULL OR p.message_id IS NULL
                """)); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                differences.add(rs.getString(1));
            }
        }
        assertThat(differences).isEmpty();
    }

    private long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(bind(sql)); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void run(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(bind(sql))) {
            st.execute();
        }
    }

    /** ?1 is this test's flow id (a unique id: letters, digits and dashes only). */
    private String bind(String sql) {
        return sql.replace("?1", "'" + flow + "'");
    }
}
