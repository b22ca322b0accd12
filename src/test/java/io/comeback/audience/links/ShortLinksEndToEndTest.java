package io.comeback.audience.links;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.LinkFlowsProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracked short links through the running service ({@link LinkFlowsProfile}): a flow's text carries its own short
 * link, previews and HEAD requests are redirected without counting, a person's first visit is the one click (an
 * event that ends the flow by its goal and shows in the flow's report), the redirect adds UTM parameters to the
 * target's own, wrong codes all get one 404, and segments are counted with the short link.
 */
@QuarkusTest
@TestProfile(LinkFlowsProfile.class)
class ShortLinksEndToEndTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2031, 3, 4, 10, 0).atZone(OSLO).toInstant();
    private static final Pattern SHORT_LINK = Pattern.compile("https://go\\.comeback\\.test/l/([0-9A-Za-z]{12})");

    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
    private static final String IMESSAGE_PREVIEW = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4"
            + " (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0";
    private static final String SLACK_PREVIEW = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
    }

    private static String customer() {
        String id = TestData.id("link");
        given().body(Map.of(
                        "phone",
                        TestData.norwegianMobile(),
                        "firstName",
                        "Kari",
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static void event(String customer, String type) {
        given().body(Map.of("customerId", customer, "type", type))
                .post("/api/events")
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

    private static JsonPath export(String customer) {
        return given().get("/api/customers/" + customer + "/export")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Response visit(String method, String path, String agent, Map<String, String> headers) {
        var request = RestAssured.given().redirects().follow(false).headers(headers);
        if (agent != null) {
            request = request.header("User-Agent", agent);
        }
        return request.request(method, path);
    }

    private static String codeIn(String body) {
        Matcher m = SHORT_LINK.matcher(body);
        assertThat(m.find()).as("a short link in: " + body).isTrue();
        return m.group(1);
    }

    /** The offer text sent and delivered to a new customer; returns its short link's code. */
    private String offerSentTo(String customer) {
        event(customer, "link_offer_test");
        runtime.runDue();
        runtime.advance(runtime.receiptDelay());
        Map<String, Object> text = messages(customer).get(0);
        assertThat(text.get("status")).isEqualTo("delivered");
        return codeIn(text.get("body").toString());
    }

    /** "Clicked" in the offer flow's report of the 30 days up to now. */
    private static int reportedClicks() {
        return given().get("/api/reports/flows/" + LinkFlowsProfile.OFFER)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("funnel.clicked");
    }

    private static long clicks(JsonPath export) {
        return export.getList("events.type").stream()
                .filter("link_click"::equals)
                .count();
    }

    @Test
    void aClickIsCountedOnceWhateverPreviewsAndHeadRequestsCameFirst() {
        String customer = customer();
        String code = offerSentTo(customer);
        String text = messages(customer).get(0).get("body").toString();
        assertThat(text)
                .isEqualTo("Nye sko til deg: https://go.comeback.test/l/" + code + " Svar STOPP for å melde deg av.");
        String expected = "https://shop.example.com/tilbud?c=sko&utm_source=sms&utm_medium=sms" + "&utm_campaign="
                + LinkFlowsProfile.OFFER + "&utm_content=offer#topp";

        // Machines first: a HEAD, two link previews and a browser's prefetch. Each is redirected, none is a click.
        Response head = visit("HEAD", "/l/" + code, SAFARI, Map.of());
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(head.header("Location")).isEqualTo(expected);
        for (String preview : List.of(SLACK_PREVIEW, IMESSAGE_PREVIEW)) {
            Response r = visit("GET", "/l/" + code, preview, Map.of());
            assertThat(r.statusCode()).as(preview).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo(expected);
        }
        assertThat(visit("GET", "/l/" + code, SAFARI, Map.of("Sec-Purpose", "prefetch"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(clicks(export(customer))).as("no click yet").isZero();

        // Then the person, twice: one click.
        int clicksBefore = reportedClicks();
        TestClockProducer.CLOCK.advance(java.time.Duration.ofMinutes(5));
        Instant clickedAt = TestClockProducer.CLOCK.instant();
        Response person = visit("GET", "/l/" + code, SAFARI, Map.of());
        assertThat(person.statusCode()).isEqualTo(302);
        assertThat(person.header("Location")).isEqualTo(expected);
        assertThat(person.header("Cache-Control")).isEqualTo("no-store");
        assertThat(visit("GET", "/l/" + code, SAFARI, Map.of()).statusCode()).isEqualTo(302);

        JsonPath export = export(customer);
        assertThat(clicks(export)).isEqualTo(1);
        Map<String, Object> click = export.getMap("events.find { it.type == 'link_click' }");
        assertThat(click.get("at")).isEqualTo(clickedAt.toString());
        assertThat((Map<String, Object>) click.get("properties"))
                .containsEntry("link", "shop")
                .containsEntry("flow", LinkFlowsProfile.OFFER)
                .containsEntry("step", "offer")
                .containsEntry("code", code);
        assertThat(export.getString("links[0].code")).isEqualTo(code);
        assertThat(export.getString("links[0].clickedAt")).isEqualTo(clickedAt.toString());
        assertThat(export.getString("customer.facts.lastEngagedAt")).isEqualTo(clickedAt.toString());

        // The click reaches the flow (its goal) and the flow's report (whose period ends now).
        TestClockProducer.CLOCK.advance(java.time.Duration.ofMinutes(1));
        runtime.runDue();
        List<Map<String, Object>> enrollments = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(enrollments)
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("exitReason", "goal_reached"));
        assertThat(reportedClicks()).as("the click in the flow's report").isEqualTo(clicksBefore + 1);
    }

    @Test
    void everyTextAndEveryRecipientGetsALinkOfItsOwn() {
        String kari = customer();
        String ola = customer();
        String karisFirst = offerSentTo(kari);
        String olasFirst = offerSentTo(ola);
        assertThat(karisFirst).isNotEqualTo(olasFirst);

        runtime.advance(java.time.Duration.ofDays(3).plusMinutes(1));
        List<Map<String, Object>> texts = messages(kari);
        assertThat(texts).hasSize(2);
        String reminder = codeIn(texts.stream()
                .filter(t -> "reminder".equals(t.get("stepId")))
                .findFirst()
                .orElseThrow()
                .get("body")
                .toString());
        assertThat(reminder).isNotIn(karisFirst, olasFirst);
        assertThat(visit("GET", "/l/" + reminder, SAFARI, Map.of()).header("Location"))
                .contains("utm_content=reminder");
    }

    @Test
    void unknownAndMalformedCodesGetTheSameNotFoundPage() {
        Response unknown = visit("GET", "/l/AAAAAAAAAAAA", SAFARI, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
        for (String wrong : List.of("short", "AAAAAAAAAAAAA", "AAAAAA-AAAAA", "%27%20OR%201%3D1")) {
            Response r = visit("GET", "/l/" + wrong, SAFARI, Map.of());
            assertThat(r.statusCode()).as(wrong).isEqualTo(404);
            assertThat(r.body().asString()).as(wrong).isEqualTo(unknown.body().asString());
        }
        assertThat(visit("HEAD", "/l/AAAAAAAAAAAA", SAFARI, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(visit("GET", "/r/AAAAAAAA", SAFARI, Map.of()).body().asString())
                .isEqualTo(unknown.body().asString());
    }

    @Test
    void segmentsAreCountedWithTheShortLinkWhenCheckingPreviewingAndSending() {
        // Checking: the catalog's problems for the file.
        List<Map<String, Object>> flows = given().get("/api/flows")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Object> oneSegment = flows.stream()
                .filter(f -> LinkFlowsProfile.ONE_SEGMENT.equals(f.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(oneSegment.get("problems").toString())
                .contains("about 2 SMS segments")
                .contains("more than max_segments 1");

        // Previewing: the simulated text carries a short link of the real length.
        String simulated = given().body(Map.of(
                        "customer",
                        Map.of("firstName", "Kari", "timeZone", "Europe/Oslo", "consent", Map.of("status", "opted_in")),
                        "start",
                        "2031-03-04T09:00:00Z",
                        "until",
                        "2031-03-05T09:00:00Z",
                        "events",
                        List.of(Map.of(
                                "at", "2031-03-04T09:00:00Z", "type", "event", "name", "link_one_segment_test"))))
                .post("/api/flows/" + LinkFlowsProfile.ONE_SEGMENT + "/simulate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("timeline.find { it.kind == 'send' }.text");
        assertThat(simulated).containsPattern(SHORT_LINK).hasSize(165);

        // Sending: refused, not sent, with the short link's length.
        String customer = customer();
        event(customer, "link_one_segment_test");
        runtime.runDue();
        Map<String, Object> text = messages(customer).get(0);
        assertThat(text)
                .containsEntry("status", "refused")
                .containsEntry("errorCode", "too_many_segments")
                .containsEntry("segments", 2);
        assertThat(text.get("body").toString()).containsPattern(SHORT_LINK);
    }

    @Test
    void aClickOfAnErasedPersonIsNotRecordedAndTheLinkStillLeadsOn() {
        String customer = customer();
        String code = offerSentTo(customer);
        given().delete("/api/customers/" + customer).then().statusCode(204);

        Response r = visit("GET", "/l/" + code, SAFARI, Map.of());

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith("https://shop.example.com/tilbud?c=sko&utm_source=sms");
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("SELECT clicked_at, customer_id FROM short_links WHERE code = ?")) {
            st.setString(1, code);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1))
                        .as("no click recorded for an erased person")
                        .isNull();
                assertThat(rs.getObject(2))
                        .as("the link no longer names the person")
                        .isNull();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;
}
