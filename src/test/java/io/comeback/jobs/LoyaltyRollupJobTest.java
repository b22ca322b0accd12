package io.comeback.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loyalty roll-up job leaves queued orders alone while an order import holds its lock, and folds them after. */
@QuarkusTest
class LoyaltyRollupJobTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoyaltyRollupJob job;

    @Test
    void waitsForARunningOrderImportThenFolds() throws SQLException {
        String customer = TestData.id("rollup-job");
        given().body(Map.of("firstName", "Test"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String orderId = TestData.id("rollup-job-o");
        given().body(Map.of(
                        "orderId",
                        orderId,
                        "customerId",
                        customer,
                        "total",
                        "10.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2002-06-01T10:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(201);
        assertTrue(queued(orderId), "the order trigger queues the order for the roll-up");

        try (Connection importing = dataSource.getConnection()) {
            // What an order import's session holds while it stores and folds (OrderFactFolds.begin).
            try (PreparedStatement st = importing.prepareStatement("SELECT pg_advisory_lock(8080, 987654321)")) {
                st.execute();
            }
            assertTrue(job.orderImportRunning());
            job.refresh();
            assertTrue(queued(orderId), "no fold while an import runs");
            try (PreparedStatement st = importing.prepareStatement("SELECT pg_advisory_unlock(8080, 987654321)")) {
                st.execute();
            }
        }
        assertFalse(job.orderImportRunning());
        job.refresh();
        assertFalse(queued(orderId), "folded once the import is over");
    }

    private boolean queued(String orderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     SELECT count(*) FROM loyalty_pending_orders p JOIN orders o ON o.id = p.order_id WHERE o.order_id = ?""")) {
            st.setString(1, orderId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                assertTrue(n <= 1);
                return n == 1;
            }
        }
    }

    @Test
    void anotherLockClassIsNoImport() throws SQLException {
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement st = other.prepareStatement("SELECT pg_advisory_lock(8081, 1)")) {
                st.execute();
            }
            assertFalse(job.orderImportRunning());
            try (PreparedStatement st = other.prepareStatement("SELECT pg_advisory_unlock(8081, 1)")) {
                st.execute();
            }
        }
    }

    private static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON);
    }
}
