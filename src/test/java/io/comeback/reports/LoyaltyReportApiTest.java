package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Loyalty figures over November and December 1979 (UTC), so "every customer who had ordered by then" is exactly the
 * six below: no other test writes orders before 1980 but LoyaltyRollupApiTest (1975–1976), which runs after this
 * class. (1979 has the month lengths of 1990, where these figures were first worked out; the oldest order of
 * RfmApiTest, 15,000 days before today, is later.) Active window: 365 days (default).
 */
@QuarkusTest
class LoyaltyReportApiTest {

    /** RestAssured reads JSON decimals as floats unless told otherwise. */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void retentionChurnRepeatRateOrderValueFrequencyLifespanAndLifetimeValuePerMonth() {
        ReportData data = new ReportData(dataSource);
        String a = TestData.id("a"),
                b = TestData.id("b"),
                c = TestData.id("c"),
                d = TestData.id("d"),
                e = TestData.id("e"),
                f = TestData.id("f");
        long ca = data.customer(a);
        long cb = data.customer(b);
        data.customer(c);
        long cd = data.customer(d);
        data.customer(e);
        data.customer(f);
        data.order(a, "1979-01-10T12:00:00Z", "100.00");
        data.order(a, "1979-11-05T12:00:00Z", "200.00");
        data.order(a, "1979-12-20T12:00:00Z", "300.00");
        data.order(b, "1979-03-01T12:00:00Z", "50.00");
        data.order(b, "1979-11-15T12:00:00Z", "150.00");
        data.order(c, "1978-11-20T12:00:00Z", "80.00");
        data.order(d, "1979-11-10T12:00:00Z", "120.00");
        data.order(d, "1979-12-15T12:00:00Z", "90.00");
        data.order(e, "1979-12-05T12:00:00Z", "400.00");
        data.order(e, "1979-12-28T12:00:00Z", "100.00");
        data.order(f, "1979-06-01T12:00:00Z", "70.00");
        // Erased customers still count: their orders and facts stay. All six are erased, which also keeps
        // these 1978–1979 histories out of other tests' inactivity counts (they skip erased customers).
        for (String erased : new String[] {a, b, c, d, e, f}) {
            given().delete("/api/customers/" + erased).then().statusCode(204);
        }
        String flow = TestData.id("rpt-loyal");
        data.flow(flow, null);
        data.surveyAnswer(flow, ca, 10, "1979-11-20T12:00:00Z");
        data.surveyAnswer(flow, cd, 3, "1979-11-21T12:00:00Z");

        JsonPath report = given().queryParam("from", "1979-11-01")
                .queryParam("to", "1980-01-01")
                .queryParam("interval", "MONTH")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(DOUBLES);

        assertThat(report.getString("interval")).isEqualTo("MONTH");
        assertThat(report.getString("lifetimeValueFormula"))
                .startsWith("CLV = average order value × purchase frequency × average lifespan (in months");
        assertThat(report.getList("periods")).hasSize(2);

        // Customer base (an order within the 365 days before):
        //   1 Nov: A (Jan 10), B (Mar 1), C (1978-11-20), F (Jun 1) = 4
        //   1 Dec: A, B, D (Nov 10), F = 4 — C's last order is now more than 365 days old
        //   1 Jan: A, B, D, E, F = 5
        JsonPath nov = report.setRootPath("periods[0]");
        assertThat(nov.getString("start")).isEqualTo("1979-11-01T00:00:00Z");
        assertThat(nov.getString("end")).isEqualTo("1979-12-01T00:00:00Z");
        assertThat(nov.getInt("customersAtStart")).isEqualTo(4);
        assertThat(nov.getInt("customersAtEnd")).isEqualTo(4);
        // November orders: A 200, B 150, D 120 → 3 orders, 470.00, 3 customers, D new.
        assertThat(nov.getInt("newCustomers")).isEqualTo(1);
        assertThat(nov.getInt("orders")).isEqualTo(3);
        assertThat(nov.getDouble("revenue")).isEqualTo(470.00);
        // CRR = (4 − 1) / 4 = 0.75; churn 0.25.
        assertThat(nov.getDouble("retentionRate")).isCloseTo(0.75, within(1e-9));
        assertThat(nov.getDouble("churnRate")).isCloseTo(0.25, within(1e-9));
        // Repeat: A and B had ordered before; D's November order is their first and only → 2 / 3.
        assertThat(nov.getDouble("repeatPurchaseRate")).isCloseTo(2.0 / 3, within(1e-9));
        // AOV 470 / 3 = 156.67; frequency 3 orders / 3 customers = 1.
        assertThat(nov.getDouble("averageOrderValue")).isEqualTo(156.67);
        assertThat(nov.getDouble("purchaseFrequency")).isCloseTo(1.0, within(1e-9));
        // Lifespan on 1 Dec, customers who had ordered: A Jan 10 → Nov 5 = 299 days, B Mar 1 → Nov 15 = 259,
        // C, D, F one order each = 0 → (299 + 259) / 5 = 111.6 days.
        assertThat(nov.getDouble("averageLifespanDays")).isCloseTo(111.6, within(1e-9));
        // CLV = 156.666… × 1 × (111.6 / 30 days of November) = 582.80.
        assertThat(nov.getDouble("lifetimeValue")).isEqualTo(582.80);
        // NPS: one promoter, one detractor → 0.
        assertThat(nov.getInt("nps.responses")).isEqualTo(2);
        assertThat(nov.getDouble("nps.score")).isEqualTo(0.0);

        JsonPath dec = report.setRootPath("periods[1]");
        assertThat(dec.getInt("customersAtStart")).isEqualTo(4);
        assertThat(dec.getInt("customersAtEnd")).isEqualTo(5);
        // December orders: A 300, D 90, E 400, E 100 → 4 orders, 890.00, 3 customers, E new.
        assertThat(dec.getInt("newCustomers")).isEqualTo(1);
        assertThat(dec.getInt("orders")).isEqualTo(4);
        // CRR = (5 − 1) / 4 = 1; churn 0.
        assertThat(dec.getDouble("retentionRate")).isCloseTo(1.0, within(1e-9));
        assertThat(dec.getDouble("churnRate")).isCloseTo(0.0, within(1e-9));
        // Repeat: A and D ordered before December, E twice in it → 3 / 3.
        assertThat(dec.getDouble("repeatPurchaseRate")).isCloseTo(1.0, within(1e-9));
        // AOV 890 / 4 = 222.50; frequency 4 / 3.
        assertThat(dec.getDouble("averageOrderValue")).isEqualTo(222.50);
        assertThat(dec.getDouble("purchaseFrequency")).isCloseTo(4.0 / 3, within(1e-9));
        // Lifespan on 1 Jan: A Jan 10 → Dec 20 = 344, B 259, C 0, D Nov 10 → Dec 15 = 35, E Dec 5 → Dec 28 = 23,
        // F 0 → 661 / 6 = 110.1667 days. CLV = 222.50 × 4/3 × (110.1667 / 31) = 1054.28.
        assertThat(dec.getDouble("averageLifespanDays")).isCloseTo(661.0 / 6, within(1e-9));
        assertThat(dec.getDouble("lifetimeValue")).isEqualTo(1054.28);
        assertThat(dec.getInt("nps.responses")).isZero();
        assertThat(dec.getString("nps.score"))
                .as("no answers: no score, not NaN")
                .isNull();

        // The whole range: 7 orders, 1360.00, 4 customers (A, B, D, E), 2 new (D, E); CRR = (5 − 2) / 4 = 0.75;
        // repeat 4 / 4 (D and E ordered twice in the range); CLV = 1360/7 × 7/4 × (110.1667 / 61 days) = 614.04.
        JsonPath total = report.setRootPath("total");
        assertThat(total.getString("start")).isEqualTo("1979-11-01T00:00:00Z");
        assertThat(total.getString("end")).isEqualTo("1980-01-01T00:00:00Z");
        assertThat(total.getInt("orders")).isEqualTo(7);
        assertThat(total.getDouble("revenue")).isEqualTo(1360.00);
        assertThat(total.getInt("newCustomers")).isEqualTo(2);
        assertThat(total.getDouble("retentionRate")).isCloseTo(0.75, within(1e-9));
        assertThat(total.getDouble("repeatPurchaseRate")).isCloseTo(1.0, within(1e-9));
        assertThat(total.getDouble("lifetimeValue")).isEqualTo(614.04);
        assertThat(total.getInt("nps.responses")).isEqualTo(2);

        // Per flow: only the customers who entered it and were not held out — A and D (B was held out).
        data.enrollment(flow, ca, "exited", "1979-10-01T12:00:00Z", false, "completed", null);
        data.enrollment(flow, cd, "exited", "1979-11-01T12:00:00Z", false, "completed", null);
        data.enrollment(flow, cb, "held_out", "1979-10-01T12:00:00Z", false, "held_out", null);
        JsonPath perFlow = given().queryParam("from", "1979-11-01")
                .queryParam("to", "1980-01-01")
                .queryParam("interval", "month")
                .queryParam("zone", "UTC")
                .queryParam("flow", flow)
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(DOUBLES)
                .setRootPath("periods[0]");
        // November: A 200, D 120 → 2 orders; base 1 Nov: A; 1 Dec: A, D; D new → CRR (2 − 1) / 1 = 1.
        assertThat(perFlow.getInt("orders")).isEqualTo(2);
        assertThat(perFlow.getDouble("revenue")).isEqualTo(320.00);
        assertThat(perFlow.getInt("customersAtStart")).isEqualTo(1);
        assertThat(perFlow.getInt("customersAtEnd")).isEqualTo(2);
        assertThat(perFlow.getDouble("retentionRate")).isCloseTo(1.0, within(1e-9));

        // CSV: a header, one row per month and a total row.
        String csv = given().queryParam("format", "csv")
                .queryParam("from", "1979-11-01")
                .queryParam("to", "1980-01-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"loyalty_1979-11-01_1980-01-01.csv\""))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0])
                .startsWith("row,start,end,customers_at_start,customers_at_end,new_customers,retention_rate");
        assertThat(lines[1]).startsWith("period,1979-11-01T00:00:00Z,1979-12-01T00:00:00Z,4,4,1,0.75,0.25,");
        assertThat(lines[1]).endsWith(",3,470.00,156.67,1.0,111.6,582.80,2,0.0");
        assertThat(lines[3]).startsWith("total,1979-11-01T00:00:00Z,1980-01-01T00:00:00Z,4,5,2,0.75,");

        // The same in Excel's Nordic dialect: a UTF-8 byte order mark, ';' and decimal commas, CRLF.
        byte[] nordic = given().queryParam("dialect", "excel-nordic")
                .queryParam("from", "1979-11-01")
                .queryParam("to", "1980-01-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asByteArray();
        assertThat(java.util.Arrays.copyOf(nordic, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String[] nordicLines = new String(nordic, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(nordicLines).hasSize(4);
        assertThat(nordicLines[0]).startsWith("\uFEFFrow;start;end;customers_at_start;customers_at_end;new_customers");
        assertThat(nordicLines[1]).startsWith("period;1979-11-01T00:00:00Z;1979-12-01T00:00:00Z;4;4;1;0,75;0,25;");
        assertThat(nordicLines[1]).endsWith(";3;470,00;156,67;1,0;111,6;582,80;2;0,0");
    }

    @Test
    void periodsFollowTheCalendarOfTheZoneAndAreCutToTheRange() {
        // Oslo: 15 Jan to 1 Mar 1988 by month → [15 Jan, 1 Feb), [1 Feb, 1 Mar), local midnights (UTC+1).
        JsonPath report = given().queryParam("from", "1988-01-15")
                .queryParam("to", "1988-03-01")
                .queryParam("zone", "Europe/Oslo")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(DOUBLES);
        assertThat(report.getList("periods.start")).containsExactly("1988-01-14T23:00:00Z", "1988-01-31T23:00:00Z");
        assertThat(report.getList("periods.end")).containsExactly("1988-01-31T23:00:00Z", "1988-02-29T23:00:00Z");
        // Weeks start on Monday: 1988-02-03 was a Wednesday.
        JsonPath weeks = given().queryParam("from", "1988-02-03")
                .queryParam("to", "1988-02-15")
                .queryParam("zone", "UTC")
                .queryParam("interval", "week")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(DOUBLES);
        assertThat(weeks.getList("periods.start")).containsExactly("1988-02-03T00:00:00Z", "1988-02-08T00:00:00Z");
        // Nobody had ordered then: rates have no denominator and are null, never NaN.
        assertThat(weeks.getString("periods[0].retentionRate")).isNull();
        assertThat(weeks.getString("periods[0].averageOrderValue")).isNull();
        assertThat(weeks.getInt("periods[0].orders")).isZero();
    }
}
