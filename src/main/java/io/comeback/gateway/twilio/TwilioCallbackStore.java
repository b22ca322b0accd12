package io.comeback.gateway.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Raw Twilio callbacks (tables of V30). Plain JDBC, one auto-committed statement per step: webhook
 * ingest is a hot path, and the fact must be kept even if applying it fails.
 * <p>
 * Durability is chosen per write. Statements that may skip the WAL flush on commit select
 * {@code set_config('synchronous_commit', 'off', true)} in the statement itself, which applies to
 * that statement's own transaction at no extra round trip. Only a PostgreSQL or machine crash (not
 * a service crash) can lose such a commit, within {@code wal_writer_delay} × 3.
 * <ul>
 *   <li>inbound texts: always flushed before Twilio gets its answer — an opt-out must never be lost;</li>
 *   <li>status callbacks: not flushed unless {@code comeback.twilio.durable-status-callbacks}; a lost
 *       receipt leaves the message {@code sent}/{@code queued}, which reconciliation fetches from
 *       Twilio. Webhooks store them in groups ({@link StatusCallbackBatcher}); this one-by-one path
 *       serves statuses fetched by reconciliation and groups that failed;</li>
 *   <li>"applied" marks: never flushed; losing one only means applying an idempotent fact again.</li>
 * </ul>
 */
@ApplicationScoped
public class TwilioCallbackStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKIP_FLUSH = "(SELECT set_config('synchronous_commit', 'off', true)) AS skip_flush";

    private final DataSource dataSource;
    private final boolean durableStatusCallbacks;

    TwilioCallbackStore(DataSource dataSource, TwilioConfig config) {
        this.dataSource = dataSource;
        this.durableStatusCallbacks = config.durableStatusCallbacks();
    }

    /** What an earlier delivery of the same inbound text left behind. */
    record InboundState(boolean applied, String answer) {
        static final InboundState NEW = new InboundState(false, null);
    }

    InboundState recordInbound(
            String sid, String from, String to, String body, Map<String, String> params, Instant at) {
        String insert =
                "INSERT INTO twilio_inbound_messages (message_sid, from_number, to_number, body, params, received_at)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (message_sid) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(insert)) {
            st.setString(1, sid);
            st.setString(2, from);
            st.setString(3, to);
            st.setString(4, body);
            st.setString(5, json(params));
            Jdbc.setInstant(st, 6, at);
            if (st.executeUpdate() == 1) {
                return InboundState.NEW;
            }
            return earlierInbound(c, sid);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store inbound text " + sid, e);
        }
    }

    private static InboundState earlierInbound(Connection c, String sid) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT applied_at IS NOT NULL, answer FROM twilio_inbound_messages WHERE message_sid = ?")) {
            st.setString(1, sid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new InboundState(rs.getBoolean(1), rs.getString(2));
            }
        }
    }

    void inboundApplied(String sid, String answer, Instant at) {
        update(
                "UPDATE twilio_inbound_messages SET applied_at = ?, answer = ? FROM " + SKIP_FLUSH
                        + " WHERE message_sid = ?",
                st -> {
                    Jdbc.setInstant(st, 1, at);
                    st.setString(2, answer);
                    st.setString(3, sid);
                });
    }

    /** Stores a status callback; true when it must be applied (first delivery, or never applied). */
    boolean recordStatus(
            String sid,
            String status,
            Long messageId,
            String errorCode,
            String to,
            Map<String, String> params,
            Instant at) {
        // As StatusCallbackBatch: without the number when the text's recipient was erased (ErasedTexts).
        String insert = "INSERT INTO twilio_status_callbacks"
                + " (message_sid, message_status, message_id, error_code, to_number, params, received_at)"
                + " SELECT u.sid, u.status, u.message_id, u.error_code, CASE WHEN e.erased THEN NULL ELSE u.to_number END,"
                + " CASE WHEN e.erased THEN " + ErasedTexts.keptParams("u.params") + " ELSE u.params END, u.received_at"
                + " FROM (SELECT CAST(? AS text) AS sid, CAST(? AS text) AS status, CAST(? AS bigint) AS message_id,"
                + " CAST(? AS text) AS error_code, CAST(? AS text) AS to_number, CAST(? AS jsonb) AS params,"
                + " CAST(? AS timestamptz) AS received_at) u"
                + " CROSS JOIN LATERAL (SELECT " + ErasedTexts.erased("u.sid") + " AS erased) e"
                + (durableStatusCallbacks ? "" : ", " + SKIP_FLUSH)
                + " ON CONFLICT (message_sid, message_status) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(insert)) {
            st.setString(1, sid);
            st.setString(2, status);
            if (messageId == null) {
                st.setNull(3, Types.BIGINT);
            } else {
                st.setLong(3, messageId);
            }
            st.setString(4, errorCode);
            st.setString(5, to);
            st.setString(6, json(params));
            Jdbc.setInstant(st, 7, at);
            return st.executeUpdate() == 1 || !statusApplied(c, sid, status);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store status callback " + sid + "/" + status, e);
        }
    }

    private static boolean statusApplied(Connection c, String sid, String status) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT applied_at IS NOT NULL FROM twilio_status_callbacks"
                + " WHERE message_sid = ? AND message_status = ?")) {
            st.setString(1, sid);
            st.setString(2, status);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    void statusApplied(String sid, String status, Instant at) {
        update(
                "UPDATE twilio_status_callbacks SET applied_at = ? FROM " + SKIP_FLUSH
                        + " WHERE message_sid = ? AND message_status = ?",
                st -> {
                    Jdbc.setInstant(st, 1, at);
                    st.setString(2, sid);
                    st.setString(3, status);
                });
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update a Twilio callback", e);
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
