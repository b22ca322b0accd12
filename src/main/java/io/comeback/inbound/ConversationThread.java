package io.comeback.inbound;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The thread with one person, oldest first: their texts, and every text they got — from flows, replies people wrote
 * (with who), and the answers given at once (auto-replies, keyword confirmations) — with delivery status. Read from
 * the inbound texts and the outbound ledger, by customer and by number, the latest {@code limit} of each.
 */
@ApplicationScoped
public class ConversationThread {

    /** Who wrote a thread item. */
    public enum Kind {
        /** The person's own text. */
        TEXT,
        /** A text of a flow. */
        FLOW,
        /** A reply a person wrote from the inbox. */
        REPLY,
        /** What the service answered at once: the auto-reply, a STOP or keyword confirmation. */
        AUTOMATIC
    }

    /**
     * One text in the thread.
     *
     * @param inbound      true for the person's texts
     * @param status       delivery status of a text they got ({@code delivered}, {@code pending}…); for their own
     *                     text, where it went ({@code inbox}, {@code enrollment}, {@code opt_out}…)
     * @param statusReason why a text waits or was blocked ({@code quiet_hours}, {@code opted_out}), else null
     * @param sentBy       the user who wrote a {@link Kind#REPLY}
     * @param messageId    the ledger id of a text they got
     */
    public record Item(
            Instant at,
            boolean inbound,
            Kind kind,
            String body,
            String status,
            String statusReason,
            String flowId,
            String stepId,
            String sentBy,
            Long messageId) {}

    private static final String INBOUND = """
            SELECT i.received_at, i.body, i.routed_to, coalesce(i.flow_id, e.flow_id), i.answer, i.id
            FROM inbound_messages i LEFT JOIN enrollments e ON e.id = i.enrollment_id
            WHERE i.customer_id = ? OR (i.customer_id IS NULL AND i.from_phone = ?)
            ORDER BY i.received_at DESC, i.id DESC LIMIT ?""";
    private static final String OUTBOUND = """
            SELECT created_at, body, kind, flow_id, step_id, status, status_reason, sent_by, id
            FROM outbound_messages WHERE customer_id = ?
            UNION ALL
            SELECT created_at, body, kind, flow_id, step_id, status, status_reason, sent_by, id
            FROM outbound_messages WHERE kind = 'conversation' AND customer_id IS NULL AND to_phone = ?
            ORDER BY 9 DESC LIMIT ?""";

    private final AgroalDataSource dataSource;

    public ConversationThread(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The latest texts with the person of {@code customerId} (null: a number no customer has) or {@code phone}. */
    public List<Item> of(Long customerId, String phone, int limit) {
        List<Item> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(INBOUND)) {
                st.setObject(1, customerId, java.sql.Types.BIGINT);
                st.setString(2, phone);
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Instant at = Jdbc.getInstant(rs, 1);
                        String routed = rs.getString(3);
                        items.add(new Item(
                                at, true, Kind.TEXT, rs.getString(2), routed, null, rs.getString(4), null, null, null));
                        if (rs.getString(5) != null) {
                            items.add(new Item(
                                    at,
                                    false,
                                    Kind.AUTOMATIC,
                                    rs.getString(5),
                                    "answered",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null));
                        }
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(OUTBOUND)) {
                st.setObject(1, customerId, java.sql.Types.BIGINT);
                st.setString(2, phone);
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String sentBy = rs.getString(8);
                        Kind kind = "conversation".equals(rs.getString(3))
                                ? Kind.REPLY
                                : rs.getString(4) == null ? Kind.AUTOMATIC : Kind.FLOW;
                        items.add(new Item(
                                Jdbc.getInstant(rs, 1),
                                false,
                                kind,
                                rs.getString(2),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(4),
                                rs.getString(5),
                                sentBy,
                                rs.getLong(9)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read the thread of " + (customerId == null ? "a number" : "customer " + customerId), e);
        }
        // Oldest first, as a phone shows it; a person's text before the answer it got at the same instant.
        items.sort(Comparator.comparing(Item::at).thenComparing(i -> !i.inbound()));
        return items.size() > limit ? List.copyOf(items.subList(items.size() - limit, items.size())) : items;
    }
}
