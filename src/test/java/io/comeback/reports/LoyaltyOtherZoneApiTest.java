package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Loyalty figures by month in America/New_York (not the default zone of tests, Europe/Oslo) over March and
 * April 2005, when the clocks moved forward on 3 April: March starts at 05:00 UTC, May at 04:00 UTC. Orders
 * lie hours from those midnights, so a calendar of UTC or Oslo would give other figures. The report reads the
 * days of the phase of New York's midnights (V120), built by the first report that needs them; asked twice,
 * the second with nothing to build. 2004–2005: no other test writes orders then, so the customer base is
 * these four customers.
 */
@QuarkusTest
class LoyaltyOtherZoneApiTest {

    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void monthsOfAZoneWithDaylightSavingTimeAreCutAtItsMidnights() {
        ReportData data = new ReportData(dataSource);
        String g = TestData.id("g"), h = TestData.id("h"), j = TestData.id("j"), k = TestData.id("k");
        data.customer(g);
        data.customer(h);
        data.customer(j);
        data.customer(k);
        data.order(j, "2004-03-15T12:00:00Z", "10.00");
        data.order(h, "2004-12-01T12:00:00Z", "20.00");
        data.order(g, "2005-03-01T03:00:00Z", "30.00"); // 28 Feb, 22:00 in New York: February
        data.order(g, "2005-03-10T12:00:00Z", "100.00");
        data.order(h, "2005-04-01T04:30:00Z", "200.00"); // 31 Mar, 23:30 EST: March
        data.order(k, "2005-04-10T12:00:00Z", "500.00");
        data.order(h, "2005-04-30T12:00:00Z", "40.00");
        data.order(h, "2005-05-01T03:30:00Z", "60.00"); // 30 Apr, 23:30 EDT: April
        for (String erased : new String[] {g, h, j, k}) {
            given().delete("/api/customers/" + erased).then().statusCode(204);
        }

        for (int ask = 1; ask <= 2; ask++) {
            JsonPath report = given().queryParam("from", "2005-03-01")
                    .queryParam("to", "2005-05-01")
                    .queryParam("interval", "month")
                    .queryParam("zone", "America/New_York")
                    .get("/api/reports/loyalty")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .using(DOUBLES);
            String as = "report " + ask;
            assertThat(report.getList("periods")).as(as).hasSize(2);

            // Base (an order within 365 days before): 1 Mar 05:00Z: G (that evening), H (Dec), J (15 Mar 2004) = 3;
            // 1 Apr 05:00Z: G, H = 2 (J's order is more than 365 days old); 1 May 04:00Z: G, H, K = 3.
            JsonPath march = report.setRootPath("periods[0]");
            assertThat(march.getString("start")).as(as).isEqualTo("2005-03-01T05:00:00Z");
            assertThat(march.getString("end")).as(as).isEqualTo("2005-04-01T05:00:00Z");
            assertThat(march.getInt("customersAtStart")).as(as).isEqualTo(3);
            assertThat(march.getInt("customersAtEnd")).as(as).isEqualTo(2);
            // March: G 100, H 200 → 2 orders, 300.00, 2 customers who had both ordered before, none new.
            assertThat(march.getInt("orders")).as(as).isEqualTo(2);
            assertThat(march.getDouble("revenue")).as(as).isEqualTo(300.00);
            assertThat(march.getInt("newCustomers")).as(as).isZero();
            assertThat(march.getDouble("repeatPurchaseRate")).as(as).isCloseTo(1.0, within(1e-9));
            assertThat(march.getDouble("purchaseFrequency")).as(as).isCloseTo(1.0, within(1e-9));
            assertThat(march.getDouble("averageOrderValue")).as(as).isEqualTo(150.00);
            // CRR = (2 − 0) / 3.
            assertThat(march.getDouble("retentionRate")).as(as).isCloseTo(2.0 / 3, within(1e-9));

            JsonPath april = report.setRootPath("periods[1]");
            assertThat(april.getString("start")).as(as).isEqualTo("2005-04-01T05:00:00Z");
            assertThat(april.getString("end")).as(as).isEqualTo("2005-05-01T04:00:00Z");
            assertThat(april.getInt("customersAtStart")).as(as).isEqualTo(2);
            assertThat(april.getInt("customersAtEnd")).as(as).isEqualTo(3);
            // April: K 500 (new), H 40 and 60 → 3 orders, 600.00, 2 customers; H had ordered before, K once → 1/2.
            assertThat(april.getInt("orders")).as(as).isEqualTo(3);
            assertThat(april.getDouble("revenue")).as(as).isEqualTo(600.00);
            assertThat(april.getInt("newCustomers")).as(as).isEqualTo(1);
            assertThat(april.getDouble("repeatPurchaseRate")).as(as).isCloseTo(0.5, within(1e-9));
            assertThat(april.getDouble("purchaseFrequency")).as(as).isCloseTo(1.5, within(1e-9));
            assertThat(april.getDouble("averageOrderValue")).as(as).isEqualTo(200.00);
            // CRR = (3 − 1) / 2.
            assertThat(april.getDouble("retentionRate")).as(as).isCloseTo(1.0, within(1e-9));

            // Both months: 5 orders, 900.00; G, H, K ordered, K new; G and H repeat → 2/3; CRR = (3 − 1) / 3.
            JsonPath total = report.setRootPath("total");
            assertThat(total.getInt("orders")).as(as).isEqualTo(5);
            assertThat(total.getDouble("revenue")).as(as).isEqualTo(900.00);
            assertThat(total.getInt("newCustomers")).as(as).isEqualTo(1);
            assertThat(total.getDouble("repeatPurchaseRate")).as(as).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(total.getDouble("purchaseFrequency")).as(as).isCloseTo(5.0 / 3, within(1e-9));
            assertThat(total.getDouble("retentionRate")).as(as).isCloseTo(2.0 / 3, within(1e-9));
        }
        // New York's winter midnight is 05:00 UTC: that phase is kept now.
        assertThat(new ReportData(dataSource)
                        .queryLong("SELECT count(*) FROM loyalty_phases WHERE phase = 5 AND built"))
                .isEqualTo(1);
    }
}
