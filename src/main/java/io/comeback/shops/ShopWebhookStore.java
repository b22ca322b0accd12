package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored deliveries' life after they were answered: taken by a worker (leased, SKIP LOCKED, so workers of every
 * process share them and a dead process's are taken again after the lease), then applied, retried later, or set
 * aside after too many attempts, with what went wrong.
 */
@ApplicationScoped
public class ShopWebhookStore {

    /** A delivery a worker took. */
    public record Taken(long id, ShopPlatform platform, String topic, byte[] body, int attempts) {}

    /** A delivery as an operator sees it (no body). */
    public record Listed(
            long id,
            String platform,
            String topic,
            String deliveryKey,
            String status,
            int attempts,
            Instant receivedAt,
            Instant nextAttemptAt,
            String lastError,
            String outcome,
            Instant appliedAt) {}

    private static final String APPLIED = """
            UPDATE shop_webhooks SET status = 'applied', body = NULL, last_error = NULL, next_attempt_at = NULL,
                applied_at = ?, outcome = ?, customer_id = ?
            WHERE id = ? AND status = 'pending'""";
    private static final String AGAIN = """
            UPDATE shop_webhooks SET status = 'pending', next_attempt_at = ?, attempts = 0
            WHERE id = ? AND status = 'failed' AND body IS NOT NULL""";
    private static final String LIST = """
            SELECT id, platform, topic, delivery_key, status, attempts, received_at, next_attempt_at, last_error, outcome,
                   applied_at
            FROM shop_webhooks WHERE status = ? ORDER BY received_at DESC, id DESC LIMIT ?""";

    private final AgroalDataSource dataSource;
    private final OutboxLease outbox;

    public ShopWebhookStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        // Taken in the order they arrived, as far as their retries allow; order does not matter for correctness
        // (every topic is applied whatever came before), only for how soon a customer's latest state shows.
        this.outbox = new OutboxLease(
                dataSource,
                new OutboxLease.Table("shop_webhooks", "status", "attempts", "next_attempt_at", "last_error"),
                "shop webhook deliveries",
                "id, platform, topic, body, attempts");
    }

    /** Takes up to {@code limit} due deliveries, leased until {@code now + lease}. */
    public List<Taken> take(Instant now, Duration lease, int limit) {
        return outbox.take(
                now,
                lease,
                limit,
                rs -> new Taken(
                        rs.getLong(1),
                        ShopPlatform.fromWire(rs.getString(2)),
                        rs.getString(3),
                        rs.getBytes(4),
                        rs.getInt(5)));
    }

    /** In the transaction that applied it: its body goes (what it said is now in the customer's rows). */
    public void applied(Connection c, long id, Instant at, String outcome, Long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(APPLIED)) {
            Jdbc.setInstant(st, 1, at);
            st.setString(2, outcome);
            if (customerId == null) {
                st.setNull(3, java.sql.Types.BIGINT);
            } else {
                st.setLong(3, customerId);
            }
            st.setLong(4, id);
            st.executeUpdate();
        }
    }

    public void retryAt(long id, Instant at, String error) {
        outbox.retryAt(id, at, error);
    }

    public void setAside(long id, String error) {
        try (Connection c = dataSource.getConnection()) {
            outbox.giveUp(c, id, error);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set shop webhook delivery " + id + " aside", e);
        }
    }

    /** A delivery set aside is tried again from its first attempt; false when there is none such (or erased). */
    public boolean tryAgain(long id, Instant now) {
        return update(AGAIN, st -> {
                    Jdbc.setInstant(st, 1, now);
                    st.setLong(2, id);
                })
                > 0;
    }

    public List<Listed> list(String status, int limit) {
        List<Listed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(LIST)) {
            st.setString(1, status);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(listed(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list shop webhook deliveries", e);
        }
        return out;
    }

    public Optional<Listed> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        LIST.replace("WHERE status = ? ORDER BY received_at DESC, id DESC LIMIT ?", "WHERE id = ?"))) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(listed(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read shop webhook delivery " + id, e);
        }
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        return new Listed(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                Jdbc.getInstant(rs, 7),
                Jdbc.getInstant(rs, 8),
                rs.getString(9),
                rs.getString(10),
                Jdbc.getInstant(rs, 11));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update a shop webhook delivery", e);
        }
    }
}
