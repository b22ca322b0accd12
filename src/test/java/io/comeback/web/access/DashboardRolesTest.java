package io.comeback.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles on the dashboard, forms that need their token, and the headers pages are served with. */
@QuarkusTest
class DashboardRolesTest {

    /** A conversation: a question texted to the inbox. */
    private static long conversation() {
        String phone = TestData.norwegianMobile();
        String text = "Hei, et spørsmål " + TestData.id("q");
        Api.given()
                .body(Map.of("from", phone, "body", text))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        return Api.given()
                .queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("[0].id");
    }

    @Test
    void aViewerReadsAConversationButCannotReplyOrCloseIt() {
        long id = conversation();
        String session = Api.signIn("viewer-" + TestData.id("v"), "viewer");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .doesNotContain("action=\"/inbox/" + id + "/replies\"")
                .doesNotContain("action=\"/inbox/" + id + "/close\"");
        for (String form : new String[] {"replies", "close", "assign"}) {
            RestAssured.given()
                    .redirects()
                    .follow(false)
                    .cookie("comeback_session", session)
                    .contentType(ContentType.URLENC)
                    .formParam("csrf", Api.csrf(page))
                    .formParam("body", "Svar fra en som bare skal lese")
                    .post("/inbox/" + id + "/" + form)
                    .then()
                    .statusCode(403);
        }
        Api.given()
                .get("/api/conversations/" + id)
                .then()
                .body("conversation.status", org.hamcrest.Matchers.equalTo("open"))
                .body("messages.findAll { it.kind == 'REPLY' }.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aFormWithoutItsTokenChangesNothing() {
        long id = conversation();
        String session = Api.signIn("marketer-" + TestData.id("m"), "marketer");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .post("/inbox/" + id + "/close")
                .then()
                .statusCode(403);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", "forged")
                .post("/inbox/" + id + "/close")
                .then()
                .statusCode(403);
        Api.given()
                .get("/api/conversations/" + id)
                .then()
                .body("conversation.status", org.hamcrest.Matchers.equalTo("open"));

        // Logging out needs the token too: another site cannot sign a person out.
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .post("/logout")
                .then()
                .statusCode(403);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(200);
    }

    @Test
    void everyDashboardFormNeedsItsToken() {
        String session = Api.signIn("forms-" + TestData.id("f"), "admin");
        java.util.List<Routes.Route> forms = Routes.all("1").stream()
                .filter(r ->
                        r.signedIn() && !r.method().equals("GET") && !r.method().equals("HEAD"))
                .toList();
        assertThat(forms).isNotEmpty();
        for (Routes.Route form : forms) {
            RestAssured.given()
                    .redirects()
                    .follow(false)
                    .cookie("comeback_session", session)
                    .contentType(ContentType.URLENC)
                    .formParam("unrelated", "x")
                    .request(form.method(), form.path())
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void aDeletedUsersSessionEndsAtOnce() {
        String name = "leaver-" + TestData.id("l");
        String session = Api.signIn(name, "marketer");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .get("/flows")
                .then()
                .statusCode(200);
        Api.given().delete("/api/users/" + name).then().statusCode(204);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .get("/flows")
                .then()
                .statusCode(303);
    }

    @Test
    void pagesAreNeverFramedCachedOrSniffed() {
        String session = Api.signIn("headers-" + TestData.id("h"), "viewer");
        for (String page : new String[] {"/", "/flows", "/inbox", "/follow-ups", "/login"}) {
            RestAssured.given()
                    .redirects()
                    .follow(false)
                    .cookie("comeback_session", session)
                    .get(page)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-store");
        }
        Api.given()
                .get("/api/flows")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }
}
