package io.comeback.audience.referrals;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.LinkFlowsProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A referral from link to reward through the running service ({@link LinkFlowsProfile}): the referrer's text carries
 * their referral link, the link lands at the shop with the code, the friend signs up with it, and the friend's first
 * order starts the referrer's reward flow once. Self-referral, a second referrer, mutual referral, an unknown code and
 * a customer who ordered already are refused with a precise 4xx, and nothing of such a request is stored.
 */
@QuarkusTest
@TestProfile(LinkFlowsProfile.class)
class ReferralsEndToEndTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant MONDAY_10 =
            LocalDateTime.of(2031, 3, 10, 10, 0).atZone(OSLO).toInstant();
    private static final Pattern INVITE =
            Pattern.compile("https://go\\.comeback\\.test/r/([2-9A-HJKMNP-Z]{8}) \\(kode ([2-9A-HJKMNP-Z]{8})\\)");

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(MONDAY_10);
    }

    private static Map<String, Object> person(String firstName) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", TestData.norwegianMobile());
        body.put("firstName", firstName);
        body.put("timeZone", "Europe/Oslo");
        body.put("consent", Map.of("status", "opted_in", "source", "checkout"));
        return body;
    }

    private static String create(Map<String, Object> body) {
        String id = TestData.id("ref");
        given().body(body).put("/api/customers/" + id).then().statusCode(201);
        return id;
    }

    private static io.restassured.response.ValidatableResponse put(String id, Map<String, Object> body) {
        return given().body(body).put("/api/customers/" + id).then();
    }

    private static void order(String customer, String total) {
        given().body(Map.of(
                        "orderId",
                        TestData.orderId(),
                        "customerId",
                        customer,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        TestClockProducer.CLOCK.instant().toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }

    private static List<Map<String, Object>> messages(String customer) {
        return given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static long enrollments(String customer, String flow) {
        List<Map<String, Object>> all = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(e -> flow.equals(e.get("flowId"))).count();
    }

    private static String codeOf(String customer) {
        return given().get("/api/customers/" + customer + "/referral")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("code");
    }

    @Test
    void aReferralFromLinkToRewardRewardsTheReferrerOnce() {
        // The referrer's text carries their referral link and code.
        Map<String, Object> anne = person("Anne");
        String referrer = create(anne);
        given().body(Map.of("customerId", referrer, "type", "referral_invite_test"))
                .post("/api/events")
                .then()
                .statusCode(201);
        runtime.runDue();
        String invite = messages(referrer).get(0).get("body").toString();
        Matcher m = INVITE.matcher(invite);
        assertThat(m.find()).as(invite).isTrue();
        String code = m.group(1);
        assertThat(m.group(2)).isEqualTo(code);
        assertThat(codeOf(referrer)).as("one code per customer, stable").isEqualTo(code);

        // The link lands at the shop with the code; the shop passes it back at sign-up.
        String landing = RestAssured.given()
                .redirects()
                .follow(false)
                .get("/r/" + code)
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        assertThat(landing).isEqualTo(LinkFlowsProfile.LANDING + "&ref=" + code);
        String ref = landing.substring(landing.indexOf("ref=") + 4);

        // Self-referral is refused, and nothing of that request is stored.
        Map<String, Object> selfReferral = new HashMap<>(anne);
        selfReferral.put("firstName", "Changed");
        selfReferral.put("referredBy", code);
        put(referrer, selfReferral)
                .statusCode(422)
                .body("detail", containsString("referredBy"))
                .body("detail", containsString("themselves"));
        given().get("/api/customers/" + referrer).then().body("firstName", equalTo("Anne"));

        // The friend signs up with the code (as typed: lower case); repeating the sign-up changes nothing.
        Map<String, Object> berit = person("Berit");
        berit.put("referredBy", ref.toLowerCase());
        String friend = TestData.id("ref");
        put(friend, berit).statusCode(201);
        put(friend, berit).statusCode(200);
        given().get("/api/customers/" + friend + "/referral")
                .then()
                .statusCode(200)
                .body("referredBy", equalTo(referrer));

        // Another referrer for the same friend, and the friend referring the referrer back, are refused.
        String other = create(person("Ola"));
        Map<String, Object> twice = new HashMap<>(berit);
        twice.put("referredBy", codeOf(other));
        put(friend, twice)
                .statusCode(409)
                .body("detail", containsString("already referred"))
                .body("errors[0].field", equalTo("referredBy"));
        Map<String, Object> mutual = new HashMap<>(anne);
        mutual.put("referredBy", codeOf(friend));
        put(referrer, mutual).statusCode(422).body("detail", containsString("cannot refer each other"));

        // The friend's first order rewards the referrer, after the one-a-day cap left room for a second text.
        TestClockProducer.CLOCK.advance(Duration.ofDays(1));
        order(friend, "600.00");
        runtime.runDue();
        assertThat(enrollments(referrer, LinkFlowsProfile.REWARD)).isEqualTo(1);
        List<Map<String, Object>> texts = messages(referrer);
        assertThat(texts).hasSize(2);
        assertThat(texts.stream()
                        .filter(t -> LinkFlowsProfile.REWARD.equals(t.get("flowId")))
                        .findFirst()
                        .orElseThrow()
                        .get("body")
                        .toString())
                .startsWith("Takk! Berit har handlet. Her er 20 % rabatt: VENN");

        // A second order of the same friend rewards no one again.
        TestClockProducer.CLOCK.advance(Duration.ofDays(1));
        order(friend, "150.00");
        runtime.runDue();
        assertThat(enrollments(referrer, LinkFlowsProfile.REWARD)).isEqualTo(1);
        assertThat(messages(referrer)).hasSize(2);

        // The report: the referrer, the friend, the friend's orders.
        JsonPath report = given().get("/api/reports/referrals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> row = report.getMap("referrers.find { it.customerId == '" + referrer + "' }");
        assertThat(row)
                .containsEntry("code", code)
                .containsEntry("referred", 1)
                .containsEntry("converted", 1)
                .containsEntry("orders", 2);
        assertThat(row.get("revenue").toString()).isEqualTo("750.0");
        assertThat(report.getString("referrers.find { it.customerId == '" + referrer + "' }.customers[0].customerId"))
                .isEqualTo(friend);
        given().get("/api/customers/" + referrer + "/referral")
                .then()
                .body("referred", equalTo(1))
                .body("converted", equalTo(1))
                .body("link", equalTo("https://go.comeback.test/r/" + code));

        // The dashboard's referrals page lists the referrer.
        String session = io.comeback.testing.Api.signIn(TestData.id("viewer"), "viewer");
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/referrals")
                .then()
                .statusCode(200)
                .body(containsString("/customers/" + referrer))
                .body(containsString("<code>" + code + "</code>"))
                .body(containsString("750.00"));
    }

    @Test
    void unknownCodesAndCustomersWhoOrderedAlreadyAreRefusedAndNothingIsStored() {
        String referrer = create(person("Anne"));
        String code = codeOf(referrer);

        Map<String, Object> unknown = person("Per");
        unknown.put("referredBy", "ZZZZZZZZ");
        String newcomer = TestData.id("ref");
        put(newcomer, unknown).statusCode(422).body("detail", containsString("no customer has the referral code"));
        unknown.put("referredBy", "not a code!");
        put(newcomer, unknown).statusCode(422).body("detail", containsString("is not a referral code"));
        given().get("/api/customers/" + newcomer).then().statusCode(404);

        Map<String, Object> regular = person("Siri");
        String customer = create(regular);
        order(customer, "99.00");
        regular.put("referredBy", code);
        put(customer, regular).statusCode(409).body("detail", containsString("has ordered already"));
        given().get("/api/customers/" + customer + "/referral").then().body("referredBy", equalTo(null));
    }
}
