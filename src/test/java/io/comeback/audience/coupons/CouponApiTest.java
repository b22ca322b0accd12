package io.comeback.audience.coupons;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.run.CouponCodes;
import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Unique coupon codes per enrollment, and orders carrying them attributed to the flow (API and CSV import). */
@QuarkusTest
class CouponApiTest {

    static final Instant SENT = Instant.parse("2026-03-10T09:00:00Z");

    @Inject
    CouponService coupons;

    @Inject
    AgroalDataSource dataSource;

    private static String uniquePrefix() {
        return "T" + TestData.letters().toUpperCase(java.util.Locale.ROOT);
    }

    private static CouponSpec spec(String prefix, int length) {
        return new CouponSpec(prefix, length, FlowDuration.of("P14D"), SourceLocation.UNKNOWN);
    }

    private CouponService.Issued issue(String enrollment, CouponSpec spec) {
        return QuarkusTransaction.requiringNew()
                .call(() -> coupons.issue("winback", enrollment, 1L, "offer", spec, SENT, ZoneId.of("Europe/Oslo")));
    }

    @Test
    void anEnrollmentKeepsItsCodeWhichHasTheSpecsShapeAndExpiry() {
        String prefix = uniquePrefix();
        String enrollment = TestData.id("enr");
        CouponService.Issued first = issue(enrollment, spec(prefix, 6));
        assertThat(first.code()).matches(prefix + "[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}");
        // 10 March 10:00 in Oslo + 14 days = 24 March 10:00 (still winter time) = 09:00Z.
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-03-24T09:00:00Z"));
        assertThat(issue(enrollment, spec(prefix, 6))).isEqualTo(first);
        CouponCodes forRuntime = coupons.forEnrollment(enrollment, 1L, SENT, ZoneId.of("Europe/Oslo"));
        String again = QuarkusTransaction.requiringNew()
                .call(() -> forRuntime.issue(
                        spec(prefix, 6), new CouponCodes.CouponRequest("winback", "someone", "reminder")));
        assertThat(again).isEqualTo(first.code());
    }

    @Test
    void concurrentEnrollmentsDrawingFromATinyCodeSpaceEachGetADistinctCode() throws Exception {
        // One character after the prefix: 31 possible codes for 20 enrollments, so draws collide often.
        String prefix = uniquePrefix();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String enrollment = TestData.id("race");
            codes.add(pool.submit(() -> issue(enrollment, spec(prefix, 1)).code()));
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> code : codes) {
            distinct.add(code.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(20);
    }

    @Test
    void ordersCarryingTheCodeAreAttributedToTheFlowOnceWhetherPostedOrImported() throws Exception {
        String customer = TestData.id("coupon");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        long customerId = QuarkusTransaction.requiringNew()
                .call(() -> Customer.findLiving(customer).orElseThrow().id);
        String code = issue(TestData.id("enr"), spec(uniquePrefix(), 6)).code();
        String late = issue(TestData.id("enr"), spec(uniquePrefix(), 6)).code();

        Map<String, Object> order = Map.of(
                "orderId",
                customer + "-1",
                "customerId",
                customer,
                "total",
                "300",
                "currency",
                "NOK",
                "placedAt",
                "2026-03-12T12:00:00Z",
                "couponCode",
                " " + code.toLowerCase() + " ");
        given().body(order).post("/api/orders").then().statusCode(201);
        given().body(order).post("/api/orders").then().statusCode(200);
        String csv = "orderId,customerId,total,currency,placedAt,couponCode\n"
                + customer + "-2," + customer + ",200,NOK,2026-04-30T12:00:00Z," + late + "\n"
                + customer + "-3," + customer + ",100,NOK,2026-03-13T12:00:00Z,NOT-A-CODE\n";
        Api.csv(csv).post("/api/import/orders").then().statusCode(200);

        assertThat(redemptions(customerId))
                .containsExactly(
                        code + " winback 300.00 valid",
                        // Expired on 24 March: still the flow's, marked as outside its validity.
                        late + " winback 200.00 expired");
    }

    private List<String> redemptions(long customerId) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT k.code || ' ' || r.flow_id || ' ' || r.total || ' ' || CASE WHEN r.within_validity THEN 'valid' ELSE 'expired' END
                FROM coupon_redemptions r JOIN coupons k ON k.id = r.coupon_id WHERE r.customer_id = ? ORDER BY r.placed_at""")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
