package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A campaign spread over 10:00–16:00 Oslo time, paused and resumed, then cancelled half way with texts written but
 * not yet handed over: those are blocked, nothing leaves after the cancel, and nothing is ever sent twice.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignCancelTest {

    @Test
    void pauseHoldsAndCancelStopsWhatWasNotHandedOver() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-30T06:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        CampaignSteps.cohort(cohort, 200, "Europe/Oslo", "nb-NO", TestData::norwegianMobile);
        String id = "spread-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                send:
                  text: "Ukens tilbud! Svar STOPP for å melde deg av."
                schedule:
                  date: 2026-03-30
                  spread: { from: "10:00", until: "16:00" }
                """.formatted(id, cohort)).statusCode(201);
        CampaignSteps.post(id, "start").statusCode(200).body("state", equalTo("scheduled"));

        // 10:00–11:30 Oslo (CEST): about a quarter.
        runtime.stepTo(Instant.parse("2026-03-30T09:30:00Z"), Duration.ofMinutes(10));
        long beforePause = total(id);
        assertThat(beforePause).isBetween(20L, 90L);
        CampaignSteps.post(id, "pause").statusCode(200).body("state", equalTo("paused"));
        runtime.stepTo(Instant.parse("2026-03-30T10:00:00Z"), Duration.ofMinutes(10));
        assertThat(total(id)).as("nothing leaves while paused").isEqualTo(beforePause);
        CampaignSteps.post(id, "pause").statusCode(409);
        CampaignSteps.post(id, "resume").statusCode(200).body("state", equalTo("sending"));
        runtime.runDue();
        runtime.stepTo(Instant.parse("2026-03-30T11:00:00Z"), Duration.ofMinutes(10));
        // Texts written by a wake-up, not yet taken by the dispatcher.
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-30T11:20:00Z"));
        Arc.container().instance(WakeUpBatch.class).get().run(TestClockProducer.CLOCK.instant(), 1000);
        long handedOver = total(id);
        long[] written = {0};
        CampaignSteps.query(
                "SELECT count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id "
                        + "WHERE e.flow_id = ? AND o.status = 'pending'",
                id,
                rs -> written[0] = rs.getLong(1));
        assertThat(written[0])
                .as("texts written and waiting for the dispatcher")
                .isPositive();

        CampaignSteps.post(id, "cancel").statusCode(200).body("state", equalTo("cancelled"));
        Instant cancelledAt = TestClockProducer.CLOCK.instant();
        runtime.stepTo(Instant.parse("2026-03-31T18:00:00Z"), Duration.ofMinutes(30));

        assertThat(total(id)).as("nothing handed over after the cancel").isEqualTo(handedOver);
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(handedOver);
        assertThat(CampaignSteps.mostCopiesOfOneText(id)).isEqualTo(1);
        long[] blocked = {0};
        CampaignSteps.query(
                "SELECT count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id "
                        + "WHERE e.flow_id = ? AND o.status = 'blocked' AND o.status_reason = 'campaign_cancelled'",
                id,
                rs -> blocked[0] = rs.getLong(1));
        assertThat(blocked[0]).isEqualTo(written[0]);
        long[] late = {0};
        CampaignSteps.query(
                "SELECT count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id "
                        + "WHERE e.flow_id = ? AND o.dispatched_at >= '" + cancelledAt + "'",
                id,
                rs -> late[0] = rs.getLong(1));
        assertThat(late[0]).as("no text dispatched after the cancel").isZero();
        given().get("/api/campaigns/" + id)
                .then()
                .body("state", equalTo("cancelled"))
                .body("counts.queued", equalTo(0))
                .body("counts.audience", equalTo(200));
        CampaignSteps.post(id, "cancel").statusCode(409);
        CampaignSteps.post(id, "start").statusCode(409);
    }

    private static long total(String id) {
        return CampaignSteps.handedOverByZone(id).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
