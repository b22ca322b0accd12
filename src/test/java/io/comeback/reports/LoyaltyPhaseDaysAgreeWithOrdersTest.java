package io.comeback.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reports in zones other than the roll-up's read the days of the phase of that zone's midnights (V120),
 * built by the first report that needs them: they must give the same figures as the statements over the raw orders, in zones with
 * daylight saving time on either hemisphere (two phases each, and periods an hour shorter or longer than
 * whole days) and without, while orders arrive out of time order, at those midnights, twice at one
 * instant. 2006–2008: no other test writes orders then.
 */
@QuarkusTest
class LoyaltyPhaseDaysAgreeWithOrdersTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("America/New_York"),
            ZoneId.of("Pacific/Auckland"),
            ZoneId.of("Asia/Tokyo"),
            ZoneId.of("UTC"),
            ZoneId.of("Europe/London"));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoyaltyReports reports;

    @Test
    void everyFigureMatchesTheRawOrdersWhileOrdersArriveOutOfOrder() throws SQLException {
        Random random = new Random(120);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = TestData.id("phase");
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
        Instant start = Instant.parse("2006-01-01T00:00:00Z");
        for (int i = 0; i < 70; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            Instant at = start.plusSeconds(random.nextInt(800 * 86_400));
            if (i % 9 == 0) {
                at = Instant.parse("2006-03-01T05:00:00Z")
                        .plus(Duration.ofDays(random.nextInt(400))); // New York midnight in winter
            }
            orders.add(new String[] {customer, at.toString(), (100 + random.nextInt(900)) + ".50"});
            if (i % 10 == 0) {
                orders.add(new String[] {customer, at.toString(), "10.00"}); // the same customer twice at one instant
            }
        }
        // The last customer returns after more than the 365-day window: two spells.
        orders.add(new String[] {customers.get(6), "2006-01-05T10:00:00Z", "50.00"});
        orders.add(new String[] {customers.get(6), "2008-02-10T10:00:00Z", "50.00"});
        Collections.shuffle(orders, random);

        for (int batch = 0; batch < 3; batch++) {
            for (String[] o : orders.subList(batch * orders.size() / 3, (batch + 1) * orders.size() / 3)) {
                RestAssured.given()
                        .header("Authorization", "Bearer test-key")
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "orderId",
                                TestData.id("phase-o"),
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
                        Instant.parse("2006-01-10T10:17:23Z"),
                        Instant.parse("2008-03-05T03:45:10Z"),
                        ReportInterval.MONTH,
                        zone);
                compare(
                        Instant.parse("2006-02-01T00:00:00Z"),
                        Instant.parse("2007-02-01T00:00:00Z"),
                        ReportInterval.WEEK,
                        zone);
                compare(
                        Instant.parse("2006-02-27T13:00:00Z"),
                        Instant.parse("2006-05-03T22:30:00Z"),
                        ReportInterval.DAY,
                        zone);
                compare(
                        LocalDate.parse("2006-03-01").atStartOfDay(zone).toInstant(),
                        LocalDate.parse("2007-12-01").atStartOfDay(zone).toInstant(),
                        ReportInterval.MONTH,
                        zone);
            }
        }
        // Every whole-hour phase of the zone's midnights is kept by now: 05 and 04 for New York, 11 and 12 for
        // Auckland.
        try (Connection c = dataSource.getConnection();
                var rs = c.createStatement().executeQuery("SELECT phase FROM loyalty_phases WHERE built")) {
            List<Integer> built = new ArrayList<>();
            while (rs.next()) {
                built.add(rs.getInt(1));
            }
            assertThat(built).contains(0, 4, 5, 11, 12, 15, 23);
        }
    }

    private void compare(Instant from, Instant to, ReportInterval interval, ZoneId zone) throws SQLException {
        LoyaltyAgreement.assertReportAgreesWithOrders(reports, dataSource, from, to, interval, null, zone);
    }
}
