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

/**
 * The codes waiting to be created at the shop (coupons with {@code shop_status} pending, V274): taken with SKIP
 * LOCKED under a lease, then created (their held texts are released), tried again later, or given up (their texts
 * are blocked: none leaves with a code that does not work at the checkout).
 */
@ApplicationScoped
public class ShopCodeStore {

    /** A code given up on, as the flow's page lists it. */
    public record FailedCode(String code, Instant issuedAt, int attempts, String error) {}

    private static final String TAKE = """
            UPDATE coupons k SET shop_attempts = k.shop_attempts + 1, shop_next_attempt_at = ?
            WHERE k.id = ANY(ARRAY(SELECT id FROM coupons WHERE shop_status = 'pending' AND shop_next_attempt_at <= ?
                                   ORDER BY shop_next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED))
            RETURNING k.id, k.code, k.flow_id, k.shop_platform, k.discount_percent, k.discount_amount, k.issued_at,
                      k.expires_at, k.shop_attempts""";
    private static final String CREATED = """
            UPDATE coupons SET shop_status = 'created', shop_reference = ?, shop_created_at = ?, shop_error = NULL,
                shop_next_attempt_at = NULL
            WHERE id = ? AND shop_status = 'pending'""";
    // Texts the dispatcher held back for this code may leave now.
    private static final String RELEASE = """
            UPDATE outbound_messages SET not_before = ?, status_reason = NULL
            WHERE coupon_code = ? AND status = 'pending' AND status_reason = 'waiting_for_code'""";
    private static final String RETRY = """
            UPDATE coupons SET shop_next_attempt_at = ?, shop_error = ? WHERE id = ? AND shop_status = 'pending'""";
    private static final String FAILED = """
            UPDATE coupons SET shop_status = 'failed', shop_error = ?, shop_next_attempt_at = NULL
            WHERE id = ? AND shop_status = 'pending'""";
    private static final String BLOCK = """
            UPDATE outbound_messages SET status = 'blocked', status_reason = 'code_not_created', status_at = ?
            WHERE coupon_code = ? AND status = 'pending' AND strpos(body, coupon_code) > 0""";
    private static final String FAILED_OF_FLOW = """
            SELECT code, issued_at, shop_attempts, shop_error FROM coupons WHERE flow_id = ? AND shop_status = 'failed'
            ORDER BY issued_at DESC, id DESC LIMIT ?""";
    private static final String FAILED_COUNT =
            "SELECT count(*) FROM coupons WHERE flow_id = ? AND shop_status = 'failed'";

    private final AgroalDataSource dataSource;

    public ShopCodeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ShopCode> take(Instant now, Duration lease, int limit) {
        List<ShopCode> taken = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(TAKE)) {
            Jdbc.setInstant(st, 1, now.plus(lease));
            Jdbc.setInstant(st, 2, now);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taken.add(new ShopCode(
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take codes to create at the shop", e);
        }
        return taken;
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
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(RETRY)) {
                Jdbc.setInstant(st, 1, at);
                st.setString(2, reason);
                st.setLong(3, code.id());
                st.executeUpdate();
            }
        });
    }

    /** Given up: the texts naming it are blocked, and the flow's page shows it. */
    public void failed(ShopCode code, String reason, Instant now) {
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(FAILED)) {
                st.setString(1, reason);
                st.setLong(2, code.id());
                st.executeUpdate();
            }
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

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a shop code's outcome", e);
        }
    }
}
