package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.FlowEvent;
import io.comeback.enrollment.EnrollmentSignals;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.flows.FlowVersions;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestClockProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.comeback.web.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flow's funnel adds up, and counts as converted only a customer who reached the goal after a text of theirs
 * was sent: one who orders while the first text still waits for the morning was not converted by it.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class FunnelAddsUpTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalDate EVENING = LocalDate.of(2033, 3, 8);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    FlowVersions versions;
    @Inject
    WakeUpBatch batch;
    @Inject
    Dispatcher dispatcher;
    @Inject
    EnrollmentSignals signals;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void enteredIsTreatedPlusHeldOutAndAGoalBeforeTheFirstTextLeftIsNoConversion() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver(dataSource, versions, batch, dispatcher);
        String flowId = "adds_up_" + Long.toHexString(System.nanoTime());
        Flow flow = runtime.register("""
                id: %s
                settings:
                  kind: marketing
                  quiet_hours: { start: "21:00", end: "08:00" }
                trigger: customer_created
                entry:
                  goal: ordered
                steps:
                  - id: hello
                    send:
                      text: "Velkommen! Svar STOPP for å melde deg av."
                  - id: linger
                    wait: P3D
                """.formatted(flowId));
        Instant evening = EVENING.atTime(22, 30).atZone(OSLO).toInstant();
        TestClockProducer.CLOCK.setTo(evening);
        long early = ledger.customer(Ledger.norwegianMobile(), "Europe/Oslo", "opted_in");
        long late = ledger.customer(Ledger.norwegianMobile(), "Europe/Oslo", "opted_in");
        long quiet = ledger.customer(Ledger.norwegianMobile(), "Europe/Oslo", "opted_in");
        for (long customer : new long[] {early, late, quiet}) {
            runtime.enroll(flow, customer, evening);
        }
        for (int i = 0; i < 2; i++) {
            ledger.single("""
                    INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason)
                    VALUES (?, ?, ?, 'held_out', ?, ?, 'holdout') RETURNING id""", flowId, flow.version(),
                    ledger.customer(Ledger.norwegianMobile(), "Europe/Oslo", "opted_in"), Timestamp.from(evening),
                    Timestamp.from(evening));
        }
        runtime.runDue();
        // The flow holds its texts back for the night: nothing written yet, and the flow says what waits and until when.
        io.restassured.path.json.JsonPath queued = given().get("/api/flows/" + flowId).then().statusCode(200).extract().jsonPath();
        assertThat(queued.getInt("queued.deferred")).as("texts waiting for the morning").isEqualTo(3);
        assertThat(queued.getInt("queued.pending")).isZero();
        assertThat(Instant.parse(queued.getString("queued.nextAt")))
                .isAfterOrEqualTo(EVENING.plusDays(1).atTime(8, 0).atZone(OSLO).toInstant());

        // Ordered at night, before the text left: the goal ends the enrollment, but the text did not convert anyone.
        TestClockProducer.CLOCK.setTo(evening.plus(Duration.ofMinutes(30)));
        signals.toRunningEnrollmentsOf(early, new FlowEvent.Ordered("o-early", new BigDecimal("100"), null));
        runtime.runDue();
        // Ordered after the text was sent in the morning: converted.
        runtime.stepTo(EVENING.plusDays(1).atTime(9, 0).atZone(OSLO).toInstant(), Duration.ofMinutes(10));
        signals.toRunningEnrollmentsOf(late, new FlowEvent.Ordered("o-late", new BigDecimal("100"), null));
        runtime.runDue();

        assertThat(ledger.text("SELECT exit_reason FROM enrollments WHERE flow_id = ? AND customer_id = ?", flowId, early))
                .isEqualTo("goal_reached");
        assertThat(ledger.text("SELECT exit_reason FROM enrollments WHERE flow_id = ? AND customer_id = ?", flowId, late))
                .isEqualTo("goal_reached");
        Map<String, Object> funnel = given().queryParam("from", EVENING.toString()).queryParam("to", EVENING.plusDays(3).toString())
                .get("/api/reports/flows/" + flowId).then().statusCode(200).extract().jsonPath().getMap("funnel");
        assertThat(funnel).containsEntry("entered", 5).containsEntry("treated", 3).containsEntry("heldOut", 2)
                .containsEntry("converted", 1);
    }
}
