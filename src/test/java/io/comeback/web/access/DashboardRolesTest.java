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

    private static long inboxReply() {
        String phone = TestData.norwegianMobile();
        String text = "Hei, et spørsmål " + TestData.id("q");
        Api.given()
                .body(Map.of("from", phone, "body", text))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        return Api.given()
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("find { it.body == '" + text + "' }.id");
    }

    @Test
    void aViewerSeesTheInboxButCannotMarkARepliesHandled() {
        long id = inboxReply();
        String session = Api.signIn("viewer-" + TestData.id("v"), "viewer");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).doesNotContain("action=\"/inbox/" + id + "/handled\"");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", Api.csrf(page))
                .post("/inbox/" + id + "/handled")
                .then()
                .statusCode(403);
        Api.given()
                .get("/api/inbox")
                .then()
                .body("find { it.id == " + id + " }.handled", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void aFormWithoutItsTokenChangesNothing() {
        long id = inboxReply();
        String session = Api.signIn("marketer-" + TestData.id("m"), "marketer");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .post("/inbox/" + id + "/handled")
                .then()
                .statusCode(403);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", "forged")
                .post("/inbox/" + id + "/handled")
                .then()
                .statusCode(403);
        Api.given()
                .get("/api/inbox")
                .then()
                .body("find { it.id == " + id + " }.handled", org.hamcrest.Matchers.equalTo(false));

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
        for (String page : new String[] {"/", "/flows", "/inbox", "/login"}) {
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
