package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** {@code POST /api/campaigns/validate}: problems with their line, and nothing stored. */
@QuarkusTest
class CampaignValidationApiTest {

    static String campaign(String id, String sendKey) {
        return """
                id: %s
                name: Autumn sale
                audience:
                  - attribute: cohort
                    equals: autumn
                %s:
                  text:
                    en: "Autumn sale today! Reply STOP to opt out."
                    nb: "Høstsalg i dag! Svar STOPP for å melde deg av."
                schedule:
                  at: "10:00"
                """.formatted(id, sendKey);
    }

    @Test
    void aValidTextHasNoProblemsAndIsNotStored() {
        String id = "check-" + TestData.letters();
        given().contentType("text/plain; charset=UTF-8")
                .body(campaign(id, "send").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/campaigns/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("problems", empty());
        given().get("/api/campaigns/" + id).then().statusCode(404);
    }

    @Test
    void aTypoIsAnErrorOnItsLine() {
        String id = "typo-" + TestData.letters();
        given().contentType("text/yaml; charset=UTF-8")
                .body(campaign(id, "sned").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/campaigns/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.findAll { it.severity == 'error' }.line", hasItem(6))
                .body("problems.find { it.line == 6 }.message", containsString("sned"));
        given().get("/api/campaigns/" + id).then().statusCode(404);
    }

    @Test
    void itNeedsAKey() {
        RestAssured.given()
                .contentType("text/plain")
                .body(campaign("nokey", "send"))
                .post("/api/campaigns/validate")
                .then()
                .statusCode(401);
    }
}
