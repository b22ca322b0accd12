package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every trigger of the flow language enrolls customers on the running service ({@link TriggerFlowsProfile}: one
 * flow per trigger): a birthday at its local time in each customer's zone, once a year; the anniversary of the first
 * order; an event of the flow's type that passes its filters, and an event that is the flow's goal; a keyword from a
 * number no customer has, after its YES; a customer joining a segment. Time is the test clock; the detection pass and
 * the wake-up batches run when the test says.
 */
@QuarkusTest
@TestProfile(TriggerFlowsProfile.class)
class EveryTriggerRunsTest {

    @Inject
    TriggerDetection detection;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    /** A detection pass at {@code asOf}, through the API, with the service's clock there too. */
    private static List<Map<String, Object>> detect(String asOf) {
        TestClockProducer.CLOCK.setTo(Instant.parse(asOf));
        return given().post("/api/triggers/detect?asOf=" + asOf)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /**
     * Runs every due enrollment (the flows send their text and end) at the clock's now, and hands the texts due to
     * the gateway: a goal counts as a conversion only once one of the flow's texts was sent.
     */
    private void runDueEnrollments() {
        new RuntimeDriver().runDue();
    }

    private static String customer(Map<String, Object> fields) {
        String id = TestData.id("trig");
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("phone", TestData.norwegianMobile());
        body.putIfAbsent("firstName", "Kari");
        body.putIfAbsent("consent", Map.of("status", "opted_in", "source", "checkout"));
        given().body(body).put("/api/customers/" + id).then().statusCode(201);
        return id;
    }

    private static List<Map<String, Object>> enrollments(String customer, String flowId) {
        List<Map<String, Object>> all = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(e -> flowId.equals(e.get("flowId"))).toList();
    }

    private static List<Map<String, Object>> messages(String customer) {
        return given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    @Test
    void aBirthdayEntersAtNineThirtyInEachCustomersOwnZoneOncePerYear() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2031-01-01T12:00:00Z"));
        String oslo = customer(Map.of("timeZone", "Europe/Oslo", "birthday", "1977-11-23"));
        String newYork = customer(Map.of("timeZone", "America/New_York", "birthday", "1977-11-23"));
        String summer = customer(Map.of("timeZone", "Europe/Oslo", "birthday", "1980-07-23"));
        String none = customer(Map.of("timeZone", "Europe/Oslo"));

        // 09:30 in Oslo in November is 08:30Z.
        detect("2031-11-23T08:29:00Z");
        assertThat(enrollments(oslo, TriggerFlowsProfile.BIRTHDAY)).isEmpty();
        List<Map<String, Object>> runs = detect("2031-11-23T08:31:00Z");
        assertThat(runs).anySatisfy(r -> {
            assertThat(r.get("flowId")).isEqualTo(TriggerFlowsProfile.BIRTHDAY);
            assertThat(r.get("trigger")).isEqualTo("date");
            assertThat((Integer) r.get("matched")).isPositive();
        });
        assertThat(enrollments(oslo, TriggerFlowsProfile.BIRTHDAY))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.get("entryReason")).isEqualTo("date birthday: 2031-11-23 at 09:30 Europe/Oslo"));
        assertThat(enrollments(newYork, TriggerFlowsProfile.BIRTHDAY)).isEmpty();
        runDueEnrollments();
        assertThat(messages(oslo))
                .singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).startsWith("Gratulerer med dagen, Kari!"));

        // 09:30 in New York is 14:30Z; Oslo's birthday is not met twice however often the pass runs that day.
        detect("2031-11-23T14:29:00Z");
        assertThat(enrollments(newYork, TriggerFlowsProfile.BIRTHDAY)).isEmpty();
        detect("2031-11-23T14:31:00Z");
        detect("2031-11-23T20:00:00Z");
        assertThat(enrollments(newYork, TriggerFlowsProfile.BIRTHDAY)).hasSize(1);
        assertThat(enrollments(oslo, TriggerFlowsProfile.BIRTHDAY)).hasSize(1);
        runDueEnrollments();

        // Next year (re_entry: always) the birthday comes round again.
        detect("2032-11-23T08:31:00Z");
        assertThat(enrollments(oslo, TriggerFlowsProfile.BIRTHDAY)).hasSize(2);
        assertThat(enrollments(none, TriggerFlowsProfile.BIRTHDAY)).isEmpty();

        // Summer time: 09:30 in Oslo in July is 07:30Z.
        detect("2032-07-23T07:29:00Z");
        assertThat(enrollments(summer, TriggerFlowsProfile.BIRTHDAY)).isEmpty();
        detect("2032-07-23T07:31:00Z");
        assertThat(enrollments(summer, TriggerFlowsProfile.BIRTHDAY)).hasSize(1);
    }

    @Test
    void theSimulateApiTakesTheCustomerApisFieldsAndEntersEachTriggerAsTheRuntimeDoes() {
        Map<String, Object> kari = Map.of(
                "firstName",
                "Kari",
                "lastName",
                "Nordmann",
                "email",
                "kari@example.com",
                "phone",
                "+4791234567",
                "timeZone",
                "Europe/Oslo",
                "birthday",
                "1990-06-15",
                "consent",
                Map.of("status", "opted_in"));
        List<Map<String, Object>> birthday = given().body(
                        Map.of("customer", kari, "start", "2026-01-01T00:00:00Z", "until", "2026-12-31T00:00:00Z"))
                .post("/api/flows/" + TriggerFlowsProfile.BIRTHDAY + "/simulate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("timeline");
        assertThat(birthday.get(0)).containsEntry("kind", "enter").containsEntry("at", "2026-06-15T07:30:00Z");

        List<Map<String, Object>> wishlist = given().body(Map.of(
                        "customer",
                        kari,
                        "start",
                        "2026-06-01T00:00:00Z",
                        "until",
                        "2026-06-30T00:00:00Z",
                        "events",
                        List.of(Map.of(
                                "at",
                                "2026-06-03T10:00:00Z",
                                "type",
                                "event",
                                "name",
                                "wishlist_added",
                                "properties",
                                Map.of("category", "shoes", "product", "Fjellsko")))))
                .post("/api/flows/" + TriggerFlowsProfile.WISHLIST + "/simulate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("timeline");
        assertThat(wishlist.get(1)).containsEntry("kind", "send");
        assertThat(wishlist.get(1).get("text").toString()).startsWith("Fjellsko venter");

        given().body(Map.of(
                        "customer",
                        Map.of("timeZone", "Europe/Oslo", "birthday", "15.06.1990"),
                        "start",
                        "2026-01-01T00:00:00Z",
                        "until",
                        "2026-12-31T00:00:00Z"))
                .post("/api/flows/" + TriggerFlowsProfile.BIRTHDAY + "/simulate")
                .then()
                .statusCode(422)
                .body(org.hamcrest.Matchers.containsString("customer.birthday '15.06.1990' is not a date"));
    }

    @Test
    void aBirthdayMissedForLongerThanTheCatchUpWindowWaitsForNextYear() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2033-01-01T12:00:00Z"));
        String late = customer(Map.of("timeZone", "Europe/Oslo", "birthday", "1969-04-02"));
        // Due 2033-04-02 09:30 Oslo (07:30Z); the first pass runs 13 hours later, past the 12-hour catch-up.
        detect("2033-04-02T20:31:00Z");
        assertThat(enrollments(late, TriggerFlowsProfile.BIRTHDAY)).isEmpty();
        // Within the window it is still met.
        String onTime = customer(Map.of("timeZone", "Europe/Oslo", "birthday", "1969-04-03"));
        detect("2033-04-03T18:00:00Z");
        assertThat(enrollments(onTime, TriggerFlowsProfile.BIRTHDAY)).hasSize(1);
    }

    @Test
    void aDateAttributeEntersThreeDaysBeforeItsDateInEachCustomersZoneAndOnlyThatYearWhenNotYearly() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2036-01-01T12:00:00Z"));
        String oslo = customer(Map.of("timeZone", "Europe/Oslo", "attributes", Map.of("renewal_date", "2036-05-20")));
        // Read by its first ten characters.
        String stamped = customer(
                Map.of("timeZone", "Europe/Oslo", "attributes", Map.of("renewal_date", "2036-05-20T00:00:00Z")));
        String newYork =
                customer(Map.of("timeZone", "America/New_York", "attributes", Map.of("renewal_date", "2036-05-20")));
        String notADate = customer(Map.of("timeZone", "Europe/Oslo", "attributes", Map.of("renewal_date", "soon")));

        // Three days before, at 09:00 in Oslo in May: 07:00Z.
        detect("2036-05-17T06:59:00Z");
        assertThat(enrollments(oslo, TriggerFlowsProfile.RENEWAL)).isEmpty();
        detect("2036-05-17T07:01:00Z");
        assertThat(enrollments(oslo, TriggerFlowsProfile.RENEWAL))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason").toString())
                        .contains("renewal_date")
                        .contains("2036-05-17 at 09:00 Europe/Oslo"));
        assertThat(enrollments(stamped, TriggerFlowsProfile.RENEWAL)).hasSize(1);
        assertThat(enrollments(newYork, TriggerFlowsProfile.RENEWAL)).isEmpty();
        runDueEnrollments();
        assertThat(messages(oslo))
                .singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).startsWith("Medlemskapet ditt fornyes"));

        // 09:00 in New York is 13:00Z.
        detect("2036-05-17T13:01:00Z");
        assertThat(enrollments(newYork, TriggerFlowsProfile.RENEWAL)).hasSize(1);
        assertThat(enrollments(notADate, TriggerFlowsProfile.RENEWAL)).isEmpty();

        // Not yearly: the same day next year enters nobody, re_entry: always notwithstanding.
        detect("2037-05-17T07:01:00Z");
        detect("2037-05-17T13:01:00Z");
        assertThat(enrollments(oslo, TriggerFlowsProfile.RENEWAL)).hasSize(1);
        assertThat(enrollments(newYork, TriggerFlowsProfile.RENEWAL)).hasSize(1);
    }

    @Test
    void theFirstOrdersAnniversaryEntersOnItsDayInTheCustomersZone() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2034-01-01T12:00:00Z"));
        String customer = customer(Map.of("timeZone", "Europe/Oslo"));
        // 23:30Z on 14 March is already 15 March in Oslo.
        for (String placedAt : List.of("2033-03-14T23:30:00Z", "2033-09-01T10:00:00Z")) {
            given().body(Map.of(
                            "orderId",
                            TestData.id("ord"),
                            "customerId",
                            customer,
                            "total",
                            "499.00",
                            "currency",
                            "NOK",
                            "placedAt",
                            placedAt))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
        detect("2034-03-14T09:05:00Z");
        assertThat(enrollments(customer, TriggerFlowsProfile.FIRST_ORDER)).isEmpty();
        detect("2034-03-15T08:59:00Z");
        assertThat(enrollments(customer, TriggerFlowsProfile.FIRST_ORDER)).isEmpty();
        detect("2034-03-15T09:01:00Z");
        assertThat(enrollments(customer, TriggerFlowsProfile.FIRST_ORDER))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason"))
                        .isEqualTo("date first order: 2034-03-15 at 10:00 Europe/Oslo"));
    }

    @Test
    void anEventOfTheFlowsTypeThatPassesTheFiltersEntersWithItsPropertiesAndTheGoalEventEndsIt() {
        TestClockProducer.CLOCK.reset();
        String customer = customer(Map.of());
        given().body(Map.of(
                        "customerId",
                        customer,
                        "type",
                        "wishlist_added",
                        "properties",
                        Map.of("category", "jackets", "product", "Vinterjakke")))
                .post("/api/events")
                .then()
                .statusCode(201);
        given().body(Map.of("customerId", customer, "type", "page_view", "properties", Map.of("category", "shoes")))
                .post("/api/events")
                .then()
                .statusCode(201);
        assertThat(enrollments(customer, TriggerFlowsProfile.WISHLIST)).isEmpty();

        given().body(Map.of(
                        "customerId",
                        customer,
                        "type",
                        "wishlist_added",
                        "properties",
                        Map.of("category", "shoes", "product", "Fjellsko")))
                .post("/api/events")
                .then()
                .statusCode(201);
        assertThat(enrollments(customer, TriggerFlowsProfile.WISHLIST))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason")).isEqualTo("event wishlist_added"));
        runDueEnrollments();
        assertThat(messages(customer))
                .singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).startsWith("Fjellsko venter på deg!"));

        given().body(Map.of("customerId", customer, "type", "wishlist_purchased"))
                .post("/api/events")
                .then()
                .statusCode(201);
        runDueEnrollments();
        assertThat(enrollments(customer, TriggerFlowsProfile.WISHLIST))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("exitReason")).isEqualTo("goal_reached");
                    assertThat(e.get("conversion")).isEqualTo(true);
                });
    }

    @Test
    void aTextFromTheCustomerIsTheGoalOfAFlowThatIsNotWaitingForAnAnswer() {
        TestClockProducer.CLOCK.reset();
        String phone = TestData.norwegianMobile();
        String customer = customer(Map.of("phone", phone));
        given().body(Map.of("customerId", customer, "type", "quiz_started"))
                .post("/api/events")
                .then()
                .statusCode(201);
        runDueEnrollments();
        assertThat(enrollments(customer, TriggerFlowsProfile.QUIZ))
                .singleElement()
                .satisfies(e -> assertThat(e.get("status")).isEqualTo("waiting_timer"));

        given().body(Map.of("from", phone, "body", "Til Lofoten!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        runDueEnrollments();
        assertThat(enrollments(customer, TriggerFlowsProfile.QUIZ))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("exitReason")).isEqualTo("goal_reached");
                    assertThat(e.get("conversion")).isEqualTo(true);
                });
    }

    @Test
    void aSwedishNumberTextingTheKeywordIsAskedInSwedishAndJoinsAfterJa() {
        TestClockProducer.CLOCK.reset();
        String phone = TestData.swedishMobile();
        String question = given().body(Map.of("from", phone, "body", "VIPKLUBB"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("answer");
        assertThat(question).startsWith("Svara JA för att bekräfta att du vill få erbjudanden via sms");
        given().body(Map.of("from", phone, "body", "Ja tack!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        assertThat(enrollments("sms:" + phone, TriggerFlowsProfile.KEYWORD)).hasSize(1);
    }

    @Test
    void anUnknownNumberTextingTheKeywordIsAskedToConfirmAndJoinsOptedInOnlyAfterJa() {
        TestClockProducer.CLOCK.reset();
        String phone = TestData.norwegianMobile();
        String customer = "sms:" + phone;
        String question = given().body(Map.of("from", phone, "body", "Vipklubb!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("answer");
        assertThat(question)
                .as("asked in Norwegian, the language of the number's country")
                .startsWith("Svar JA for å bekrefte");
        Map<String, Object> created = given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(created.get("phone")).isEqualTo(phone);
        assertThat(created.get("timeZone")).isEqualTo("Europe/Oslo");
        assertThat(given().get("/api/customers/" + customer).then().extract().<String>path("consent.status"))
                .isEqualTo("unknown");
        assertThat(enrollments(customer, TriggerFlowsProfile.KEYWORD)).isEmpty();

        String answer = given().body(Map.of("from", phone, "body", "Ja"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("answer");
        assertThat(answer).isNull();
        Map<String, Object> consent = given().get("/api/customers/" + customer + "/consent")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(consent.toString()).contains("status=opted_in");
        List<Map<String, Object>> history = given().get("/api/customers/" + customer + "/consent")
                .then()
                .extract()
                .jsonPath()
                .getList("history");
        assertThat(history).last().satisfies(change -> {
            assertThat(change.get("change")).isEqualTo("opt_in");
            assertThat(change.get("keyword")).isEqualTo(TriggerFlowsProfile.VIP_WORD);
            assertThat(change.get("text")).isEqualTo(question);
            assertThat(change.get("source")).isEqualTo("sms keyword VIPKLUBB, confirmed with JA");
        });
        assertThat(enrollments(customer, TriggerFlowsProfile.KEYWORD))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason")).isEqualTo("keyword: VIPKLUBB (confirmed)"));
        runDueEnrollments();
        assertThat(messages(customer))
                .singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).startsWith("Velkommen i VIP-klubben!"));
    }

    @Test
    void stopBeforeTheConfirmationOptsOutAndALaterJaNeitherOptsInNorEnters() {
        TestClockProducer.CLOCK.reset();
        String phone = TestData.norwegianMobile();
        String customer = "sms:" + phone;
        given().body(Map.of("from", phone, "body", TriggerFlowsProfile.VIP_WORD))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        given().body(Map.of("from", phone, "body", "STOPP"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        given().body(Map.of("from", phone, "body", "JA"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        assertThat(given().get("/api/customers/" + customer).then().extract().<String>path("consent.status"))
                .isEqualTo("opted_out");
        assertThat(enrollments(customer, TriggerFlowsProfile.KEYWORD)).isEmpty();

        // A YES with no question pending is an ordinary text: no customer is created for it.
        String stranger = TestData.norwegianMobile();
        given().body(Map.of("from", stranger, "body", "JA"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        given().get("/api/customers/sms:" + stranger).then().statusCode(404);
    }

    @Test
    void aCustomerJoiningTheSegmentEntersOnceAndAgainOnlyAfterLeavingAndJoiningAgain() {
        TestClockProducer.CLOCK.reset();
        String phone = TestData.norwegianMobile();
        String member =
                customer(Map.of("phone", phone, "attributes", Map.of("club", TriggerFlowsProfile.SEGMENT_CLUB)));
        String outsider = customer(Map.of("attributes", Map.of("club", "bronze")));
        String noConsent = customer(Map.of(
                "attributes",
                Map.of("club", TriggerFlowsProfile.SEGMENT_CLUB),
                "consent",
                Map.of("status", "unknown")));

        detection.runAll(TestClockProducer.CLOCK.instant());
        assertThat(enrollments(member, TriggerFlowsProfile.SEGMENT)).hasSize(1);
        assertThat(enrollments(outsider, TriggerFlowsProfile.SEGMENT)).isEmpty();
        assertThat(enrollments(noConsent, TriggerFlowsProfile.SEGMENT)).isEmpty();
        runDueEnrollments();

        // Still in the segment: not entered again, although the flow has ended and re_entry is always.
        detection.runAll(TestClockProducer.CLOCK.instant());
        assertThat(enrollments(member, TriggerFlowsProfile.SEGMENT)).hasSize(1);

        // Leaves the segment, then joins it again: enters again.
        given().body(Map.of("phone", phone, "firstName", "Kari", "attributes", Map.of("club", "gold")))
                .put("/api/customers/" + member)
                .then()
                .statusCode(200);
        detection.runAll(TestClockProducer.CLOCK.instant());
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Kari",
                        "attributes",
                        Map.of("club", TriggerFlowsProfile.SEGMENT_CLUB)))
                .put("/api/customers/" + member)
                .then()
                .statusCode(200);
        detection.runAll(TestClockProducer.CLOCK.instant());
        assertThat(enrollments(member, TriggerFlowsProfile.SEGMENT)).hasSize(2);
    }
}
