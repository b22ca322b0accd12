package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The campaign API: YAML problems with their lines, the preview's counts, reasons and cost, and who may do what. */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignApiTest {

    @Test
    void aTextWithErrorsIsRefusedNamingTheLineAndStoresNothing() {
        String id = "broken-" + TestData.letters();
        CampaignSteps.put(id, """
                id: %s
                send:
                  text: "Hei! Svar STOPP for å melde deg av."
                convert_within: 3 days
                schedule:
                  at: "23:30"
                """.formatted(id))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 4"))
                .body("errors.line", hasItem(4))
                .body("errors.line", hasItem(6))
                .body("errors.message", hasItem(containsString("08:00 to 21:00")));
        CampaignSteps.put(id, "id: [unclosed\n").statusCode(400).body("errors[0].line", equalTo(2));
        given().get("/api/campaigns/" + id).then().statusCode(404);
        CampaignSteps.put(id, """
                id: %s
                sned:
                  text: "Hei!"
                """.formatted(id)).statusCode(400).body("errors.line", hasItem(2));
        CampaignSteps.put(id, "id: other-id\nsend:\n  text: \"Hei! Svar STOPP.\"\n")
                .statusCode(400)
                .body("detail", containsString("differs"));
    }

    @Test
    void previewShowsWhoHowManySegmentsAndCostPerCountry() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-05-04T06:00:00Z"));
        String cohort = TestData.letters();
        CampaignSteps.cohort(cohort, 3, "Europe/Oslo", "nb-NO", TestData::norwegianMobile);
        CampaignSteps.cohort(cohort, 2, "Europe/Stockholm", "sv-SE", TestData::swedishMobile);
        CampaignSteps.cohort(cohort, 1, "America/New_York", "en-US", TestData::usMobile);
        String id = "preview-" + cohort;
        String longNb = "Hei {{ customer.firstName | der }}! " + "Nå er det salg på alt i butikken. ".repeat(5)
                + "Svar STOPP for å melde deg av.";
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                send:
                  text:
                    nb: "%s"
                    sv: "Rea! Svara STOPP för att avregistrera dig."
                    en: "Sale! Reply STOP to opt out."
                schedule:
                  date: 2026-05-04
                  at: "10:00"
                """.formatted(id, cohort, longNb)).statusCode(201);
        given().get("/api/campaigns").then().statusCode(200).body("id", hasItem(id));

        given().post("/api/campaigns/" + id + "/preview")
                .then()
                .statusCode(200)
                .body("audience", equalTo(6))
                .body("heldOut", equalTo(0))
                .body("sample", hasSize(6))
                .body("sample.reasons.flatten()", hasItem("customer.attributes.cohort equals " + cohort))
                .body("sample.find { it.timeZone == 'America/New_York' }.sendAt", equalTo("2026-05-04T14:00:00Z"))
                .body("sample.find { it.timeZone == 'Europe/Oslo' }.sendAt", equalTo("2026-05-04T08:00:00Z"))
                .body("texts.find { it.language == 'nb' }.segments", equalTo(2))
                .body("texts.find { it.language == 'nb' }.recipients", equalTo(3))
                .body("texts.find { it.language == 'sv' }.segments", equalTo(1))
                .body("countries.find { it.country == 'NO' }.segments", equalTo(6))
                .body("countries.find { it.country == 'NO' }.cost", equalTo(0.60f))
                .body("countries.find { it.country == 'US' }.pricePerSegment", equalTo(0.0083f))
                .body("countries.find { it.country == 'SE' }.cost", equalTo(0.20f))
                .body("currency", equalTo("USD"));
    }

    @Test
    void aViewerReadsButCannotWriteOrStart() {
        String id = "roles-" + TestData.letters();
        String yaml = """
                id: %s
                audience:
                  - tag: %s
                send:
                  text: "Hei! Svar STOPP for å melde deg av."
                """.formatted(id, TestData.letters());
        CampaignSteps.put(id, yaml).statusCode(201);
        String readKey = given().body(Map.of("name", TestData.id("campaign-reader"), "scope", "read"))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        RestAssured.given()
                .header("Authorization", "Bearer " + readKey)
                .get("/api/campaigns/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("draft"));
        RestAssured.given()
                .header("Authorization", "Bearer " + readKey)
                .contentType(ContentType.JSON)
                .post("/api/campaigns/" + id + "/start")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        RestAssured.given()
                .header("Authorization", "Bearer " + readKey)
                .contentType("text/plain; charset=UTF-8")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/campaigns/" + id)
                .then()
                .statusCode(403);
        given().get("/api/campaigns/" + id).then().body("state", equalTo("draft"));
        RestAssured.given().get("/api/campaigns").then().statusCode(401);

        CampaignSteps.post(id, "start").statusCode(200);
        CampaignSteps.post(id, "start").statusCode(409).body("detail", containsString("starts once"));
        CampaignSteps.put(id, yaml).statusCode(409);
        CampaignSteps.post("nobody-" + TestData.letters(), "start").statusCode(404);
        given().get("/api/campaigns")
                .then()
                .body("findAll { it.id == '" + id + "' }.state", everyItem(equalTo("done")));
    }
}
