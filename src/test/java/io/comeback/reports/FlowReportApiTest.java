package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.imports.OrderFactFolds;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A flow's funnel and lift on hand-built history (flows with unique ids, in March 1993 and May 1994,
 * years no other test writes), every expected value worked out by hand below.
 */
@QuarkusTest
class FlowReportApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void funnelCountsEachStepAndAttributesEachOrderOnceToTheLastTouch() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("rpt-f");
        String g = TestData.id("rpt-g");
        data.flow(f, "P5D");
        data.flow(g, null);
        String p1 = TestData.id("p1"),
                p2 = TestData.id("p2"),
                p3 = TestData.id("p3"),
                p4 = TestData.id("p4"),
                p5 = TestData.id("p5"),
                p6 = TestData.id("p6");
        long c1 = data.customer(p1),
                c2 = data.customer(p2),
                c3 = data.customer(p3),
                c4 = data.customer(p4),
                c5 = data.customer(p5),
                c6 = data.customer(p6);

        // Enrollments of F: four entered in March (e1 converted, e3 left by opting out), one held out,
        // one entered in February (not in the period). → entered 4, held out 1, converted 1.
        long e1 =
                data.enrollment(f, c1, "exited", "1993-03-02T09:00:00Z", true, "goal_reached", "1993-03-03T10:00:00Z");
        long e2 = data.enrollment(f, c2, "exited", "1993-03-02T09:00:00Z", false, "completed", null);
        long e3 = data.enrollment(f, c3, "exited", "1993-03-03T09:00:00Z", false, "opted_out", "1993-03-04T09:00:00Z");
        data.enrollment(f, c4, "held_out", "1993-03-03T09:00:00Z", false, "held_out", null);
        long e5 = data.enrollment(f, c5, "exited", "1993-02-20T09:00:00Z", false, "completed", null);
        long e6 = data.enrollment(f, c6, "exited", "1993-03-10T09:00:00Z", false, "completed", null);

        // F's texts. Reached the provider in March: m1, m2, m3, m4, m8, m9 = 6 sent; delivered m1, m2, m9 = 3;
        // failed m3 (30003) + m4 (30005) + m5 (refused, no code) = 3. m6 is February's, m7 was blocked by the gate.
        data.message(f, e1, c1, "delivered", null, "1993-03-02T10:00:00Z", "1993-03-02T10:01:00Z"); // m1
        data.message(f, e2, c2, "delivered", null, "1993-03-02T10:00:00Z", "1993-03-02T10:01:00Z"); // m2
        data.message(f, e3, c3, "failed", "30003", "1993-03-03T10:00:00Z", "1993-03-03T10:01:00Z"); // m3
        data.message(f, e3, c3, "undelivered", "30005", "1993-03-03T11:00:00Z", "1993-03-03T11:01:00Z"); // m4
        data.message(f, e2, c2, "refused", null, "1993-03-05T10:00:00Z", "1993-03-05T10:00:00Z"); // m5
        data.message(f, e5, c5, "delivered", null, "1993-02-27T12:00:00Z", "1993-02-27T12:00:30Z"); // m6
        data.message(f, e1, c1, "blocked", null, "1993-03-06T10:00:00Z", "1993-03-06T10:00:00Z"); // m7
        data.message(f, e1, c1, "sent", null, "1993-03-10T10:00:00Z", "1993-03-10T10:00:05Z"); // m8: no receipt
        data.message(f, e6, c6, "delivered", null, "1993-03-10T10:00:00Z", "1993-03-10T10:00:30Z"); // m9
        // Flow G texts P2 later than F did.
        data.message(g, null, c2, "delivered", null, "1993-03-04T12:00:00Z", "1993-03-04T12:00:30Z");

        // Orders in March:
        //   P1 03-03 100: last delivered text m1 (F, 03-02) one day before → F.
        //   P2 03-05 200: last delivered text is G's (03-04), later than F's m2 → G, not F (counted once).
        //   P1 03-20 300: last delivered text m1, 18 days before (m8 never delivered) → outside F's 5 days.
        //   P5 03-01 50: m6 (F, 02-27) two days before; the text was in February, the order in March → F.
        //   P6 03-18 40: m9 (F, 03-10) 8 days before, but P6 clicked on 03-14 (4 days after m9, so F's
        //               click), and the order is 4 days after the click → F.
        data.order(p1, "1993-03-03T10:00:00Z", "100.00");
        data.order(p2, "1993-03-05T10:00:00Z", "200.00");
        String redeemed = data.order(p1, "1993-03-20T10:00:00Z", "300.00");
        data.order(p5, "1993-03-01T10:00:00Z", "50.00");
        data.click(c6, "1993-03-14T10:00:00Z");
        data.order(p6, "1993-03-18T10:00:00Z", "40.00");
        // P2's click on 03-20: the last text before it is G's, so it is not F's (and, 16 days after it,
        // not G's either).
        data.click(c2, "1993-03-20T10:00:00Z");
        // → attributed to F: 3 orders, 100 + 50 + 40 = 190.00; clicked: 1.
        // The 300.00 order redeemed F's code: a redemption, counted apart from attribution.
        data.redemption(f, c1, redeemed, "1993-03-20T10:00:00Z", "300.00");

        // Replies: P1 twice and P2 once to F's enrollments → 2 people; P3's text went to the inbox → not F's.
        data.inbound(c1, e1, "enrollment", "1993-03-02T11:00:00Z");
        data.inbound(c1, e1, "enrollment", "1993-03-03T11:00:00Z");
        data.inbound(c2, e2, "enrollment", "1993-03-03T11:00:00Z");
        data.inbound(c3, null, "inbox", "1993-03-03T12:00:00Z");

        // Opt-outs: P1 three days after F's m1 → F's; P3 left F by opting out (and its consent event); P2 on
        // 03-25, three weeks after F's last text to them → not F's. → 2 people.
        data.optOut(c1, "1993-03-05T10:00:00Z");
        data.optOut(c3, "1993-03-04T09:00:00Z");
        data.optOut(c2, "1993-03-25T10:00:00Z");

        // Erased, as a shop may do meanwhile: reports still count them (and other tests' inactivity counts,
        // which skip erased customers, do not see these 1993 histories).
        for (String erased : new String[] {p1, p2, p3, p4, p5, p6}) {
            given().delete("/api/customers/" + erased).then().statusCode(204);
        }

        JsonPath report = given().queryParam("from", "1993-03-01")
                .queryParam("to", "1993-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + f)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(report.getString("flowId")).isEqualTo(f);
        assertThat(report.getString("from")).isEqualTo("1993-03-01T00:00:00Z");
        assertThat(report.getString("attributionWindow")).isEqualTo("PT120H");
        Map<String, Object> funnel = report.getMap("funnel");
        assertThat(funnel)
                .containsEntry("entered", 5)
                .containsEntry("treated", 4)
                .containsEntry("heldOut", 1)
                .containsEntry("converted", 1)
                .containsEntry("sent", 6)
                .containsEntry("delivered", 3)
                .containsEntry("failed", 3)
                .containsEntry("failedByError", Map.of("30003", 1, "30005", 1, "none", 1))
                .containsEntry("replied", 2)
                .containsEntry("clicked", 1)
                .containsEntry("optedOut", 2)
                .containsEntry("attributedOrders", 3)
                .containsEntry("redemptions", 1);
        assertThat(report.getDouble("funnel.attributedRevenue")).isEqualTo(190.00);
        assertThat(report.getDouble("funnel.redemptionRevenue")).isEqualTo(300.00);

        // Flow G (default window, P5D): P2's 03-05 order, one day after G's text.
        JsonPath other = given().queryParam("from", "1993-03-01")
                .queryParam("to", "1993-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + g)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(other.getString("attributionWindow"))
                .as("the default window")
                .isEqualTo("PT120H");
        assertThat(other.getInt("funnel.attributedOrders")).isEqualTo(1);
        assertThat(other.getDouble("funnel.attributedRevenue")).isEqualTo(200.00);
        assertThat(other.getInt("funnel.clicked"))
                .as("P2's click came after G's window")
                .isZero();
        assertThat(other.getString("lift")).as("nobody held out").isNull();

        // The same figures as CSV, by Accept header and by ?format=csv.
        String csv = given().header("Accept", "text/csv")
                .queryParam("from", "1993-03-01")
                .queryParam("to", "1993-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + f)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header(
                        "Content-Disposition",
                        equalTo("attachment; filename=\"flow-" + f + "_1993-03-01_1993-04-01.csv\""))
                .extract()
                .asString();
        assertThat(csv.split("\r\n")[0]).isEqualTo("flow,from,to,figure,value");
        assertThat(csv)
                .contains(f + ",1993-03-01T00:00:00Z,1993-04-01T00:00:00Z,sent,6\r\n")
                .contains(",failed_error_30003,1\r\n")
                .contains(",failed_error_none,1\r\n")
                .contains(",attributed_orders,3\r\n")
                .contains(",attributed_revenue,190.00\r\n")
                .contains(",redemption_revenue,300.00\r\n");
        String byParameter = given().queryParam("format", "csv")
                .queryParam("from", "1993-03-01")
                .queryParam("to", "1993-04-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/flows/" + f)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(byParameter).isEqualTo(csv);
    }

    @Test
    void liftComparesTreatedWithHeldOutEntrantsWithAConfidenceInterval() throws SQLException {
        ReportData data = new ReportData(dataSource);
        String flow = TestData.id("rpt-lift");
        data.flow(flow, null);
        // 100 treated and 50 held out, entered on 1994-05-02. Converted = an order after entry and within
        // 30 days (the flow's window, P5D, is shorter): 20 treated, 5 held out, each order 100.00.
        // Noise that must not convert: a treated customer ordering 40 days after entry, a held-out one the
        // day before entry. (Inserted as erased customers: out of other tests' inactivity counts.)
        String prefix = TestData.id("lift");
        data.update("""
                INSERT INTO customers (external_id, time_zone, erased_at)
                SELECT ? || '-' || n, 'UTC', TIMESTAMPTZ '1994-07-01 00:00Z' FROM generate_series(1, 150) n""", prefix);
        data.update("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason)
                SELECT ?, 'v1', c.id, CASE WHEN n <= 100 THEN 'exited' ELSE 'held_out' END,
                       TIMESTAMPTZ '1994-05-02 09:00Z', TIMESTAMPTZ '1994-05-02 09:00Z', 'completed'
                FROM generate_series(1, 150) n JOIN customers c ON c.external_id = ? || '-' || n""", flow, prefix);
        // Orders written straight into the table get their customers' facts (which loyalty figures read, and which
        // erasure keeps) as the service gives them to orders an import stored without folding: registered first,
        // folded by its recovery after.
        data.update("INSERT INTO order_fact_folds (from_order_id) SELECT coalesce(max(id), 0) FROM orders");
        data.update("""
                INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
                SELECT ? || '-o' || n, c.id, 100.00, 100.00, 'NOK', 1, TIMESTAMPTZ '1994-05-02 09:00Z' + make_interval(days => n % 20 + 1)
                FROM generate_series(1, 150) n JOIN customers c ON c.external_id = ? || '-' || n
                WHERE n <= 20 OR n BETWEEN 101 AND 105""", prefix, prefix);
        data.update("""
                INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
                SELECT ? || '-late', c.id, 100.00, 100.00, 'NOK', 1, TIMESTAMPTZ '1994-06-11 09:00Z'
                FROM customers c WHERE c.external_id = ? || '-50'
                UNION ALL
                SELECT ? || '-early', c.id, 100.00, 100.00, 'NOK', 1, TIMESTAMPTZ '1994-05-01 09:00Z'
                FROM customers c WHERE c.external_id = ? || '-120'""", prefix, prefix, prefix, prefix);
        try (Connection c = dataSource.getConnection()) {
            OrderFactFolds.recoverAbandoned(c, io.comeback.audience.imports.ImportFollowUp.NONE);
        }

        JsonPath lift = given().queryParam("from", "1994-05-01T00:00:00Z")
                .queryParam("to", "1994-06-01T00:00:00Z")
                .get("/api/reports/flows/" + flow)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("lift");

        // treated 20/100 = 0.20, held out 5/50 = 0.10, difference 0.10.
        // SE = sqrt(0.2·0.8/100 + 0.1·0.9/50) = sqrt(0.0016 + 0.0018) = sqrt(0.0034) = 0.0583095
        // 95% CI = 0.10 ± 1.959964 · 0.0583095 = 0.10 ± 0.1142846 = [-0.0142846, 0.2142846] → includes 0.
        // Revenue per person: 20 · 100.00 / 100 = 20.00 treated, 5 · 100.00 / 50 = 10.00 held out.
        assertThat(lift.getInt("treated")).isEqualTo(100);
        assertThat(lift.getInt("treatedConverted")).isEqualTo(20);
        assertThat(lift.getInt("holdout")).isEqualTo(50);
        assertThat(lift.getInt("holdoutConverted")).isEqualTo(5);
        assertThat(lift.getDouble("treatedRate")).isCloseTo(0.20, within(1e-9));
        assertThat(lift.getDouble("holdoutRate")).isCloseTo(0.10, within(1e-9));
        assertThat(lift.getDouble("difference")).isCloseTo(0.10, within(1e-9));
        assertThat(lift.getDouble("ciLow")).isCloseTo(-0.0142846, within(1e-6));
        assertThat(lift.getDouble("ciHigh")).isCloseTo(0.2142846, within(1e-6));
        assertThat(lift.getBoolean("significant")).isFalse();
        assertThat(lift.getDouble("treatedRevenuePerPerson")).isEqualTo(20.00);
        assertThat(lift.getDouble("holdoutRevenuePerPerson")).isEqualTo(10.00);
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameterAndUnknownFlowsAre404() {
        String[][] cases = {
            {"from", "yesterday", "from"},
            {"to", "2026-13-01", "to"},
            {"zone", "Mars/Olympus", "zone"},
            {"format", "xml", "format"},
        };
        for (String[] c : cases) {
            given().queryParam(c[0], c[1])
                    .get("/api/reports/nps")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors[0].field", equalTo(c[2]));
        }
        given().queryParam("from", "2026-10-01")
                .queryParam("to", "2026-10-01")
                .get("/api/reports/nps")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().queryParam("interval", "year")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("interval"))
                .body("detail", org.hamcrest.Matchers.containsString("day, week or month"));
        given().queryParam("interval", "day")
                .queryParam("from", "1900-01-01")
                .queryParam("to", "2000-01-01")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("interval"));
        given().get("/api/reports/flows/" + TestData.id("nope"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("flow", TestData.id("nope"))
                .get("/api/reports/nps")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("flow"));
        io.restassured.RestAssured.given().get("/api/reports/nps").then().statusCode(401);
    }

    @Test
    void withoutDatesAReportCoversTheLast30Days() {
        JsonPath report = given().get("/api/reports/flows/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Instant from = Instant.parse(report.getString("from"));
        Instant to = Instant.parse(report.getString("to"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
        assertThat(Duration.between(to, Instant.now()).abs()).isLessThan(Duration.ofHours(1));
    }
}
