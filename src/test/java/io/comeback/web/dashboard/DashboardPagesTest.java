package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.comeback.testing.Api;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over real HTTP: login and sessions, closing a conversation of the inbox, the customer page, the flow
 * list.
 * The runtime is driven step by step ({@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class DashboardPagesTest {

    @Test
    void pagesWithoutSessionGoToLoginAndComeBack() {
        RestAssured.given()
                .redirects()
                .follow(false)
                .get("/inbox?show=all")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/login?next=%2Finbox%3Fshow%3Dall"));
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", "forged")
                .get("/flows")
                .then()
                .statusCode(303)
                .header("Location", containsString("/login?next=%2Fflows"));

        Api.user("Kari", "marketer");
        Response wrong = RestAssured.given()
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("username", "Kari")
                .formParam("password", "not-the-password")
                .formParam("next", "/inbox")
                .post("/login");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body().asString()).contains("That user name and password do not match.");
        assertThat(wrong.getCookie("comeback_session")).isNull();

        Response ok = RestAssured.given()
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("username", "Kari")
                .formParam("password", Api.password("Kari"))
                .formParam("next", "/inbox?show=all")
                .post("/login");
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.header("Location")).endsWith("/inbox?show=all");
        String setCookie = ok.header("Set-Cookie");
        assertThat(setCookie)
                .contains("comeback_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .doesNotContain(Api.password("Kari"));
        String session = ok.getCookie("comeback_session");
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Signed in as Kari"));

        // Logout ends the session on the server, not only in this browser.
        String csrf = csrf(RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows")
                .body()
                .asString());
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf)
                .post("/logout")
                .then()
                .statusCode(303);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(303);
    }

    @Test
    void loginNeverRedirectsToAnotherSite() {
        Api.user("Redirected", "viewer");
        for (String next :
                List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "")) {
            Response r = RestAssured.given()
                    .redirects()
                    .follow(false)
                    .contentType(ContentType.URLENC)
                    .formParam("username", "Redirected")
                    .formParam("password", Api.password("Redirected"))
                    .formParam("next", next)
                    .post("/login");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(java.net.URI.create(r.header("Location")).getPath())
                    .as(next)
                    .isEqualTo("/");
            assertThat(r.header("Location")).as(next).doesNotContain("evil");
        }
    }

    @Test
    void closingAConversationLeavesTheOpenListOnPageAndApi() {
        String customer = TestData.id("dash-inbox");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "firstName", "Ola"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String text = "Kan jeg bytte skoene? " + customer;
        given().body(Map.of("from", phone, "body", text))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        int reply = given().get("/api/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("find { it.body == '" + text + "' }.id");
        int id = given().queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .extract()
                .jsonPath()
                .getInt("[0].id");

        String session = signIn("Kari");
        String list = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        assertThat(list)
                .contains(text)
                .contains("href=\"/inbox/" + id + "\"")
                .contains("Unread")
                .contains("<label for=\"customer-search\" class=\"visually-hidden\">");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox/" + id)
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        assertThat(page)
                .contains(text)
                .contains("action=\"/inbox/" + id + "/close\"")
                .contains("<label for=\"reply-body\">")
                .contains("<label for=\"assign-user\">");

        // Without the session's CSRF token nothing changes.
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", "guess")
                .post("/inbox/" + id + "/close")
                .then()
                .statusCode(403);
        given().get("/api/inbox").then().body("find { it.id == " + reply + " }.handled", equalTo(false));

        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf(page))
                .post("/inbox/" + id + "/close")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/inbox?closed=" + id));
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox")
                .then()
                .statusCode(200)
                .body(not(containsString(text)));
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/inbox?show=closed")
                .then()
                .statusCode(200)
                .body(containsString(text))
                .body(containsString("by Kari"));

        given().get("/api/inbox").then().body("find { it.id == " + reply + " }", org.hamcrest.Matchers.nullValue());
        given().queryParam("handled", "all")
                .get("/api/inbox")
                .then()
                .body("find { it.id == " + reply + " }.handled", equalTo(true))
                .body("find { it.id == " + reply + " }.handledBy", equalTo("Kari"));
        given().queryParam("handled", "maybe")
                .get("/api/inbox")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("handled"));
    }

    @Test
    void inboxApiMarksHandledIdempotentlyAndRefusesUnknownIds() {
        String phone = TestData.norwegianMobile();
        String text = "Hvor er pakken min? " + phone;
        given().body(Map.of("from", phone, "body", text))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        int id = given().get("/api/inbox").then().extract().jsonPath().getInt("find { it.body == '" + text + "' }.id");

        String first = given().body(Map.of("by", "Per"))
                .post("/api/inbox/" + id + "/handled")
                .then()
                .statusCode(200)
                .body("handled", equalTo(true))
                .body("handledBy", equalTo("Per"))
                .extract()
                .path("handledAt");
        given().body(Map.of("by", "Someone else"))
                .post("/api/inbox/" + id + "/handled")
                .then()
                .statusCode(200)
                .body("handledBy", equalTo("Per"))
                .body("handledAt", equalTo(first));
        given().queryParam("handled", "true")
                .get("/api/inbox")
                .then()
                .body("find { it.id == " + id + " }.handledAt", equalTo(first));

        given().post("/api/inbox/987654321/handled")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        RestAssured.given().post("/api/inbox/" + id + "/handled").then().statusCode(401);
    }

    @Test
    void customerPageShowsProfileConsentAndMergedTimeline() {
        // In daytime in Oslo: on the real clock after 21:00 there, the NPS question would wait for the end of quiet
        // hours.
        TestClockProducer.CLOCK.setTo(LocalDateTime.of(2030, 3, 5, 10, 0)
                .atZone(ZoneId.of("Europe/Oslo"))
                .toInstant());
        customerPageAtDaytime();
    }

    private void customerPageAtDaytime() {
        String customer = TestData.id("dash-cust");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Sigrid",
                        "lastName",
                        "Dahl",
                        "consent",
                        Map.of("status", "opted_out", "source", "checkout")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String order = TestData.id("dash-order");
        given().body(Map.of(
                        "orderId",
                        order,
                        "customerId",
                        customer,
                        "total",
                        "349.50",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2026-03-01T10:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(201);
        // The order's feedback flow is due at once (P5D after March); answer once its question has gone out,
        // so the reply reaches the flow waiting for it rather than the inbox.
        new RuntimeDriver().runDue();
        assertThat(given().queryParam("to", phone)
                        .get("/simulator/messages")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("body", String.class))
                .as("the NPS question")
                .isNotEmpty();
        given().body(Map.of("from", phone, "body", "Hei der"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);

        String session = signIn("Kari");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/customers/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        assertThat(page)
                .contains("Sigrid Dahl")
                .contains("opted out")
                .contains("Order " + order)
                .contains("NOK 349.50")
                .contains("Hei der")
                .contains("answer to flow Post-purchase feedback (NPS)")
                .contains("Consent opt-out")
                .contains("Entered flow Post-purchase feedback (NPS)");
        // Newest first: the reply (now) comes before the order (March 2026).
        assertThat(page.indexOf("Hei der")).isLessThan(page.indexOf("Order " + order));

        // The search box finds by external id and by phone number written the local way.
        String local = phone.substring(3, 6) + " " + phone.substring(6, 8) + " " + phone.substring(8);
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .queryParam("q", local)
                .get("/customers")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/customers/" + customer));
        RestAssured.given()
                .cookie("comeback_session", session)
                .queryParam("q", "nobody-" + customer)
                .get("/customers")
                .then()
                .statusCode(404)
                .body(containsString("Customer not found"));
    }

    @Test
    void flowListShowsEveryFlowWithStatusAndVersion() {
        String session = signIn("Kari");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows")
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        List<Map<String, Object>> flows =
                given().get("/api/flows").then().extract().jsonPath().getList("$");
        assertThat(flows).isNotEmpty();
        for (Map<String, Object> f : flows) {
            assertThat(page).contains("href=\"/flows/" + f.get("id") + "\"").contains(String.valueOf(f.get("status")));
            if (f.get("version") != null) {
                assertThat(page).contains((String) f.get("version"));
            }
        }
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows/no-such-flow")
                .then()
                .statusCode(404)
                .body(containsString("no flow"));
    }

    @Test
    void overviewShowsEveryLoyaltyFigureWithAChartAndTheApiTotals() {
        String customer = TestData.id("dash-loyal");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        for (String total : List.of("100.00", "300.00")) {
            given().body(Map.of(
                            "orderId",
                            TestData.id("dash-lo"),
                            "customerId",
                            customer,
                            "total",
                            total,
                            "currency",
                            "NOK",
                            "placedAt",
                            "2026-02-10T10:00:00Z"))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
        String session = signIn("Kari");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/?from=2026-01-01&to=2026-03-31&interval=month")
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        for (String id : List.of("crr", "churn", "repeat", "aov", "frequency", "clv", "nps")) {
            assertThat(page).contains("id=\"figure-" + id + "\"").contains("id=\"chart-" + id + "\"");
        }
        assertThat(page)
                .contains("<svg class=\"chart line-chart\"")
                .contains("role=\"img\"")
                .contains(">2026-02</th>");

        Matcher times = Pattern.compile("<time datetime=\"([^\"]+)\">").matcher(page);
        assertThat(times.find()).isTrue();
        String from = times.group(1);
        assertThat(times.find()).isTrue();
        String to = times.group(1);
        Map<String, Object> total = given().queryParam("from", from)
                .queryParam("to", to)
                .queryParam("interval", "month")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("total");
        String aov = figureValue(page, "aov");
        assertThat(aov).as("money with the shop's currency").startsWith("NOK ");
        assertThat(new java.math.BigDecimal(aov.replace("NOK ", "").replace(",", "")))
                .isEqualByComparingTo(String.valueOf(total.get("averageOrderValue")));
        String formula = given().queryParam("from", from)
                .queryParam("to", to)
                .get("/api/reports/loyalty")
                .then()
                .extract()
                .path("lifetimeValueFormula");
        assertThat(page).contains(formula);
    }

    private static String figureValue(String page, String id) {
        Matcher m = Pattern.compile(
                        "id=\"figure-" + id + "\">\\s*<h2[^>]*>[^<]*</h2>\\s*<p class=\"value\">([^<]*)</p>")
                .matcher(page);
        assertThat(m.find()).as("figure " + id).isTrue();
        return m.group(1);
    }

    /** Signs in as a marketer of this name (created on first use). */
    private static String signIn(String name) {
        return Api.signIn(name, "marketer");
    }

    private static String csrf(String page) {
        return Api.csrf(page);
    }
}
