package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Remove from flow" ({@code POST /api/customers/{id}/enrollments/{enrollment}/remove}): the enrollment ends with
 * reason {@code removed} and who did it, its text written but not yet handed to the gateway is cancelled, and no
 * later step of the flow runs.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class EnrollmentRemovalTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void removeFromFlowEndsTheEnrollmentAndCancelsItsWaitingTexts() {
        Instant now = LocalDateTime.of(2035, 4, 3, 10, 0).atZone(OSLO).toInstant();
        TestClockProducer.CLOCK.setTo(now);
        RuntimeDriver runtime = new RuntimeDriver();
        String flowId = "removal-" + TestData.letters();
        Flow flow = runtime.register("""
                id: %s
                settings:
                  kind: transactional
                trigger: customer_created
                steps:
                  - id: first
                    send:
                      text: "Ordren din er på vei."
                  - id: pause
                    wait: P2D
                  - id: second
                    send:
                      text: "Fikk du pakken?"
                """.formatted(flowId));
        String customer = TestData.id("removal");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        long enrollment = runtime.enroll(flow, internalId(customer), now);
        // The wake-up writes the first text; the dispatcher has not taken it yet.
        Arc.container().instance(WakeUpBatch.class).get().run(now, 1000);
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .body("find { it.flowId == '" + flowId + "' }.status", equalTo("pending"));

        given().body(Map.of("by", "Kari"))
                .post("/api/customers/" + customer + "/enrollments/" + enrollment + "/remove")
                .then()
                .statusCode(200)
                .body("status", equalTo("exited"))
                .body("exitReason", equalTo("removed"))
                .body("exitLabel", equalTo("by Kari"));

        runtime.runDue();
        runtime.advance(Duration.ofDays(3));
        assertThat(given().queryParam("to", phone)
                        .get("/simulator/messages")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("body", String.class))
                .as("nothing of the flow reached the phone")
                .isEmpty();
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .body("findAll { it.flowId == '" + flowId + "' }.size()", equalTo(1))
                .body("find { it.flowId == '" + flowId + "' }.status", equalTo("blocked"))
                .body("find { it.flowId == '" + flowId + "' }.statusReason", equalTo("removed_from_flow"));

        given().post("/api/customers/" + customer + "/enrollments/" + enrollment + "/remove")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("already ended"));
        String other = TestData.id("removal-other");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + other)
                .then()
                .statusCode(201);
        given().post("/api/customers/" + other + "/enrollments/" + enrollment + "/remove")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anEnrollmentRemovedWhileItsFlowIsPausedStaysEndedWhenTheFlowResumes() {
        Instant now = LocalDateTime.of(2035, 4, 20, 10, 0).atZone(OSLO).toInstant();
        TestClockProducer.CLOCK.setTo(now);
        RuntimeDriver runtime = new RuntimeDriver();
        String flowId = "removal_paused_" + TestData.letters();
        Flow flow = runtime.register("""
                id: %s
                settings:
                  kind: transactional
                trigger: customer_created
                steps:
                  - id: pause
                    wait: P1D
                  - id: later
                    send:
                      text: "Fikk du pakken?"
                """.formatted(flowId));
        String customer = TestData.id("removal-paused");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        long enrollment = runtime.enroll(flow, internalId(customer), now);
        runtime.runDue();
        given().post("/api/flows/" + flowId + "/pause").then().statusCode(200);
        // The wake-up falls due while the flow is paused: it is kept aside until the flow resumes.
        runtime.advance(Duration.ofDays(2));
        given().get("/api/flows/" + flowId).then().body("queued.enrollmentsHeld", equalTo(1));

        given().body(Map.of("by", "Kari"))
                .post("/api/customers/" + customer + "/enrollments/" + enrollment + "/remove")
                .then()
                .statusCode(200)
                .body("exitReason", equalTo("removed"));
        given().get("/api/flows/" + flowId).then().body("queued.enrollmentsHeld", equalTo(0));
        given().post("/api/flows/" + flowId + "/resume").then().statusCode(200);
        runtime.advance(Duration.ofHours(1));

        assertThat(given().queryParam("to", phone)
                        .get("/simulator/messages")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("body", String.class))
                .as("the removed enrollment's later step never ran")
                .isEmpty();
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .body("findAll { it.flowId == '" + flowId + "' }.size()", equalTo(0));
        given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .body("find { it.flowId == '" + flowId + "' }.exitReason", equalTo("removed"));
    }

    private static long internalId(String externalId) {
        AgroalDataSource dataSource =
                Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
