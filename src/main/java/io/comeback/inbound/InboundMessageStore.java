package io.comeback.inbound;

import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@code inbound_messages}: each text stored once by its provider id, then where it went and what it was answered. */
@ApplicationScoped
public class InboundMessageStore {

    private static final String STORE = """
            INSERT INTO inbound_messages (provider_message_id, from_phone, to_phone, body, received_at, routed_to)
            VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT (provider_message_id) DO NOTHING RETURNING id
            """;
    private static final String ROUTED = """
            UPDATE inbound_messages SET routed_to = ?, customer_id = ?, enrollment_id = ?, flow_id = ?, answer = ?
            WHERE id = ?""";

    /** The new row's id; empty when a text with this provider id was stored before. */
    Optional<Long> store(Connection c, InboundSms sms, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(STORE)) {
            st.setString(1, sms.providerMessageId());
            st.setString(2, sms.from());
            st.setString(3, sms.to());
            st.setString(4, sms.body() == null ? "" : sms.body());
            Jdbc.setInstant(st, 5, sms.receivedAt() == null ? now : sms.receivedAt());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void routed(Connection c, long id, InboundRoute route) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(ROUTED)) {
            st.setString(1, route.routedTo());
            st.setObject(2, route.customerId());
            st.setObject(3, route.enrollmentId());
            st.setString(4, route.flowId());
            st.setString(5, route.answer());
            st.setLong(6, id);
            st.executeUpdate();
        }
    }

    /** The answer given the first time a text with this provider id came. */
    Optional<String> answer(Connection c, String providerId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT answer FROM inbound_messages WHERE provider_message_id = ?")) {
            st.setString(1, providerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
