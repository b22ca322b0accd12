package io.comeback.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flow's loyalty figures come from the flow's roll-ups (V121) when every customer of the flow entered it
 * before the range ends: they must equal the statements over the raw orders of the flow's customers
 * ({@link LoyaltyQuery} with the flow, what the report computed before), while orders arrive out of time
 * order and customers enter (some held out, one twice, one held out first and entered later). A range that
 * ends before some entered is computed from the orders (same statements), and must agree too.
 * 2009–2011: no other test writes orders then.
 */
@QuarkusTest
class LoyaltyFlowRollupAgreesWithOrdersTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoyaltyReports reports;

    @Test
    void aFlowsFiguresMatchTheRawOrdersOfItsCustomersAsOrdersAndEntriesArrive() throws SQLException {
        String flow = TestData.id("loyalty-flow");
        Random random = new Random(121);
        List<String> customers = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = TestData.id("flowroll");
            RestAssured.given()
                    .header("Authorization", "Bearer test-key")
                    .contentType(ContentType.JSON)
                    .body(Map.of("firstName", "Test"))
                    .put("/api/customers/" + id)
                    .then()
                    .statusCode(201);
            customers.add(id);
            ids.add(queryLong("SELECT id FROM customers WHERE external_id = '" + id + "'"));
        }
        List<String[]> orders = new ArrayList<>();
        Instant start = Instant.parse("2009-01-01T00:00:00Z");
        for (int i = 0; i < 80; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            Instant at = start.plusSeconds(random.nextInt(800 * 86_400));
            if (i % 9 == 0) {
                at = Instant.parse("2009-03-01T23:00:00Z").plus(Duration.ofDays(random.nextInt(400))); // Oslo midnight
            }
            orders.add(new String[] {customer, at.toString(), (100 + random.nextInt(900)) + ".50"});
            if (i % 10 == 0) {
                orders.add(new String[] {customer, at.toString(), "10.00"});
            }
        }
        orders.add(new String[] {customers.get(0), "2009-01-05T10:00:00Z", "50.00"});
        orders.add(new String[] {customers.get(0), "2011-02-10T10:00:00Z", "50.00"}); // back after more than 365 days
        Collections.shuffle(orders, random);

        // Entries: 0, 1, 2 before the first orders are folded; 3 held out; 4 twice; 5 held out, then entered;
        // 6 enters in 2011, after the first ranges end; 7 never.
        enroll(flow, ids.get(0), "exited", "2009-02-01T10:00:00Z");
        enroll(flow, ids.get(1), "exited", "2009-06-01T10:00:00Z");
        enroll(flow, ids.get(2), "waiting_timer", "2009-09-01T10:00:00Z");
        enroll(flow, ids.get(3), "held_out", "2009-02-01T10:00:00Z");
        for (int batch = 0; batch < 3; batch++) {
            for (String[] o : orders.subList(batch * orders.size() / 3, (batch + 1) * orders.size() / 3)) {
                RestAssured.given()
                        .header("Authorization", "Bearer test-key")
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "orderId",
                                TestData.id("flowroll-o"),
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
            if (batch == 1) {
                enroll(flow, ids.get(4), "exited", "2009-04-01T10:00:00Z");
                enroll(flow, ids.get(4), "exited", "2010-04-01T10:00:00Z");
                enroll(flow, ids.get(5), "held_out", "2009-05-01T10:00:00Z");
                enroll(flow, ids.get(5), "exited", "2010-05-01T10:00:00Z");
                enroll(flow, ids.get(6), "exited", "2011-01-15T10:00:00Z");
            }
            compare(
                    flow,
                    Instant.parse("2009-01-10T10:17:23Z"),
                    Instant.parse("2011-03-05T03:45:10Z"),
                    ReportInterval.MONTH);
            compare(
                    flow,
                    Instant.parse("2009-02-01T00:00:00Z"),
                    Instant.parse("2010-02-01T00:00:00Z"),
                    ReportInterval.WEEK);
            compare(
                    flow,
                    Instant.parse("2009-02-27T13:00:00Z"),
                    Instant.parse("2009-05-03T22:30:00Z"),
                    ReportInterval.DAY);
        }
        // Customers 0, 1, 2, 4, 5 and 6 are the flow's, each once, from their first entry not held out.
        assertThat(queryLong("SELECT count(*) FROM loyalty_flow_members WHERE flow_id = '" + flow + "'"))
                .isEqualTo(6);
        assertThat(queryLong("SELECT count(*) FROM loyalty_flow_members WHERE flow_id = '" + flow
                        + "' AND customer_id = " + ids.get(4) + " AND entered_at = '2009-04-01T10:00:00Z'"))
                .isEqualTo(1);
    }

    private void enroll(String flow, long customerId, String status, String enteredAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at)
                VALUES (?, 'v1', ?, ?, ?, ?)""")) {
            OffsetDateTime at = Instant.parse(enteredAt).atOffset(ZoneOffset.UTC);
            st.setString(1, flow);
            st.setLong(2, customerId);
            st.setString(3, status);
            st.setObject(4, at);
            st.setObject(5, "waiting_timer".equals(status) ? null : at);
            st.executeUpdate();
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void compare(String flow, Instant from, Instant to, ReportInterval interval) throws SQLException {
        LoyaltyAgreement.assertReportAgreesWithOrders(reports, dataSource, from, to, interval, flow, OSLO);
    }
}
