package io.comeback.messaging;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.DeliveryProblemReport;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a carrier's error codes do to a customer: opt-out recorded, unreachable numbers left out until changed. */
@QuarkusTest
class DeliveryProblemActionsTest {

    @Inject
    DeliveryProblemActions actions;

    private static io.restassured.specification.RequestSpecification api() {
        return RestAssured.given().header("Authorization", "Bearer test-key").contentType("application/json");
    }

    private static String customerWithPhone(String phone) {
        String id = TestData.id("carrier");
        api().body(Map.of("phone", phone, "consent", Map.of("status", "opted_in", "source", "web")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void aCarrierOptOutIsRecordedInTheLedgerOnce() {
        String phone = TestData.norwegianMobile();
        String id = customerWithPhone(phone);
        DeliveryProblemReport report = new DeliveryProblemReport(
                DeliveryProblem.OPT_OUT, "21610", phone, null, null, 1, Instant.parse("2030-01-01T10:00:00Z"));
        actions.onDeliveryProblem(report);
        actions.onDeliveryProblem(report);
        api().get("/api/customers/" + id + "/consent")
                .then()
                .body("current.status", equalTo("opted_out"))
                .body("history.change", org.hamcrest.Matchers.contains("opt_in", "opt_out"))
                .body("history[1].source", containsString("21610"));
    }

    @Test
    void anUnreachableNumberIsMarkedUntilTheNumberChanges() {
        String phone = TestData.norwegianMobile();
        String id = customerWithPhone(phone);
        actions.onDeliveryProblem(new DeliveryProblemReport(
                DeliveryProblem.UNREACHABLE, "30005", phone, "SM1", null, 3, Instant.parse("2030-01-01T10:00:00Z")));
        org.assertj.core.api.Assertions.assertThat(unreachable(id)).isTrue();
        api().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        org.assertj.core.api.Assertions.assertThat(unreachable(id)).isFalse();
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private boolean unreachable(String externalId) {
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement(
                        "SELECT unreachable_since IS NOT NULL FROM customers WHERE external_id = ?")) {
            st.setString(1, externalId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
