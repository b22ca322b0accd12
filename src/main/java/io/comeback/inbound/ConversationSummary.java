package io.comeback.inbound;

import io.comeback.support.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A conversation as the inbox lists it.
 *
 * @param customerId the customer's external id, null for a number no customer has
 * @param unread     a text came after anyone last opened the thread
 * @param lastText   the person's latest text
 */
public record ConversationSummary(
        long id,
        String phone,
        String customerId,
        String customerName,
        String status,
        boolean unread,
        String assignedTo,
        Instant assignedAt,
        Instant openedAt,
        Instant lastInboundAt,
        String lastText,
        Instant closedAt,
        String closedBy) {

    static ConversationSummary of(ResultSet rs) throws SQLException {
        return new ConversationSummary(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getString(7),
                Jdbc.getInstant(rs, 8),
                Jdbc.getInstant(rs, 9),
                Jdbc.getInstant(rs, 10),
                rs.getString(11),
                Jdbc.getInstant(rs, 12),
                rs.getString(13));
    }
}
