package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refund lowers what a flow's report counts (attributed revenue, the revenue of redeemed codes, the lift's revenue
 * per person) and a cancelled order drops out of it, through PATCH /api/orders/{id}; an order that counts again comes
 * back. March 2015: the flow is this test's own, so its report holds only these orders.
 */
@QuarkusTest
class OrderChangesReportTest {

    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void refundsLowerAndCancellationsRemoveWhatTheFlowsReportCounts() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("flow");
        data.flow(f, null);
        String p = TestData.id("p");
        String q = TestData.id("q");
        long cp = data.customer(p);
        long cq = data.customer(q);
        long e = data.enrollment(f, cp, "exited", "2015-03-02T09:00:00Z", false, "completed", null);
        data.enrollment(f, cq, "held_out", "2015-03-02T09:00:00Z", false, "held_out", null);
        data.message(f, e, cp, "delivered", null, "2015-03-02T10:00:00Z", "2015-03-02T10:01:00Z");
        String code = TestData.id("CODE").toUpperCase();
        data.update("""
                INSERT INTO coupons (code, flow_id, enrollment_id, customer_id, step_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, 'hello', '2015-03-02T10:00:00Z', '2015-04-02T10:00:00Z')""", code, f, Long.toString(e), cp);
        // Both orders follow the flow's delivered text within its window: attributed, and in the lift.
        String coat = order(p, "2015-03-03T10:00:00Z", "1000.00", code);
        String socks = order(p, "2015-03-04T10:00:00Z", "500.00", null);
        JsonPath before = report(f);
        assertThat(before.getInt("funnel.attributedOrders")).isEqualTo(2);
        assertThat(before.getDouble("funnel.attributedRevenue")).isEqualTo(1500.0);
        assertThat(before.getDouble("funnel.redemptionRevenue")).isEqualTo(1000.0);
        assertThat(before.getDouble("lift.treatedRevenuePerPerson")).isEqualTo(1500.0);

        patch(coat, Map.of("refunded", "400.00")).then().statusCode(200);
        JsonPath refunded = report(f);
        assertThat(refunded.getInt("funnel.attributedOrders")).isEqualTo(2);
        assertThat(refunded.getDouble("funnel.attributedRevenue")).isEqualTo(1100.0);
        assertThat(refunded.getDouble("funnel.redemptionRevenue")).isEqualTo(600.0);
        assertThat(refunded.getDouble("lift.treatedRevenuePerPerson")).isEqualTo(1100.0);

        patch(socks, Map.of("status", "cancelled")).then().statusCode(200);
        JsonPath cancelled = report(f);
        assertThat(cancelled.getInt("funnel.attributedOrders")).isEqualTo(1);
        assertThat(cancelled.getDouble("funnel.attributedRevenue")).isEqualTo(600.0);
        assertThat(cancelled.getDouble("lift.treatedRevenuePerPerson")).isEqualTo(600.0);

        patch(socks, Map.of("status", "paid")).then().statusCode(200);
        JsonPath counted = report(f);
        assertThat(counted.getInt("funnel.attributedOrders")).isEqualTo(2);
        assertThat(counted.getDouble("funnel.attributedRevenue")).isEqualTo(1100.0);

        patch(coat, Map.of("status", "refunded")).then().statusCode(200);
        JsonPath full = report(f);
        assertThat(full.getDouble("funnel.attributedRevenue")).isEqualTo(500.0);
        assertThat(full.getDouble("funnel.redemptionRevenue")).isEqualTo(0.0);
    }

    private static String order(String customer, String placedAt, String total, String couponCode) {
        String orderId = TestData.orderId();
        Map<String, Object> body = new HashMap<>(Map.of(
                "orderId", orderId, "customerId", customer, "total", total, "currency", "NOK", "placedAt", placedAt));
        if (couponCode != null) {
            body.put("couponCode", couponCode);
        }
        given().body(body).post("/api/orders").then().statusCode(201);
        return orderId;
    }

    private static io.restassured.response.Response patch(String orderId, Map<String, Object> body) {
        return given().body(body).patch("/api/orders/" + orderId);
    }

    private static JsonPath report(String flowId) {
        return given().queryParam("from", "2015-03-01")
                .queryParam("to", "2015-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + flowId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(DOUBLES);
    }
}
