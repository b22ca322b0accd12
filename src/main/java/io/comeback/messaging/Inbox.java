package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Texts no flow was waiting for: a person answers them. Newest first. */
@ApplicationScoped
public class Inbox {

    public record Item(long id, String from, String customerId, String body, Instant receivedAt, String autoReply) {
    }

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Item> latest(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT i.id, i.from_phone, c.external_id, i.body, i.received_at, i.answer
                FROM inbound_messages i LEFT JOIN customers c ON c.id = i.customer_id
                WHERE i.routed_to = 'inbox' ORDER BY i.received_at DESC, i.id DESC LIMIT ?""")) {
            st.setInt(1, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inbox", e);
        }
    }
}
