package io.comeback.inbound;

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
import java.util.Optional;

/** Texts no flow was waiting for: a person answers them and marks them handled. Newest first. */
@ApplicationScoped
public class Inbox {

    public record Item(
            long id,
            String from,
            String customerId,
            String body,
            Instant receivedAt,
            String autoReply,
            boolean handled,
            Instant handledAt,
            String handledBy) {}

    /** Which replies to list: the open ones (default), the handled ones, or both. */
    public enum Show {
        OPEN,
        HANDLED,
        ALL
    }

    private static final String SELECT = """
            SELECT i.id, i.from_phone, c.external_id, i.body, i.received_at, i.answer, i.handled_at, i.handled_by
            FROM inbound_messages i LEFT JOIN customers c ON c.id = i.customer_id
            WHERE i.routed_to = 'inbox'""";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public Inbox(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<Item> latest(int limit, Show show) {
        String filter = switch (show) {
            case OPEN -> " AND i.handled_at IS NULL";
            case HANDLED -> " AND i.handled_at IS NOT NULL";
            case ALL -> "";
        };
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(SELECT + filter + " ORDER BY i.received_at DESC, i.id DESC LIMIT ?")) {
            st.setInt(1, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inbox", e);
        }
    }

    /**
     * Marks a reply handled by {@code who}. Idempotent: the first time and person are kept.
     * Empty when no inbox reply has this id.
     */
    public Optional<Item> markHandled(long id, String who) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE inbound_messages SET handled_at = ?, handled_by = ?
                    WHERE id = ? AND routed_to = 'inbox' AND handled_at IS NULL""")) {
                Jdbc.setInstant(st, 1, clock.instant());
                st.setString(2, who);
                st.setLong(3, id);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(SELECT + " AND i.id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(item(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark inbox reply " + id + " handled", e);
        }
    }

    private static Item item(ResultSet rs) throws SQLException {
        Instant handledAt = Jdbc.getInstant(rs, 7);
        return new Item(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Jdbc.getInstant(rs, 5),
                rs.getString(6),
                handledAt != null,
                handledAt,
                rs.getString(8));
    }
}
