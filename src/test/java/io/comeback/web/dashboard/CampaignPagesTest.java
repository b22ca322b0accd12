package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The campaign pages over HTTP: the list and the composer for every role, and the page's calls and buttons — each
 * needs its token, and a viewer may check and preview a text but never save, start, pause or cancel.
 */
@QuarkusTest
class CampaignPagesTest {

    static String campaign(String id, String sendKey) {
        return """
                id: %s
                name: Page test %s
                audience:
                  - attribute: cohort
                    equals: %s
                %s:
                  text:
                    en: "Autumn sale today! Reply STOP to opt out."
                schedule:
                  at: "10:00"
                """.formatted(id, id, id, sendKey);
    }

    private static String draft() {
        String id = "page-" + TestData.letters();
        given().contentType("text/plain")
                .body(campaign(id, "send").getBytes(StandardCharsets.UTF_8))
                .put("/api/campaigns/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static String page(String session, String path) {
        return RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static RequestSpecification as(String session, String csrf) {
        RequestSpecification r = RestAssured.given().redirects().follow(false).cookie("comeback_session", session);
        return csrf == null ? r : r.header(FlowEditorPage.CSRF_HEADER, csrf);
    }

    @Test
    void aViewerSeesTheCampaignReadOnlyAndEveryChangeIsRefused() {
        String id = draft();
        String session = Api.signIn("camp-viewer-" + TestData.letters(), "viewer");
        assertThat(page(session, "/campaigns")).contains("Page test " + id).doesNotContain("id=\"new-campaign-link\"");
        String composer = page(session, "/campaigns/" + id);
        assertThat(composer)
                .contains("id=\"read-only-note\"")
                .contains("id=\"preview-result\"")
                .doesNotContain("action=\"/campaigns/" + id + "/start\"")
                .doesNotContain("id=\"save-draft\"");
        String csrf = Api.csrf(composer);

        // Reading: checking and previewing a text.
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send"))
                .post("/campaigns/validate?id=" + id)
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send"))
                .post("/campaigns/preview")
                .then()
                .statusCode(200)
                .body(containsString("id=\"preview-costs\""));

        // Changing: refused, with the viewer's own session and token.
        for (String action : new String[] {"start", "pause", "resume", "cancel"}) {
            as(session, null)
                    .contentType(ContentType.URLENC)
                    .formParam("csrf", csrf)
                    .post("/campaigns/" + id + "/" + action)
                    .then()
                    .statusCode(403);
        }
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send").replace("Autumn", "Forged"))
                .put("/campaigns/" + id + "/draft")
                .then()
                .statusCode(403);
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign("viewer-" + id, "send"))
                .post("/campaigns")
                .then()
                .statusCode(403);
        given().get("/api/campaigns/" + id).then().body("state", equalTo("draft"));
        given().get("/api/campaigns/viewer-" + id).then().statusCode(404);
    }

    @Test
    void everyCallAndButtonNeedsTheToken() {
        String id = draft();
        String session = Api.signIn("camp-marketer-" + TestData.letters(), "marketer");
        String composer = page(session, "/campaigns/" + id);
        assertThat(composer).contains("action=\"/campaigns/" + id + "/start\"");
        for (String csrf : new String[] {null, "forged"}) {
            var form = as(session, null).contentType(ContentType.URLENC);
            (csrf == null ? form : form.formParam("csrf", csrf))
                    .post("/campaigns/" + id + "/start")
                    .then()
                    .statusCode(403);
            as(session, csrf)
                    .contentType("text/plain")
                    .body(campaign(id, "send"))
                    .put("/campaigns/" + id + "/draft")
                    .then()
                    .statusCode(403);
            as(session, csrf)
                    .contentType("text/plain")
                    .body(campaign(id, "send"))
                    .post("/campaigns/validate")
                    .then()
                    .statusCode(403);
            as(session, csrf)
                    .contentType("text/plain")
                    .body(campaign(id, "send"))
                    .post("/campaigns/preview")
                    .then()
                    .statusCode(403);
        }
        given().get("/api/campaigns/" + id).then().body("state", equalTo("draft"));

        // With the token the button works: the campaign is cancelled and the page says so.
        as(session, null)
                .contentType(ContentType.URLENC)
                .formParam("csrf", Api.csrf(composer))
                .post("/campaigns/" + id + "/cancel")
                .then()
                .statusCode(303)
                .header("Location", containsString("/campaigns/" + id + "?done=cancelled"));
        given().get("/api/campaigns/" + id).then().body("state", equalTo("cancelled"));
        assertThat(page(session, "/campaigns/" + id + "?done=cancelled"))
                .contains("Cancelled. The texts not yet handed")
                .doesNotContain("action=\"/campaigns/" + id + "/start\"");
    }

    @Test
    void aMarketerCreatesAndSavesADraftWithProblemsByLine() {
        String session = Api.signIn("camp-writer-" + TestData.letters(), "marketer");
        String csrf = Api.csrf(page(session, "/campaigns/new"));
        String id = "new-" + TestData.letters();
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "sned"))
                .post("/campaigns")
                .then()
                .statusCode(400)
                .body("errors.line", hasItem(6));
        given().get("/api/campaigns/" + id).then().statusCode(404);
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send"))
                .post("/campaigns")
                .then()
                .statusCode(201)
                .body("page", equalTo("/campaigns/" + id));
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send"))
                .post("/campaigns")
                .then()
                .statusCode(409);
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign(id, "send").replace("Autumn sale", "Winter sale"))
                .put("/campaigns/" + id + "/draft")
                .then()
                .statusCode(200);
        given().get("/api/campaigns/" + id)
                .then()
                .body("state", equalTo("draft"))
                .body("changedBy", containsString("camp-writer-"));

        // The composer checks that the text keeps its campaign's id, at the id's line.
        as(session, csrf)
                .contentType("text/plain")
                .body(campaign("other-" + id, "send"))
                .post("/campaigns/validate?id=" + id)
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.find { it.path == 'id' }.line", equalTo(1));
        assertThat(page(session, "/campaigns")).contains("Page test " + id).contains("id=\"new-campaign-link\"");
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/campaigns/no-such-campaign")
                .then()
                .statusCode(404);
    }

    @Test
    void theButtonsStartPauseResumeAndCancelAndARefusalSaysWhy() {
        String id = "life-" + TestData.letters();
        Api.csv("externalId,firstName,phone,timeZone,locale,consentStatus,consentSource,cohort\n"
                        + TestData.id("life") + ",Kari," + TestData.norwegianMobile()
                        + ",Europe/Oslo,nb-NO,opted_in,checkout," + id + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200);
        given().contentType("text/plain")
                .body(campaign(id, "send").replace("  at: \"10:00\"", "  date: 2099-06-01\n  at: \"10:00\""))
                .put("/api/campaigns/" + id)
                .then()
                .statusCode(201);
        String session = Api.signIn("camp-starter-" + TestData.letters(), "marketer");
        String composer = page(session, "/campaigns/" + id);
        assertThat(composer).contains("Yes, start: send 1 texts");
        String csrf = Api.csrf(composer);
        for (String[] step : new String[][] {
            {"start", "started", "scheduled", "Yes, pause 1 texts"},
            {"pause", "paused", "paused", "Yes, resume 1 texts"},
            {"resume", "resumed", "scheduled", "Yes, pause 1 texts"}
        }) {
            as(session, null)
                    .contentType(ContentType.URLENC)
                    .formParam("csrf", csrf)
                    .post("/campaigns/" + id + "/" + step[0])
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("?done=" + step[1]));
            given().get("/api/campaigns/" + id).then().body("state", equalTo(step[2]));
            assertThat(page(session, "/campaigns/" + id + "?done=" + step[1]))
                    .contains("id=\"campaign-state\">" + step[2] + "<")
                    .contains(step[3]);
        }
        // Starting twice is refused with the reason, and changes nothing.
        String refused = as(session, null)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf)
                .post("/campaigns/" + id + "/start")
                .then()
                .statusCode(409)
                .extract()
                .asString();
        assertThat(refused).contains("id=\"control-refusal\"").contains("a campaign starts once");
        given().get("/api/campaigns/" + id).then().body("state", equalTo("scheduled"));
    }
}
