package io.comeback.gateway.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

/**
 * Raw Twilio callbacks (tables of V30). Plain JDBC with one statement per step: webhook ingest is a
 * hot path, and each statement commits on its own so the fact is kept even if applying it fails.
 */
@ApplicationScoped
public class TwilioCallbackStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    TwilioCallbackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What an earlier delivery of the same inbound text left behind. */
    record InboundState(boolean applied, String answer) {
        static final InboundState NEW = new InboundState(false, null);
    }

    InboundState recordInbound(String sid, String from, String to, String body, Map<String, String> params, Instant at) {
        String insert = "INSERT INTO twilio_inbound_messages (message_sid, from_number, to_number, body, params, received_at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (message_sid) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(insert)) {
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
        update("UPDATE twilio_inbound_messages SET applied_at = ?, answer = ? WHERE message_sid = ?", st -> {
            Jdbc.setInstant(st, 1, at);
            st.setString(2, answer);
            st.setString(3, sid);
        });
    }

    /** Stores a status callback; true when it must be applied (first delivery, or never applied). */
    boolean recordStatus(String sid, String status, Long messageId, String errorCode, String to,
                         Map<String, String> params, Instant at) {
        String insert = "INSERT INTO twilio_status_callbacks"
                + " (message_sid, message_status, message_id, error_code, to_number, params, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (message_sid, message_status) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(insert)) {
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
        update("UPDATE twilio_status_callbacks SET applied_at = ? WHERE message_sid = ? AND message_status = ?", st -> {
            Jdbc.setInstant(st, 1, at);
            st.setString(2, sid);
            st.setString(3, status);
        });
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    /**
     * Marks a callback applied without waiting for the WAL flush: losing the mark in a crash only
     * means the callback is applied again when Twilio repeats it, which sinks tolerate. The raw
     * insert, whose loss would lose the fact, is always committed synchronously.
     */
    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement async = c.createStatement(); PreparedStatement st = c.prepareStatement(sql)) {
                async.execute("SET LOCAL synchronous_commit TO OFF");
                binder.bind(st);
                st.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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
