package io.comeback.gateway.simulator;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The customers' side of the simulator: what each number received, and what it sent us. */
@ApplicationScoped
public class SimulatorPhone {

    public record Message(String id, String to, String body, String status, Instant at) {}

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public SimulatorPhone(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Texts the number received, oldest first (newest last). */
    public List<Message> messagesTo(String to) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT id, to_phone, body, status, at FROM simulator_messages
                WHERE to_phone = ? AND direction = 'outbound' ORDER BY id""")) {
            st.setString(1, to);
            List<Message> messages = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    messages.add(new Message(
                            SimulatorGateway.providerId(rs.getLong(1)),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read simulator messages", e);
        }
    }

    /** The service's immediate answer to an inbound text, delivered as the webhook response would be. */
    public void recordAnswer(String to, String body) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            SimulatorGateway.record(c, null, to, body, clock.instant(), null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the simulator answer", e);
        }
    }

    public void recordInbound(String from, String body) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO simulator_messages (direction, from_phone, body, status, at)
                VALUES ('inbound', ?, ?, 'received', ?)""")) {
            st.setString(1, from);
            st.setString(2, body);
            Jdbc.setInstant(st, 3, clock.instant());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the simulated inbound text", e);
        }
    }
}
