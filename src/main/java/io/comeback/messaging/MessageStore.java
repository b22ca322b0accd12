package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side of the outbound ledger: messages with their status history, newest first. */
@ApplicationScoped
public class MessageStore {

    public record StatusChange(String status, Instant at, String errorCode, String detail) {}

    /**
     * A text on the ledger. {@code kind} is {@code marketing}, {@code transactional} (a flow's) or {@code conversation}
     * (a reply a person wrote from the inbox, {@code sentBy} naming them; null for every other text).
     */
    public record Message(
            long id,
            String customerId,
            String flowId,
            String flowVersion,
            String stepId,
            String to,
            String body,
            String kind,
            Integer segments,
            String status,
            String statusReason,
            String errorCode,
            String gateway,
            String providerMessageId,
            Instant createdAt,
            Instant statusAt,
            String sentBy,
            List<StatusChange> history) {}

    private static final String SELECT = """
            SELECT m.id, c.external_id, m.flow_id, m.flow_version, m.step_id, m.to_phone, m.body, m.kind, m.segments,
                   m.status, m.status_reason, m.error_code, m.gateway, m.provider_message_id, m.created_at, m.status_at,
                   m.sent_by
            FROM outbound_messages m LEFT JOIN customers c ON c.id = m.customer_id
            """;

    private final AgroalDataSource dataSource;

    public MessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Message> ofCustomer(long customerId, int limit) {
        return query(SELECT + " WHERE m.customer_id = ? ORDER BY m.id DESC LIMIT ?", List.of(customerId, limit));
    }

    /** {@code flowId} and {@code status} are optional filters. */
    public List<Message> find(String flowId, String status, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (flowId != null) {
            sql.append(" AND m.flow_id = ?");
            params.add(flowId);
        }
        if (status != null) {
            sql.append(" AND m.status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY m.id DESC LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params);
    }

    private List<Message> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            Map<Long, Message> messages = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    messages.put(
                            id,
                            new Message(
                                    id,
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    (Integer) rs.getObject(9),
                                    rs.getString(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getString(13),
                                    rs.getString(14),
                                    instant(rs.getTimestamp(15)),
                                    instant(rs.getTimestamp(16)),
                                    rs.getString(17),
                                    new ArrayList<>()));
                }
            }
            addHistory(c, messages);
            return List.copyOf(messages.values());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the message log", e);
        }
    }

    private static void addHistory(Connection c, Map<Long, Message> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT message_id, status, at, error_code, detail FROM message_status_history
                WHERE message_id = ANY (?) ORDER BY at, message_status_rank(status), id""")) {
            st.setArray(1, c.createArrayOf("bigint", messages.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    messages.get(rs.getLong(1))
                            .history()
                            .add(new StatusChange(
                                    rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5)));
                }
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
