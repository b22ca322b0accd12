package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A campaign at 10:00 local time to 1,000 customers in Oslo, Helsinki and New York, on the day Europe moves its
 * clocks forward (29 March 2026; New York moved on 8 March): each zone's texts leave at its own 10:00 — Helsinki
 * 07:00Z, Oslo 08:00Z, New York 14:00Z — not a minute before, each person gets one text, and nothing is sent twice.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignScheduleTest {

    private static final String OSLO = "Europe/Oslo";
    private static final String HELSINKI = "Europe/Helsinki";
    private static final String NEW_YORK = "America/New_York";

    @Test
    void eachZoneGetsItsTextAtItsOwnTenOClockOnce() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-28T20:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        CampaignSteps.cohort(cohort, 334, OSLO, "nb-NO", TestData::norwegianMobile);
        CampaignSteps.cohort(cohort, 333, HELSINKI, "fi-FI", TestData::finnishMobile);
        CampaignSteps.cohort(cohort, 333, NEW_YORK, "en-US", TestData::usMobile);
        String id = "spring-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                name: Spring sale
                audience:
                  - attribute: cohort
                    equals: %s
                send:
                  text:
                    nb: "Vårsalg i dag! Svar STOPP for å melde deg av."
                    en: "Spring sale today! Reply STOP to opt out."
                schedule:
                  date: 2026-03-29
                  at: "10:00"
                """.formatted(id, cohort)).statusCode(201).body("state", equalTo("draft"));

        CampaignSteps.post(id, "start")
                .statusCode(200)
                .body("state", equalTo("scheduled"))
                .body("counts.audience", equalTo(1000))
                .body("counts.queued", equalTo(1000))
                .body("firstSendAt", equalTo("2026-03-29T07:00:00Z"))
                .body("lastSendAt", equalTo("2026-03-29T14:00:00Z"));

        runtime.stepTo(Instant.parse("2026-03-29T06:59:00Z"), Duration.ofHours(1));
        assertThat(CampaignSteps.handedOverByZone(id))
                .as("nothing before Helsinki's 10:00")
                .isEmpty();
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-29T07:00:00Z"));
        runtime.runDue();
        assertThat(CampaignSteps.handedOverByZone(id)).isEqualTo(Map.of(HELSINKI, 333L));
        given().get("/api/campaigns/" + id).then().body("state", equalTo("sending"));
        runtime.stepTo(Instant.parse("2026-03-29T07:59:00Z"), Duration.ofMinutes(30));
        assertThat(CampaignSteps.handedOverByZone(id)).isEqualTo(Map.of(HELSINKI, 333L));
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-29T08:00:00Z"));
        runtime.runDue();
        assertThat(CampaignSteps.handedOverByZone(id)).isEqualTo(Map.of(HELSINKI, 333L, OSLO, 334L));
        runtime.stepTo(Instant.parse("2026-03-29T13:59:00Z"), Duration.ofHours(1));
        assertThat(CampaignSteps.handedOverByZone(id)).isEqualTo(Map.of(HELSINKI, 333L, OSLO, 334L));
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-03-29T14:00:00Z"));
        runtime.runDue();
        assertThat(CampaignSteps.handedOverByZone(id)).isEqualTo(Map.of(HELSINKI, 333L, OSLO, 334L, NEW_YORK, 333L));

        runtime.stepTo(Instant.parse("2026-04-02T12:00:00Z"), Duration.ofHours(6));
        runtime.deliverReceipts();
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(1000);
        assertThat(CampaignSteps.mostCopiesOfOneText(id))
                .as("no text sent twice")
                .isEqualTo(1);
        assertThat(CampaignSteps.mostTextsToOnePerson(id))
                .as("one text per person")
                .isEqualTo(1);
        given().get("/api/campaigns/" + id)
                .then()
                .body("state", equalTo("done"))
                .body("counts.queued", equalTo(0))
                .body("counts.sent", equalTo(1000))
                .body("counts.delivered", equalTo(1000));
    }
}
