package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.support.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The codes waiting to be created at the shop (coupons with {@code shop_status} pending, V274): taken with SKIP
 * LOCKED under a lease, then created (their held texts are released), tried again later, or given up (their texts
 * are blocked: none leaves with a code that does not work at the checkout).
 */
@ApplicationScoped
public class ShopCodeStore {

    /** A code given up on, as the flow's page lists it. */
    public record FailedCode(String code, Instant issuedAt, int attempts, String error) {}

    private static final String CREATED = """
            UPDATE coupons SET shop_status = 'created', shop_reference = ?, shop_created_at = ?, shop_error = NULL,
                shop_next_attempt_at = NULL
            WHERE id = ? AND shop_status = 'pending'""";
    // Texts the dispatcher held back for this code may leave now.
    private static final String RELEASE = """
            UPDATE outbound_messages SET not_before = ?, status_reason = NULL
            WHERE coupon_code = ? AND status = 'pending' AND status_reason = 'waiting_for_code'""";
    private static final String BLOCK = """
            UPDATE outbound_messages SET status = 'blocked', status_reason = 'code_not_created', status_at = ?
            WHERE coupon_code = ? AND status = 'pending' AND strpos(body, coupon_code) > 0""";
    private static final String FAILED_OF_FLOW = """
            SELECT code, issued_at, shop_attempts, shop_error FROM coupons WHERE flow_id = ? AND shop_status = 'failed'
            ORDER BY issued_at DESC, id DESC LIMIT ?""";
    private static final String FAILED_COUNT =
            "SELECT count(*) FROM coupons WHERE flow_id = ? AND shop_status = 'failed'";

    private final AgroalDataSource dataSource;
    private final OutboxLease outbox;

    public ShopCodeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.outbox = new OutboxLease(
                dataSource,
                new OutboxLease.Table("coupons", "shop_status", "shop_attempts", "shop_next_attempt_at", "shop_error"),
                "codes to create at the shop",
                "id, code, flow_id, shop_platform, discount_percent, discount_amount, issued_at, expires_at, shop_attempts");
    }

    public List<ShopCode> take(Instant now, Duration lease, int limit) {
        return outbox.take(
                now,
                lease,
                limit,
                rs -> new ShopCode(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        Jdbc.getInstant(rs, 7),
                        Jdbc.getInstant(rs, 8),
                        rs.getInt(9)));
    }

    /** The code exists at the shop: so may the texts that name it, at once. */
    public void created(ShopCode code, String reference, Instant now) {
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(CREATED)) {
                st.setString(1, reference);
                Jdbc.setInstant(st, 2, now);
                st.setLong(3, code.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(RELEASE)) {
                Jdbc.setInstant(st, 1, now);
                st.setString(2, code.code());
                st.executeUpdate();
            }
        });
    }

    public void retryAt(ShopCode code, Instant at, String reason) {
        outbox.retryAt(code.id(), at, reason);
    }

    /** Given up: the texts naming it are blocked, and the flow's page shows it. */
    public void failed(ShopCode code, String reason, Instant now) {
        inTransaction(c -> {
            outbox.giveUp(c, code.id(), reason);
            try (PreparedStatement st = c.prepareStatement(BLOCK)) {
                Jdbc.setInstant(st, 1, now);
                st.setString(2, code.code());
                st.executeUpdate();
            }
        });
    }

    public long failedCount(String flowId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(FAILED_COUNT)) {
            st.setString(1, flowId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the codes the shop did not create", e);
        }
    }

    public List<FailedCode> latestFailed(String flowId, int limit) {
        List<FailedCode> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(FAILED_OF_FLOW)) {
            st.setString(1, flowId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FailedCode(rs.getString(1), Jdbc.getInstant(rs, 2), rs.getInt(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the codes the shop did not create", e);
        }
        return out;
    }

    private void inTransaction(Transactions.Steps steps) {
        Transactions.run(dataSource, "Could not record a shop code's outcome", steps);
    }
}
