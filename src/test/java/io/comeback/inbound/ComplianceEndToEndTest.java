package io.comeback.inbound;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opt-out, help and re-subscribe through the simulator, whatever flow is running, and the ledger they leave. The
 * runtime is driven step by step ({@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ComplianceEndToEndTest {

    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2030, 3, 5, 10, 0).atZone(ZoneId.of("Europe/Oslo")).toInstant();

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aMarketingTextLengthensTheUnansweredStreakAndAReplyEndsIt() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("streak");
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Ola",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        new RuntimeDriver().runDue();
        org.assertj.core.api.Assertions.assertThat(unanswered(customer))
                .as("the welcome text handed to the gateway")
                .isEqualTo(1);
        given().body(Map.of("from", phone, "body", "Takk!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        org.assertj.core.api.Assertions.assertThat(unanswered(customer)).isZero();
    }

    private int unanswered(String externalId) {
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("SELECT unanswered_messages FROM customers WHERE external_id = ?")) {
            st.setString(1, externalId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stopInAnyLanguageOptsOutOnceAndIsRecorded() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("stopper");
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Siri",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);

        given().body(Map.of("from", phone, "body", "HJELP"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .body("answer", containsString("STOPP"));
        given().body(Map.of("from", phone, "body", "Vær så snill, slutt å sende meg meldinger!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .body("answer", containsString("meldt av"));
        given().get("/api/customers/" + customer).then().body("consent.status", equalTo("opted_out"));
        // A second STOP changes nothing and is not confirmed again.
        given().body(Map.of("from", phone, "body", "STOP"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .body("answer", nullValue());
        given().get("/api/customers/" + customer + "/consent")
                .then()
                .body("history.change", org.hamcrest.Matchers.contains("opt_in", "opt_out"))
                .body("history[1].source", containsString("slutt å sende"));

        given().body(Map.of("from", phone, "body", "START"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .body("answer", containsString("Velkommen tilbake"));
        given().get("/api/customers/" + customer + "/consent")
                .then()
                .body("current.status", equalTo("opted_in"))
                .body("history.change", hasItem("resubscribe"));
    }
}
