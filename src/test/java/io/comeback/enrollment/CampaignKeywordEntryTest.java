package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.ConsentSteps;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Reply VIP to join": a recipient's keyword within the campaign's window is one entry however often they send it,
 * confirmed in their language; someone the campaign did not reach, or a keyword after the window, is no entry.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignKeywordEntryTest {

    @Test
    void aRecipientsKeywordIsRecordedOnceAndConfirmed() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-09-01T08:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        String swede = TestData.swedishMobile();
        String norwegian = TestData.norwegianMobile();
        String swedeId = CampaignSteps.cohort(cohort, 1, "Europe/Stockholm", "sv-SE", () -> swede)
                .get(0);
        CampaignSteps.cohort(cohort, 1, "Europe/Oslo", "nb-NO", () -> norwegian);
        String outsider = TestData.norwegianMobile();
        CampaignSteps.cohort(TestData.letters(), 1, "Europe/Oslo", "nb-NO", () -> outsider);
        String id = "contest-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                send:
                  text:
                    nb: "Svar VIP for å bli med i trekningen! Svar STOPP for å melde deg av."
                    sv: "Svara VIP för att vara med i utlottningen! Svara STOPP för att avregistrera dig."
                keyword:
                  words: [VIP]
                  open_for: P2D
                  confirm:
                    nb: "Du er med i trekningen, {{ customer.firstName | du }}!"
                    sv: "Du är med i utlottningen, {{ customer.firstName | du }}!"
                """.formatted(id, cohort)).statusCode(201);
        CampaignSteps.post(id, "start").statusCode(200);
        runtime.runDue();

        runtime.advance(Duration.ofHours(2));
        ConsentSteps.texts(swede, "vip!").statusCode(200);
        ConsentSteps.texts(swede, "VIP").statusCode(200);
        ConsentSteps.texts(outsider, "VIP").statusCode(200);
        runtime.runDue();
        assertThat(entries(id)).isEqualTo(1);
        assertThat(texts(swede))
                .filteredOn(b -> b.startsWith("Du är med i utlottningen, Kari!"))
                .hasSize(2);
        assertThat(texts(outsider)).noneMatch(b -> b.contains("trekningen"));

        runtime.advance(Duration.ofDays(2));
        ConsentSteps.texts(norwegian, "VIP").statusCode(200);
        runtime.runDue();
        assertThat(entries(id)).as("the window has closed").isEqualTo(1);
        assertThat(texts(norwegian)).noneMatch(b -> b.contains("Du er med i trekningen"));

        // The entry is the person's data: in their access export, gone with their erasure.
        given().get("/api/customers/" + swedeId + "/export")
                .then()
                .statusCode(200)
                .body("campaignEntries[0].campaignId", org.hamcrest.Matchers.equalTo(id))
                .body("campaignEntries[0].keyword", org.hamcrest.Matchers.equalTo("VIP"));
        given().delete("/api/customers/" + swedeId).then().statusCode(204);
        assertThat(entries(id)).isZero();
    }

    private static long entries(String campaignId) {
        long[] n = {0};
        CampaignSteps.query(
                "SELECT count(*) FROM campaign_entries WHERE 'campaign.' || campaign_id = ?",
                campaignId,
                rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private static List<String> texts(String phone) {
        return given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .extract()
                .jsonPath()
                .getList("body", String.class);
    }
}
