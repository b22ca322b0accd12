package io.comeback.gateway.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set-based statements of one group of status callbacks, all in the caller's transaction: store
 * the new ones, and find which must be applied (new, or stored earlier but never applied). Marking
 * them applied happens in the same transaction as applying them, so a callback is either stored and
 * applied, or not there at all — except those with an error code, marked only after the error-code
 * rules acted on them (see {@link StatusCallbackBatcher}).
 */
final class StatusCallbackBatch {

    /** One signed status callback, as Twilio sent it. */
    record Callback(
            String sid,
            String status,
            Long messageId,
            String errorCode,
            String to,
            Map<String, String> params,
            Instant receivedAt) {

        String key() {
            return sid + "\u0000" + status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    // Applied at once unless the error-code rules still have to act on it. A receipt for a text whose recipient
    // was erased meanwhile is kept without the number (ErasedTexts).
    private static final String INSERT =
            """
            INSERT INTO twilio_status_callbacks (message_sid, message_status, message_id, error_code, to_number, params,
                                                 received_at, applied_at)
            SELECT u.sid, u.status, u.message_id, u.error_code, CASE WHEN e.erased THEN NULL ELSE u.to_number END,
                   CASE WHEN e.erased THEN %s ELSE CAST(u.params AS jsonb) END, u.received_at,
                   CASE WHEN u.error_code IS NULL THEN u.received_at END
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]))
                 AS u(sid, status, message_id, error_code, to_number, params, received_at)
                 CROSS JOIN LATERAL (SELECT %s AS erased) e
            ON CONFLICT (message_sid, message_status) DO NOTHING
            RETURNING message_sid, message_status
            """.formatted(ErasedTexts.keptParams("CAST(u.params AS jsonb)"), ErasedTexts.erased("u.sid"));
    // Stored by an earlier delivery that was never applied (crash, failing rule): applied now.
    private static final String UNAPPLIED = """
            UPDATE twilio_status_callbacks t SET applied_at = CASE WHEN t.error_code IS NULL THEN ? END
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS u(sid, status)
            WHERE t.message_sid = u.sid AND t.message_status = u.status AND t.applied_at IS NULL
            RETURNING t.message_sid, t.message_status
            """;

    private StatusCallbackBatch() {}

    /** Stores the group; returns the keys ({@link Callback#key()}) of the callbacks to apply now. */
    static Set<String> store(Connection c, List<Callback> callbacks, Instant now) throws SQLException {
        Set<String> toApply = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            int i = 0;
            st.setArray(++i, SqlArrays.texts(c, callbacks, Callback::sid));
            st.setArray(++i, SqlArrays.texts(c, callbacks, Callback::status));
            st.setArray(++i, SqlArrays.longs(c, callbacks, Callback::messageId));
            st.setArray(++i, SqlArrays.texts(c, callbacks, Callback::errorCode));
            st.setArray(++i, SqlArrays.texts(c, callbacks, Callback::to));
            st.setArray(++i, SqlArrays.texts(c, callbacks, cb -> json(cb.params())));
            st.setArray(++i, SqlArrays.instants(c, callbacks, Callback::receivedAt));
            collectKeys(st, toApply);
        }
        List<Callback> seenBefore =
                callbacks.stream().filter(cb -> !toApply.contains(cb.key())).toList();
        if (!seenBefore.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(UNAPPLIED)) {
                Jdbc.setInstant(st, 1, now);
                st.setArray(2, SqlArrays.texts(c, seenBefore, Callback::sid));
                st.setArray(3, SqlArrays.texts(c, seenBefore, Callback::status));
                collectKeys(st, toApply);
            }
        }
        return toApply;
    }

    private static void collectKeys(PreparedStatement st, Set<String> keys) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1) + "\u0000" + rs.getString(2));
            }
        }
    }

    private static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("callback parameters are not serialisable", e);
        }
    }
}
