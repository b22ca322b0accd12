package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Applies delivery receipts from any gateway. Each (message, status) is stored once in the history;
 * the ledger row's status only moves forward and a terminal status is never replaced, so receipts
 * that come twice or out of order end in the right place. A receipt for a message we cannot find is
 * kept in the history (message id empty) for reconciliation rather than refused.
 */
@ApplicationScoped
public class MessageStatusRecorder implements StatusUpdateSink {

    // Resolve our id from the provider id when the gateway did not echo it.
    // The ledger id by provider id only for receipts without it, one index probe each: as a LEFT JOIN, a ledger
    // without fresh statistics was hashed whole for every batch of receipts.
    private static final String HISTORY = """
            INSERT INTO message_status_history (message_id, provider_message_id, status, error_code, at)
            SELECT coalesce(u.message_id,
                            (SELECT m.id FROM outbound_messages m WHERE m.provider_message_id = u.provider_message_id)),
                   u.provider_message_id, u.status, u.error_code, u.at
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(CAST(? AS text[]) AS timestamptz[])) AS u(message_id, provider_message_id, status, error_code, at)
            ON CONFLICT DO NOTHING
            """;
    // Several receipts of one message in a call: only the highest-ranked one can win anyway.
    private static final String ADVANCE = """
            UPDATE outbound_messages m SET status = u.status, error_code = coalesce(u.error_code, m.error_code),
                provider_message_id = coalesce(m.provider_message_id, u.provider_message_id), status_at = u.at
            FROM (SELECT DISTINCT ON (coalesce(r.message_id::text, r.provider_message_id)) r.*
                  FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                              CAST(CAST(? AS text[]) AS timestamptz[])) AS r(message_id, provider_message_id, status, error_code, at)
                  ORDER BY coalesce(r.message_id::text, r.provider_message_id), message_status_rank(r.status) DESC) u
            WHERE (m.id = u.message_id OR (u.message_id IS NULL AND m.provider_message_id = u.provider_message_id))
              AND (m.status IN ('dispatching', 'unknown') OR message_status_rank(u.status) > message_status_rank(m.status))
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final SendMetrics metrics;

    public MessageStatusRecorder(AgroalDataSource dataSource, Clock clock, SendMetrics metrics) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void apply(StatusUpdate update) {
        try (Connection c = dataSource.getConnection()) {
            applyAll(c, List.of(update));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply status " + update, e);
        }
    }

    /** Applies many receipts in the caller's transaction, two statements whatever their number. */
    @Override
    public void applyAll(Connection c, List<StatusUpdate> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        run(c, HISTORY, updates);
        run(c, ADVANCE, updates);
        metrics.receipts(updates);
    }

    private void run(Connection c, String sql, List<StatusUpdate> updates) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, SqlArrays.longs(c, updates, StatusUpdate::messageId));
            st.setArray(2, SqlArrays.texts(c, updates, StatusUpdate::providerMessageId));
            st.setArray(3, SqlArrays.texts(c, updates, u -> u.status().wire()));
            st.setArray(4, SqlArrays.texts(c, updates, StatusUpdate::errorCode));
            st.setArray(5, SqlArrays.instants(c, updates, u -> u.at() == null ? clock.instant() : u.at()));
            st.executeUpdate();
        }
    }
}
