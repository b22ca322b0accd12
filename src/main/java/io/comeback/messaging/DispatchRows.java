package io.comeback.messaging;

import io.comeback.audience.Jdbc;
import io.comeback.audience.inactivity.EngagementFacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The dispatcher's set-based statements on the outbound ledger. */
final class DispatchRows {

    record Claimed(long id, String to, String body, int attempts) {
    }

    /** A pending row locked while the dispatcher asks its sender's bucket whether it may leave. */
    record Candidate(long id, String to, int segments) {
    }

    // Marked dispatching and committed BEFORE the gateway is called: a crash after the call leaves
    // the row dispatching, which reconciliation turns into unknown — it is never picked up again as pending.
    private static final String CLAIM = """
            UPDATE outbound_messages m SET status = 'dispatching', dispatched_at = ?, attempts = m.attempts + 1, status_at = ?
            WHERE m.id IN (SELECT id FROM outbound_messages WHERE status = 'pending' AND not_before <= ?
                           ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING m.id, m.to_phone, m.body, m.attempts
            """;
    // Paced claiming, in the same transaction: lock candidates in the order CLAIM would take them,
    // take the tokens of their senders, then claim those that fit. The others are released on commit.
    private static final String CANDIDATES = """
            SELECT id, to_phone, coalesce(segments, 1) FROM outbound_messages WHERE status = 'pending' AND not_before <= ?
            ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED
            """;
    private static final String CLAIM_IDS = """
            UPDATE outbound_messages m SET status = 'dispatching', dispatched_at = ?, attempts = m.attempts + 1, status_at = ?
            WHERE m.id = ANY(CAST(? AS bigint[]))
            RETURNING m.id, m.to_phone, m.body, m.attempts
            """;
    // A receipt may have arrived before the outcome is recorded; the higher status wins.
    private static final String RECORD = """
            UPDATE outbound_messages m SET
                status = CASE WHEN m.status IN ('dispatching', 'unknown') THEN u.status
                              WHEN message_status_rank(u.status) > message_status_rank(m.status) THEN u.status
                              ELSE m.status END,
                gateway = coalesce(u.gateway, m.gateway),
                provider_message_id = coalesce(u.provider_message_id, m.provider_message_id),
                error_code = coalesce(u.error_code, m.error_code),
                status_reason = coalesce(u.reason, m.status_reason),
                not_before = coalesce(u.not_before, m.not_before),
                status_at = ?
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]))
                 AS u(id, status, gateway, provider_message_id, error_code, reason, not_before)
            WHERE m.id = u.id
            """;
    private static final String HISTORY = """
            INSERT INTO message_status_history (message_id, provider_message_id, status, error_code, detail, at)
            SELECT u.*, ? FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                      CAST(? AS text[])) AS u(message_id, provider_message_id, status, error_code, detail)
            ON CONFLICT DO NOTHING
            """;

    private DispatchRows() {
    }

    static List<Claimed> claim(Connection c, Instant now, int limit) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(limit);
        try (PreparedStatement st = c.prepareStatement(CLAIM)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            Jdbc.setInstant(st, 3, now);
            st.setInt(4, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return claimed;
    }

    static List<Candidate> candidates(Connection c, Instant now, int limit) throws SQLException {
        List<Candidate> candidates = new ArrayList<>(limit);
        try (PreparedStatement st = c.prepareStatement(CANDIDATES)) {
            Jdbc.setInstant(st, 1, now);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return candidates;
    }

    static List<Claimed> claimIds(Connection c, Instant now, List<Long> ids) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement st = c.prepareStatement(CLAIM_IDS)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            st.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return claimed;
    }

    static void record(Connection c, List<DispatchOutcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(RECORD)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, now);
            st.setArray(++i, SqlArrays.longs(c, outcomes, DispatchOutcome::id));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::status));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::gateway));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::providerMessageId));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::errorCode));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::reason));
            st.setArray(++i, SqlArrays.instants(c, outcomes, DispatchOutcome::notBefore));
            st.executeUpdate();
        }
        history(c, outcomes, now);
        countMarketingTexts(c, outcomes, now);
    }

    /** Each marketing text handed over lengthens its recipient's unanswered streak (inactivity windows). */
    private static void countMarketingTexts(Connection c, List<DispatchOutcome> outcomes, Instant now) throws SQLException {
        List<DispatchOutcome> accepted = outcomes.stream().filter(o -> o.providerMessageId() != null).toList();
        if (accepted.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(EngagementFacts.MARKETING_TEXTS_SENT)) {
            Jdbc.setInstant(st, 1, now);
            st.setArray(2, SqlArrays.longs(c, accepted, DispatchOutcome::id));
            st.executeUpdate();
        }
    }

    static void history(Connection c, List<DispatchOutcome> outcomes, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(HISTORY)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, at);
            st.setArray(++i, SqlArrays.longs(c, outcomes, DispatchOutcome::id));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::providerMessageId));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::status));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::errorCode));
            st.setArray(++i, SqlArrays.texts(c, outcomes, DispatchOutcome::reason));
            st.executeUpdate();
        }
    }
}
