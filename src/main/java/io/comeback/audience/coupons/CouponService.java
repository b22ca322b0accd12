package io.comeback.audience.coupons;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.run.CouponCodes;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Issues the unique code of an enrollment. The database decides uniqueness: a code is inserted
 * with {@code ON CONFLICT DO NOTHING}, and when nothing was inserted either this enrollment
 * already has its code (a retried or concurrent step: that code is returned) or another
 * enrollment holds the code drawn (a new one is drawn). Callers provide the transaction.
 */
@ApplicationScoped
public class CouponService {

    /** With 4+ characters of a 31-letter alphabet a collision is rare; this bounds a pathological run. */
    static final int ATTEMPTS = 100;

    // With a shop connected the code is pending there until created (V274): the shop-code outbox creates it, and
    // texts naming it wait for that.
    private static final String INSERT = """
            INSERT INTO coupons (code, flow_id, enrollment_id, customer_id, step_id, issued_at, expires_at,
                                 discount_percent, discount_amount, shop_platform, shop_status, shop_next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::text IS NULL THEN NULL ELSE 'pending' END,
                    CASE WHEN ?::text IS NULL THEN NULL ELSE ?::timestamptz END)
            ON CONFLICT DO NOTHING
            RETURNING code, expires_at""";

    private static final String EXISTING =
            "SELECT code, expires_at FROM coupons WHERE flow_id = ? AND enrollment_id = ?";

    public record Issued(String code, Instant expiresAt) {}

    private final AgroalDataSource dataSource;
    private final CouponCodeGenerator generator;
    private final CouponShops shops;

    public CouponService(AgroalDataSource dataSource, CouponCodeGenerator generator, CouponShops shops) {
        this.dataSource = dataSource;
        this.generator = generator;
        this.shops = shops;
    }

    /** The code for this enrollment: issued now, or the one it already has. Expires {@code validFor} after {@code now} in the customer's zone. */
    public Issued issue(
            String flowId,
            String enrollmentId,
            long customerId,
            String stepId,
            CouponSpec spec,
            Instant now,
            ZoneId zone) {
        Instant expires = spec.validFor().addTo(now, zone);
        String shop = shops.connected().orElse(null);
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Optional<Issued> inserted = insert(
                        connection,
                        generator.code(spec.prefix(), spec.length()),
                        new Issue(flowId, enrollmentId, customerId, stepId, now, expires, spec, shop));
                if (inserted.isPresent()) {
                    return inserted.get();
                }
                Optional<Issued> existing = existing(connection, flowId, enrollmentId);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not issue a coupon for enrollment " + enrollmentId, e);
        }
        throw new IllegalStateException("No free coupon code with prefix " + spec.prefix() + " and " + spec.length()
                + " characters after " + ATTEMPTS + " attempts; use a longer code");
    }

    /**
     * A {@link CouponCodes} for one enrollment, for the flow interpreter: its requests name flow,
     * customer and step, the enrollment and the instant come from the runtime.
     */
    public CouponCodes forEnrollment(String enrollmentId, long customerId, Instant now, ZoneId zone) {
        return (spec, request) -> issue(request.flowId(), enrollmentId, customerId, request.stepId(), spec, now, zone)
                .code();
    }

    /** What a code is issued for. */
    private record Issue(
            String flowId,
            String enrollmentId,
            long customerId,
            String stepId,
            Instant now,
            Instant expires,
            CouponSpec spec,
            String shop) {}

    private static Optional<Issued> insert(Connection connection, String code, Issue issue) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(INSERT)) {
            st.setString(1, code);
            st.setString(2, issue.flowId());
            st.setString(3, issue.enrollmentId());
            st.setLong(4, issue.customerId());
            st.setString(5, issue.stepId());
            Jdbc.setInstant(st, 6, issue.now());
            Jdbc.setInstant(st, 7, issue.expires());
            CouponSpec.Discount discount = issue.spec().discount().orElse(null);
            st.setBigDecimal(8, discount != null && discount.percent() ? discount.value() : null);
            st.setBigDecimal(9, discount != null && !discount.percent() ? discount.value() : null);
            st.setString(10, issue.shop());
            st.setString(11, issue.shop());
            st.setString(12, issue.shop());
            Jdbc.setInstant(st, 13, issue.now());
            return read(st);
        }
    }

    private static Optional<Issued> existing(Connection connection, String flowId, String enrollmentId)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(EXISTING)) {
            st.setString(1, flowId);
            st.setString(2, enrollmentId);
            return read(st);
        }
    }

    private static Optional<Issued> read(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next()
                    ? Optional.of(new Issued(
                            rs.getString(1),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                    : Optional.empty();
        }
    }
}
