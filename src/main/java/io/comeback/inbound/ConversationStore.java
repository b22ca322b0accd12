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
import java.util.List;
import java.util.Optional;

/**
 * The inbox as conversations: one per number that texted something no flow was waiting for, opened by such a text
 * (again, when it was closed), read, assigned to a user and closed by people. The thread is read apart
 * ({@link ConversationThread}); this class keeps the state.
 */
@ApplicationScoped
public class ConversationStore {

    /** Whom a reply goes to, and when they last texted (a reply within a day of it is not held for quiet hours). */
    public record Recipient(long conversationId, Long customerId, String phone, Instant lastInboundAt) {}

    // Received: the row is locked by this statement until the inbound text's transaction ends, which is what
    // AutoReplyPace relies on. Reopening keeps who has the conversation.
    private static final String RECEIVED = """
            INSERT INTO conversations AS v (phone, customer_id, status, opened_at, last_inbound_at, created_at)
            VALUES (?, ?, 'open', ?, ?, ?)
            ON CONFLICT (phone) DO UPDATE SET
                customer_id = coalesce(excluded.customer_id, v.customer_id),
                opened_at = CASE WHEN v.status = 'closed' THEN excluded.opened_at ELSE v.opened_at END,
                status = 'open', closed_at = NULL, closed_by = NULL,
                last_inbound_at = greatest(v.last_inbound_at, excluded.last_inbound_at)
            RETURNING id""";
    private static final String SELECT = """
            SELECT v.id, v.phone, c.external_id, nullif(trim(concat_ws(' ', c.first_name, c.last_name)), ''), v.status,
                   v.read_at IS NULL OR v.read_at < v.last_inbound_at, v.assigned_to, v.assigned_at, v.opened_at,
                   v.last_inbound_at, last.body, v.closed_at, v.closed_by
            FROM conversations v
            LEFT JOIN customers c ON c.id = v.customer_id
            LEFT JOIN LATERAL (
                SELECT body FROM inbound_messages i WHERE i.from_phone = v.phone
                ORDER BY i.received_at DESC, i.id DESC LIMIT 1) last ON true
            """;
    // A number that became a customer's after it last texted (an import, a keyword sign-up elsewhere) is answered as
    // that customer: their consent and zone apply.
    private static final String RECIPIENT = """
            SELECT v.id, coalesce(v.customer_id,
                       (SELECT c.id FROM customers c WHERE c.phone = v.phone AND c.erased_at IS NULL LIMIT 1)),
                   v.phone, v.last_inbound_at
            FROM conversations v WHERE v.id = ?""";
    private static final String CLOSE = """
            UPDATE conversations SET status = 'closed', closed_at = ?, closed_by = ?, read_at = greatest(read_at, ?)
            WHERE id = ? AND status = 'open'
            RETURNING phone, customer_id""";
    // Closing answers every text of the person still open in the inbox (GET /api/inbox agrees with the conversation).
    private static final String HANDLED = """
            UPDATE inbound_messages SET handled_at = ?, handled_by = ?
            WHERE routed_to = 'inbox' AND handled_at IS NULL AND (from_phone = ? OR customer_id = ?)""";

    private final AgroalDataSource dataSource;

    public ConversationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A text for the inbox came from {@code phone}: its conversation, opened (or reopened). Returns its id. */
    public long received(Connection c, String phone, Long customerId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RECEIVED)) {
            st.setString(1, phone);
            st.setObject(2, customerId);
            Jdbc.setInstant(st, 3, at);
            Jdbc.setInstant(st, 4, at);
            Jdbc.setInstant(st, 5, at);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Newest text first; {@code status} empty for every conversation, {@code phone} empty for every number. */
    public List<ConversationSummary> list(Optional<ConversationStatus> status, Optional<String> phone, int limit) {
        String where = " WHERE true" + status.map(s -> " AND v.status = ?").orElse("")
                + phone.map(p -> " AND v.phone = ?").orElse("");
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement(SELECT + where + " ORDER BY v.last_inbound_at DESC, v.id DESC LIMIT ?")) {
            int i = 0;
            if (status.isPresent()) {
                st.setString(++i, status.get().wire());
            }
            if (phone.isPresent()) {
                st.setString(++i, phone.get());
            }
            st.setInt(++i, limit);
            List<ConversationSummary> found = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(ConversationSummary.of(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list conversations", e);
        }
    }

    public Optional<ConversationSummary> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(SELECT + " WHERE v.id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(ConversationSummary.of(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read conversation " + id, e);
        }
    }

    /** The open or closed conversation of a customer, if they ever texted the inbox. */
    public Optional<Long> ofCustomer(long customerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT v.id FROM conversations v WHERE v.customer_id = ?
                        ORDER BY v.last_inbound_at DESC LIMIT 1""")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up the conversation of customer " + customerId, e);
        }
    }

    public Optional<Recipient> recipient(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(RECIPIENT)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Recipient(
                                rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), Jdbc.getInstant(rs, 4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read conversation " + id, e);
        }
    }

    /** Someone opened the thread (or answered it): it is read up to now. */
    public void markRead(long id, Instant at) {
        update("UPDATE conversations SET read_at = greatest(read_at, ?) WHERE id = ?", id, at);
    }

    /** Gives the conversation to {@code user}, or to nobody (null). Empty when there is no such conversation. */
    public Optional<ConversationSummary> assign(long id, String user, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("UPDATE conversations SET assigned_to = ?, assigned_at = ? WHERE id = ?")) {
            st.setString(1, user);
            Jdbc.setInstant(st, 2, user == null ? null : at);
            st.setLong(3, id);
            if (st.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not assign conversation " + id, e);
        }
        return find(id);
    }

    /**
     * Closes it, and marks the person's texts still open in the inbox handled by the same person. Closing a closed
     * conversation changes nothing (the first close is kept). Empty when there is no such conversation.
     */
    public Optional<ConversationSummary> close(long id, String by, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(CLOSE)) {
                Jdbc.setInstant(st, 1, at);
                st.setString(2, by);
                Jdbc.setInstant(st, 3, at);
                st.setLong(4, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        try (PreparedStatement handled = c.prepareStatement(HANDLED)) {
                            Jdbc.setInstant(handled, 1, at);
                            handled.setString(2, by);
                            handled.setString(3, rs.getString(1));
                            handled.setObject(4, rs.getObject(2));
                            handled.executeUpdate();
                        }
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close conversation " + id, e);
        }
        return find(id);
    }

    private void update(String sql, long id, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            Jdbc.setInstant(st, 1, at);
            st.setLong(2, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update conversation " + id, e);
        }
    }
}
