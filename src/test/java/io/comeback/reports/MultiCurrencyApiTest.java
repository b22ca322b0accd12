package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Orders in several currencies count in the reporting currency (NOK; the test profile's euro rate is 11.50): the
 * customer's facts, RFM and a flow's report sum converted amounts, a refund in euros lowers revenue by its converted
 * amount, and an order in a currency without a rate is refused, naming {@code currency}, with nothing stored.
 */
@QuarkusTest
class MultiCurrencyApiTest {

    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCustomerWithEuroAndKroneOrdersHasFactsAndRfmInKroner() {
        // At least one ordering customer, so there are cut points however the tests are ordered.
        order(customer(), Instant.now().minus(Duration.ofDays(10)), "1000.00", "NOK", null);
        JsonPath cuts = given().post("/api/rfm/recompute")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<BigDecimal> monetary = decimals(cuts.getList("monetary"));
        // Euros whose value in kroner is above every monetary cut point: the customer scores 5 only if converted.
        BigDecimal euros = monetary.get(3)
                .divide(new BigDecimal("11.50"), 0, RoundingMode.CEILING)
                .add(BigDecimal.ONE);
        String customer = customer();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String euroOrder = order(customer, now.minus(Duration.ofDays(2)), euros.toPlainString() + ".00", "EUR", null);
        order(customer, now.minus(Duration.ofDays(1)), "100.00", "NOK", null);
        BigDecimal kroner = euros.multiply(new BigDecimal("11.50")).add(new BigDecimal("100.00"));
        assertThat(rank(monetary, euros.add(new BigDecimal("100"))))
                .as("the unconverted sum would score lower (else this population cannot tell them apart)")
                .isLessThan(5);

        JsonPath view = given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(DOUBLES);
        assertThat(view.getInt("facts.ordersCount")).isEqualTo(2);
        assertThat(view.getDouble("facts.totalSpent")).isEqualTo(kroner.doubleValue());
        assertThat(view.getDouble("facts.averageOrderValue"))
                .isEqualTo(kroner.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP)
                        .doubleValue());
        assertThat(view.getString("facts.currency")).isEqualTo("NOK");
        assertThat(view.getInt("rfm.monetary"))
                .isEqualTo(rank(monetary, kroner))
                .isEqualTo(5);

        // The order keeps its own amount and currency; what it counts is beside it.
        given().get("/api/orders/" + euroOrder)
                .then()
                .statusCode(200)
                .body("total", equalTo(euros.floatValue()))
                .body("currency", equalTo("EUR"))
                .body(
                        "counted.total",
                        equalTo(euros.multiply(new BigDecimal("11.50")).floatValue()))
                .body("counted.currency", equalTo("NOK"))
                .body("counted.rate", equalTo(11.5f));
    }

    @Test
    void aFlowsRevenueAddsMixedCurrenciesInKronerAndAEuroRefundLowersItByItsValueInKroner() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("flow");
        data.flow(f, null);
        String p = TestData.id("p");
        long cp = data.customer(p);
        long e = data.enrollment(f, cp, "exited", "2013-03-02T09:00:00Z", false, "completed", null);
        data.enrollment(
                f, data.customer(TestData.id("q")), "held_out", "2013-03-02T09:00:00Z", false, "held_out", null);
        data.message(f, e, cp, "delivered", null, "2013-03-02T10:00:00Z", "2013-03-02T10:01:00Z");
        String code = TestData.id("CODE").toUpperCase();
        data.update("""
                INSERT INTO coupons (code, flow_id, enrollment_id, customer_id, step_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, 'hello', '2013-03-02T10:00:00Z', '2013-04-02T10:00:00Z')""", code, f, Long.toString(e), cp);
        String coat = order(p, Instant.parse("2013-03-03T10:00:00Z"), "100.00", "EUR", code); // 1150.00 NOK
        order(p, Instant.parse("2013-03-04T10:00:00Z"), "500.00", "NOK", null);

        JsonPath before = report(f);
        assertThat(before.getInt("funnel.attributedOrders")).isEqualTo(2);
        assertThat(before.getDouble("funnel.attributedRevenue")).isEqualTo(1650.0);
        assertThat(before.getDouble("funnel.redemptionRevenue")).isEqualTo(1150.0);
        assertThat(before.getDouble("lift.treatedRevenuePerPerson")).isEqualTo(1650.0);
        assertThat(loyaltyRevenue()).isEqualTo(1650.0);

        // 40 euros back: 460 kroner less.
        given().body(Map.of("refunded", "40.00"))
                .patch("/api/orders/" + coat)
                .then()
                .statusCode(200)
                .body("total", equalTo(100.0f))
                .body("refunded", equalTo(40.0f))
                .body("currency", equalTo("EUR"))
                .body("counted.total", equalTo(690.0f))
                .body("counted.refunded", equalTo(460.0f));
        JsonPath refunded = report(f);
        assertThat(refunded.getDouble("funnel.attributedRevenue")).isEqualTo(1190.0);
        assertThat(refunded.getDouble("funnel.redemptionRevenue")).isEqualTo(690.0);
        assertThat(refunded.getDouble("lift.treatedRevenuePerPerson")).isEqualTo(1190.0);
        assertThat(loyaltyRevenue()).isEqualTo(1190.0);
        given().get("/api/customers/" + p).then().body("facts.totalSpent", equalTo(1190.0f));
    }

    @Test
    void anOrderInACurrencyWithoutARateIsRefusedNamingTheCurrency() {
        String customer = customer();
        String orderId = TestData.orderId();
        given().body(Map.of(
                        "orderId", orderId,
                        "customerId", customer,
                        "total", "5000",
                        "currency", "JPY",
                        "placedAt", "2026-01-01T10:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("currency"))
                .body("errors[0].message", containsString("no exchange rate from JPY into the reporting currency NOK"))
                .body("errors[0].message", containsString("comeback.money.rates.JPY"));
        given().get("/api/orders/" + orderId).then().statusCode(404);
        given().get("/api/customers/" + customer).then().body("facts.ordersCount", equalTo(0));

        String file = String.join(
                "\r\n",
                "orderId,customerId,total,currency,placedAt,couponCode",
                TestData.orderId() + "," + customer + ",5000,JPY,2026-01-01T10:00:00Z,",
                TestData.orderId() + "," + customer + ",10.00,EUR,2026-01-02T10:00:00Z,",
                "");
        Api.csv(file)
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("rejected.line", equalTo(List.of(2)))
                .body("rejected[0].field", equalTo("currency"))
                .body("rejected[0].reason", containsString("JPY"));
        given().get("/api/customers/" + customer).then().body("facts.totalSpent", equalTo(115.0f));
    }

    private static String customer() {
        String id = TestData.id("money");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static String order(String customer, Instant placedAt, String total, String currency, String code) {
        String orderId = TestData.orderId();
        Map<String, Object> body = new HashMap<>(Map.of(
                "orderId", orderId,
                "customerId", customer,
                "total", total,
                "currency", currency,
                "placedAt", placedAt.toString()));
        if (code != null) {
            body.put("couponCode", code);
        }
        given().body(body).post("/api/orders").then().statusCode(201);
        return orderId;
    }

    private static JsonPath report(String flowId) {
        return given().queryParam("from", "2013-03-01")
                .queryParam("to", "2013-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + flowId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(DOUBLES);
    }

    /** March 2013 holds only this test's orders. */
    private static double loyaltyRevenue() {
        return given().queryParam("from", "2013-03-01")
                .queryParam("to", "2013-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(DOUBLES)
                .getDouble("total.revenue");
    }

    private static int rank(List<BigDecimal> cuts, BigDecimal value) {
        return 1 + (int) cuts.stream().filter(c -> c.compareTo(value) < 0).count();
    }

    private static List<BigDecimal> decimals(List<Object> values) {
        return values.stream().map(v -> new BigDecimal(v.toString())).toList();
    }
}
