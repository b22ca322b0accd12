package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The roll-up (V73: hours for the customer base, days for the order sums) must give the same figures as
 * the statements over the raw orders ({@link LoyaltyQuery}, what the report computed before it), for
 * ranges that start and end inside hours and days, in the roll-up's zone (Europe/Oslo in tests) and in
 * others — UTC, and zones whose midnight is not a whole UTC hour — while orders arrive out of time order,
 * twice at one instant, on midnights and across gaps longer than the active window. 2001–2003: no other
 * test writes orders then; later than every hand-computed test, whose customer base and lifespan (over every customer who had ordered) they would change otherwise.
 */
@QuarkusTest
class LoyaltyRollupAgreesWithOrdersTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Oslo"), ZoneId.of("UTC"), ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kolkata"));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoyaltyReports reports;

    @Test
    void everyFigureMatchesTheRawOrdersWhileOrdersArriveOutOfOrder() throws SQLException {
        Random random = new Random(8);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = TestData.id("rollup");
            RestAssured.given()
                    .header("Authorization", "Bearer test-key")
                    .contentType(ContentType.JSON)
                    .body(Map.of("firstName", "Test"))
                    .put("/api/customers/" + id)
                    .then()
                    .statusCode(201);
            customers.add(id);
        }
        List<String[]> orders = new ArrayList<>();
        Instant start = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i < 70; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            Instant at = start.plusSeconds(random.nextInt(800 * 86_400));
            if (i % 9 == 0) {
                at = Instant.parse("2001-03-01T23:00:00Z")
                        .plus(Duration.ofDays(random.nextInt(400))); // Oslo midnight in winter
            }
            orders.add(new String[] {customer, at.toString(), (100 + random.nextInt(900)) + ".50"});
            if (i % 10 == 0) {
                orders.add(new String[] {customer, at.toString(), "10.00"}); // the same customer twice at one instant
            }
        }
        // The last customer returns after more than the 365-day window: two spells.
        orders.add(new String[] {customers.get(6), "2001-01-05T10:00:00Z", "50.00"});
        orders.add(new String[] {customers.get(6), "2003-02-10T10:00:00Z", "50.00"});
        Collections.shuffle(orders, random);

        for (int batch = 0; batch < 3; batch++) {
            for (String[] o : orders.subList(batch * orders.size() / 3, (batch + 1) * orders.size() / 3)) {
                RestAssured.given()
                        .header("Authorization", "Bearer test-key")
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "orderId",
                                TestData.id("rollup-o"),
                                "customerId",
                                o[0],
                                "total",
                                o[2],
                                "currency",
                                "NOK",
                                "placedAt",
                                o[1]))
                        .post("/api/orders")
                        .then()
                        .statusCode(201);
            }
            for (ZoneId zone : ZONES) {
                compare(
                        Instant.parse("2001-01-10T10:17:23Z"),
                        Instant.parse("2003-03-05T03:45:10Z"),
                        ReportInterval.MONTH,
                        zone);
                compare(
                        Instant.parse("2001-02-01T00:00:00Z"),
                        Instant.parse("2002-02-01T00:00:00Z"),
                        ReportInterval.WEEK,
                        zone);
                compare(
                        Instant.parse("2001-02-27T13:00:00Z"),
                        Instant.parse("2001-05-03T22:30:00Z"),
                        ReportInterval.DAY,
                        zone);
            }
        }
    }

    private void compare(Instant from, Instant to, ReportInterval interval, ZoneId zone) throws SQLException {
        LoyaltyAgreement.assertReportAgreesWithOrders(reports, dataSource, from, to, interval, null, zone);
    }
}
