package io.comeback.messaging;

import io.comeback.audience.inactivity.EngagementStore;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What became of the texts handed over, written back to the outbound ledger: their status, the provider's id,
 * the status history and the recipients' unanswered streaks. Used by the dispatcher and by reconciliation.
 */
final class DispatchOutcomeStore {

    // A receipt may have arrived before the outcome is recorded; the higher status wins. The ids once more as
    // = ANY: a ledger filling faster than it is analyzed was otherwise hashed whole to join 500 rows.
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
            WHERE m.id = u.id AND m.id = ANY(CAST(? AS bigint[]))
            """;
    private static final String HISTORY = """
            INSERT INTO message_status_history (message_id, provider_message_id, status, error_code, detail, at)
            SELECT u.*, ? FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                      CAST(? AS text[])) AS u(message_id, provider_message_id, status, error_code, detail)
            ON CONFLICT DO NOTHING
            """;

    private DispatchOutcomeStore() {}

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
            st.setArray(++i, SqlArrays.longs(c, outcomes, DispatchOutcome::id));
            st.executeUpdate();
        }
        history(c, outcomes, now);
        countMarketingTexts(c, outcomes, now);
    }

    /** Each marketing text handed over lengthens its recipient's unanswered streak (inactivity windows). */
    private static void countMarketingTexts(Connection c, List<DispatchOutcome> outcomes, Instant now)
            throws SQLException {
        List<DispatchOutcome> accepted =
                outcomes.stream().filter(o -> o.providerMessageId() != null).toList();
        if (accepted.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(EngagementStore.MARKETING_TEXTS_SENT)) {
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
