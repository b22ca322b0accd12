package io.comeback.flows;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The linter warns when a marketing flow lacks a language of the customers it targets, counted in PostgreSQL from the
 * customers who can enter (opted in, in its audience): in {@code GET /api/flows}, {@code GET /api/flows/{id}} and on
 * the flow's page. Its audience is a club no other test's customers are in: eight Swedes, one Dane and one Norwegian
 * opted in, and Swedes without consent or outside the club who do not count.
 */
@QuarkusTest
@TestProfile(FlowFolderProfile.class)
class LanguageCoverageApiTest {

    private static final String FLOW = "lang_club";
    private static final Path FILE = FlowFolderProfile.FOLDER.resolve(FLOW + ".yaml");

    @AfterEach
    void removeTheFlow() throws Exception {
        Files.deleteIfExists(FILE);
        given().post("/api/flows/reload").then().statusCode(200);
    }

    @Test
    void aMarketingFlowWithoutTheLanguageOfItsCustomersIsWarnedOfWithTheirShareAndWhatTheyGet() throws Exception {
        String club = "club_" + TestData.letters();
        for (int i = 0; i < 8; i++) {
            customer(club, "sv-SE", TestData.swedishMobile(), true);
        }
        customer(club, "da-DK", TestData.norwegianMobile(), true);
        customer(club, "nb-NO", TestData.norwegianMobile(), true);
        customer(club, "sv-SE", TestData.swedishMobile(), false);
        customer("other_" + club, "sv-SE", TestData.swedishMobile(), true);

        write(club, """
                        nb: "Hei! Svar STOPP for å melde deg av."
                        en: "Hi! Reply STOP to opt out."
                """);
        List<Map<String, Object>> warnings = listed().getList("find { it.id == '" + FLOW + "' }.languageWarnings");
        assertThat(warnings)
                .extracting(w -> w.get("message"))
                .containsExactly(
                        "80 % of customers who can enter read Swedish (sv); this flow has no sv text: they get nb",
                        "10 % of customers who can enter read Danish (da); this flow has no da text: they get nb");
        assertThat(warnings.get(0))
                .containsEntry("language", "sv")
                .containsEntry("customers", 8)
                .containsEntry("steps", List.of("hello", "again"))
                .containsEntry("fallback", List.of("nb"));

        JsonPath one = given().get("/api/flows/" + FLOW)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(one.getList("languageWarnings.message", String.class))
                .containsExactly(
                        "80 % of customers who can enter read Swedish (sv); this flow has no sv text: they get nb",
                        "10 % of customers who can enter read Danish (da); this flow has no da text: they get nb");
        String page = io.restassured.RestAssured.given()
                .cookie("comeback_session", Api.signIn("viewer-" + TestData.id("v"), "viewer"))
                .get("/flows/" + FLOW)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("id=\"language-warnings\"")
                .contains("80 % of customers who can enter read Swedish (sv); this flow has no sv text: they get nb");

        // Swedish in the first text only: the second step is named. The Danes now get the Norwegian text either way.
        write(club, """
                        nb: "Hei! Svar STOPP for å melde deg av."
                        sv: "Hej! Svara STOPP för att avregistrera dig."
                """, """
                        nb: "Hei igjen! Svar STOPP for å melde deg av."
                """);
        assertThat(given().get("/api/flows/" + FLOW)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("languageWarnings.message", String.class))
                .containsExactly(
                        "80 % of customers who can enter read Swedish (sv); step again has no sv text: they get nb there",
                        "10 % of customers who can enter read Danish (da); this flow has no da text: they get nb");
    }

    @Test
    void aTransactionalFlowAndAFlowWithEveryLanguageAreNotWarnedOf() throws Exception {
        String club = "club_" + TestData.letters();
        customer(club, "sv-SE", TestData.swedishMobile(), true);
        write(club, """
                        nb: "Hei! Svar STOPP for å melde deg av."
                        sv: "Hej! Svara STOPP för att avregistrera dig."
                """, """
                        sv: "Hej igen! Svara STOPP för att avregistrera dig."
                """);
        assertThat(given().get("/api/flows/" + FLOW)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("languageWarnings"))
                .isEmpty();
        Files.writeString(FILE, Files.readString(FILE).replace("kind: marketing", "kind: transactional"));
        given().post("/api/flows/reload").then().statusCode(200);
        customer(club, "da-DK", TestData.norwegianMobile(), true);
        assertThat(listed().getList("find { it.id == '" + FLOW + "' }.languageWarnings"))
                .isEmpty();
    }

    private static JsonPath listed() {
        return given().get("/api/flows").then().statusCode(200).extract().jsonPath();
    }

    private static void write(String club, String firstText) throws Exception {
        write(club, firstText, firstText);
    }

    /** The flow, its audience the club, with two texts; each text's lines are indented for {@code text:}. */
    private static void write(String club, String firstText, String secondText) throws Exception {
        Files.writeString(FILE, """
                id: %s
                settings:
                  kind: marketing
                  quiet_hours: none
                trigger:
                  event:
                    type: lang_club_never_sent
                entry:
                  audience:
                    - attribute: club
                      equals: %s
                steps:
                  - id: hello
                    send:
                      text:
                %s
                  - id: again
                    send:
                      text:
                %s
                """.formatted(FLOW, club, firstText.stripTrailing(), secondText.stripTrailing()));
        given().post("/api/flows/reload").then().statusCode(200);
        assertThat(listed().getString("find { it.id == '" + FLOW + "' }.status"))
                .isEqualTo("active");
    }

    private static void customer(String club, String locale, String phone, boolean optedIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", phone);
        body.put("locale", locale);
        body.put("attributes", Map.of("club", club));
        if (optedIn) {
            body.put("consent", Map.of("status", "opted_in", "source", "checkout"));
        }
        given().body(body).put("/api/customers/" + TestData.id("lang")).then().statusCode(201);
    }
}
