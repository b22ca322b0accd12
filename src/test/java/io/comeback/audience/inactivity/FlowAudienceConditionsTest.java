package io.comeback.audience.inactivity;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.enrollment.InactivityDetector;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flow's own entry conditions narrow its audience preview and the detector alike: winback.yaml
 * leaves out customers tagged {@code needs_follow_up}. Histories lie in 1996, before any other
 * test's, and the customers are erased afterwards so no later test sees them lapsed.
 */
@QuarkusTest
class FlowAudienceConditionsTest {

    static final Instant T = Instant.parse("1997-06-02T10:00:00Z");

    @Inject
    InactivityDetector detector;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void erase() {
        created.forEach(id -> given().delete("/api/customers/" + id).then().statusCode(204));
    }

    @Test
    void customersOutsideTheFlowsConditionsAreCountedApartAndNeverEnrolled() throws Exception {
        String lapsed = lapsedCustomer();
        String followUp = lapsedCustomer();
        sql("UPDATE customers SET tags = '{needs_follow_up}' WHERE external_id = ?", followUp);

        given().queryParam("asOf", T.toString())
                .get("/api/flows/winback/audience")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("excluded.audience", equalTo(1))
                .body("excluded.noConsent", equalTo(0))
                .body("sample.customerId", contains(lapsed));
        // The preview without a flow knows no entry conditions: both match.
        given().body(Map.of("asOf", T.toString(), "purchase", Map.of("noPurchaseFor", "P120D")))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("excluded.audience", equalTo(0));

        detector.runAll(T);
        assertThat(matchedIntoWinback(lapsed)).isTrue();
        assertThat(matchedIntoWinback(followUp)).isFalse();
    }

    private String lapsedCustomer() {
        String id = TestData.id("conditions");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        created.add(id);
        given().body(Map.of(
                        "phone",
                        phone,
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        // One order 200 days before T: past winback's fixed window of 120 days.
        given().body(Map.of(
                        "orderId",
                        id + "-1",
                        "customerId",
                        id,
                        "total",
                        "250",
                        "currency",
                        "NOK",
                        "placedAt",
                        T.minus(Duration.ofDays(200)).toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        return id;
    }

    private boolean matchedIntoWinback(String externalId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT count(*) FROM detector_matches m JOIN customers c ON c.id = m.customer_id "
                                + "WHERE m.flow_id = 'winback' AND c.external_id = ?")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private void sql(String statement, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(statement)) {
            st.setString(1, parameter);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }
}
