package io.comeback.gateway.twilio;

import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The error codes a rule applies to ({@code twilio_delivery_errors}), counted per number and problem. */
@ApplicationScoped
public class DeliveryErrorStore {

    private final DataSource dataSource;

    DeliveryErrorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records one error and counts the number's errors of the same problem since {@code windowStart}
     * (this one included). Empty when this error of this message was recorded before.
     */
    OptionalLong record(
            String phone,
            String code,
            DeliveryProblem problem,
            String messageSid,
            Long messageId,
            Instant at,
            Instant windowStart) {
        // An error of a text whose recipient was erased is kept without the number (ErasedTexts).
        String insert = "INSERT INTO twilio_delivery_errors (phone, error_code, problem, message_key, message_sid,"
                + " message_id, occurred_at, occurrences, acted)"
                + " SELECT CASE WHEN " + ErasedTexts.erased("u.message_sid") + " THEN NULL ELSE u.phone END,"
                + " u.error_code, u.problem, u.message_key, u.message_sid, u.message_id, u.occurred_at, 0, false"
                + " FROM (SELECT CAST(? AS text) AS phone, CAST(? AS text) AS error_code, CAST(? AS text) AS problem,"
                + " CAST(? AS text) AS message_key, CAST(? AS text) AS message_sid, CAST(? AS bigint) AS message_id,"
                + " CAST(? AS timestamptz) AS occurred_at) u"
                + " ON CONFLICT (message_key, error_code) DO NOTHING RETURNING id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(insert)) {
            st.setString(1, phone);
            st.setString(2, code);
            st.setString(3, problem.name());
            st.setString(4, messageSid != null ? messageSid : "ledger:" + messageId);
            st.setString(5, messageSid);
            if (messageId == null) {
                st.setNull(6, Types.BIGINT);
            } else {
                st.setLong(6, messageId);
            }
            Jdbc.setInstant(st, 7, at);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long id = rs.getLong(1);
                return OptionalLong.of(countAndKeep(c, id, phone, problem, windowStart));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record Twilio error " + code, e);
        }
    }

    private static long countAndKeep(Connection c, long id, String phone, DeliveryProblem problem, Instant windowStart)
            throws SQLException {
        String sql = "UPDATE twilio_delivery_errors SET occurrences = (SELECT count(*) FROM twilio_delivery_errors"
                + " WHERE phone = ? AND problem = ? AND occurred_at >= ?) WHERE id = ? RETURNING occurrences";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, phone);
            st.setString(2, problem.name());
            Jdbc.setInstant(st, 3, windowStart);
            st.setLong(4, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void markActed(String messageSid, Long messageId, String code) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE twilio_delivery_errors SET acted = true WHERE message_key = ? AND error_code = ?")) {
            st.setString(1, messageSid != null ? messageSid : "ledger:" + messageId);
            st.setString(2, code);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark Twilio error " + code + " as acted on", e);
        }
    }
}
