package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.FlowEvent;
import io.comeback.enrollment.EnrollmentSignals;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    EnrollmentSignals signals;

    @Test
    void enteredIsTreatedPlusHeldOutAndAGoalBeforeTheFirstTextLeftIsNoConversion() {
        ReportData data = new ReportData(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        String flowId = "adds_up_" + TestData.letters();
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
        long early = textable(data);
        long late = textable(data);
        long quiet = textable(data);
        for (long customer : new long[] {early, late, quiet}) {
            runtime.enroll(flow, customer, evening);
        }
        for (int i = 0; i < 2; i++) {
            data.queryLong(
                    """
                    INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason)
                    VALUES (?, ?, ?, 'held_out', ?, ?, 'holdout') RETURNING id""", flowId, flow.version(), textable(data), Timestamp.from(evening), Timestamp.from(evening));
        }
        runtime.runDue();
        // The flow holds its texts back for the night: nothing written yet, and the flow says what waits and until
        // when.
        io.restassured.path.json.JsonPath queued = given().get("/api/flows/" + flowId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(queued.getInt("queued.deferred"))
                .as("texts waiting for the morning")
                .isEqualTo(3);
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

        assertThat(data.queryLong("""
                        SELECT count(*) FROM enrollments WHERE flow_id = ? AND customer_id IN (?, ?)
                          AND exit_reason = 'goal_reached'""", flowId, early, late))
                .as("both reached the goal")
                .isEqualTo(2);
        Map<String, Object> funnel = given().queryParam("from", EVENING.toString())
                .queryParam("to", EVENING.plusDays(3).toString())
                .get("/api/reports/flows/" + flowId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("funnel");
        assertThat(funnel)
                .containsEntry("entered", 5)
                .containsEntry("treated", 3)
                .containsEntry("heldOut", 2)
                .containsEntry("converted", 1);
    }

    /** An opted-in customer in Oslo with a number of their own, written without the API (no other flow starts). */
    private static long textable(ReportData data) {
        return data.queryLong("""
                INSERT INTO customers (external_id, phone, time_zone, locale, consent_status, consent_at)
                VALUES (?, ?, 'Europe/Oslo', 'nb', 'opted_in', now()) RETURNING id""", TestData.customerId(), TestData.norwegianMobile());
    }
}
