package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Comeback knows, used by flows on the running service ({@link FactFlowsProfile}), and a personal rhythm that
 * means something: split orders on one day make no rhythm of minutes, and no rhythm is shorter than the floor.
 * Orders, events, detection passes and wake-ups go through the API and the runtime; time is the test clock.
 */
@QuarkusTest
@TestProfile(FactFlowsProfile.class)
class CustomerFactsFlowsTest {

    @Inject
    WakeUpBatch wakeUps;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    private void runDueEnrollments() {
        while (wakeUps.run(TestClockProducer.CLOCK.instant(), 500).claimed() > 0) {
            // again, until nothing is due
        }
    }

    private static String customer(String zone) {
        String id = TestData.id("fx");
        Map<String, Object> body = new HashMap<>();
        body.put("phone", TestData.norwegianMobile());
        body.put("firstName", "Kari");
        body.put("timeZone", zone);
        body.put("attributes", Map.of("cohort", FactFlowsProfile.COHORT));
        body.put("consent", Map.of("status", "opted_in", "source", "checkout"));
        given().body(body).put("/api/customers/" + id).then().statusCode(201);
        return id;
    }

    private static void order(String customer, Instant at, String total, List<Map<String, Object>> items) {
        given().body(Map.of(
                        "orderId",
                        TestData.id("ord"),
                        "customerId",
                        customer,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        at.toString(),
                        "items",
                        items))
                .post("/api/orders")
                .then()
                .statusCode(201);
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

    private static List<String> texts(String customer) {
        List<Map<String, Object>> messages = given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return messages.stream().map(m -> m.get("body").toString()).toList();
    }

    private static void detectInactive(Instant asOf) {
        TestClockProducer.CLOCK.setTo(asOf);
        given().post("/api/inactivity/detect?asOf=" + asOf).then().statusCode(200);
    }

    @Test
    void threeOrdersAMinuteApartGetNoWinBackTextMinutesLater() {
        Instant first = Instant.parse("2041-03-02T09:00:00Z");
        TestClockProducer.CLOCK.setTo(first.plusSeconds(120));
        String customer = customer("Europe/Oslo");
        for (int i = 0; i < 3; i++) {
            order(customer, first.plusSeconds(60L * i), "199.00", List.of());
        }
        // Before purchase days, a median gap of 60 s × 2 made this customer lapsed two minutes later.
        for (Duration later : List.of(Duration.ofMinutes(5), Duration.ofHours(3), Duration.ofDays(29))) {
            detectInactive(first.plus(later));
            runDueEnrollments();
            assertThat(enrollments(customer, FactFlowsProfile.WINBACK))
                    .as("after %s", later)
                    .isEmpty();
        }
        assertThat(texts(customer)).noneMatch(t -> t.contains("vi savner deg"));
        // One purchase day has no rhythm: the fixed window of 120 days rules.
        detectInactive(first.plus(Duration.ofDays(121)));
        assertThat(enrollments(customer, FactFlowsProfile.WINBACK)).hasSize(1);
        runDueEnrollments();
        assertThat(texts(customer)).filteredOn(t -> t.contains("vi savner deg")).hasSize(1);
    }

    @Test
    void aRhythmOfAFewDaysIsRaisedToTheFloorAndThePreviewSaysSo() {
        Instant first = Instant.parse("2041-06-01T10:00:00Z");
        TestClockProducer.CLOCK.setTo(first);
        String customer = customer("Europe/Oslo");
        for (int i = 0; i < 3; i++) {
            TestClockProducer.CLOCK.setTo(first.plus(Duration.ofDays(5L * i)));
            order(customer, first.plus(Duration.ofDays(5L * i)), "300.00", List.of());
        }
        Instant last = first.plus(Duration.ofDays(10));
        // Every 5 days × 2 = 10 days, under the 30-day floor.
        detectInactive(last.plus(Duration.ofDays(11)));
        assertThat(enrollments(customer, FactFlowsProfile.WINBACK)).isEmpty();

        Instant lapsed = last.plus(Duration.ofDays(31));
        TestClockProducer.CLOCK.setTo(lapsed);
        List<Map<String, Object>> sample = given().get(
                        "/api/flows/" + FactFlowsProfile.WINBACK + "/audience?asOf=" + lapsed)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("sample");
        assertThat(sample)
                .filteredOn(s -> customer.equals(s.get("customerId")))
                .singleElement()
                .satisfies(s -> assertThat(s.get("reasons").toString())
                        .contains("personal_rhythm")
                        .contains("usually orders every 5 days (between purchase days)")
                        .contains("window 2 × 5 days = 10 days, raised to the floor of 30 days"));
        detectInactive(lapsed);
        assertThat(enrollments(customer, FactFlowsProfile.WINBACK)).hasSize(1);
    }

    @Test
    void theThirdOrderAndOnlyTheThirdGetsAThankYou() {
        Instant now = Instant.parse("2041-09-01T10:00:00Z");
        TestClockProducer.CLOCK.setTo(now);
        String customer = customer("Europe/Oslo");
        for (int n = 1; n <= 4; n++) {
            order(customer, now.minus(Duration.ofDays(10L - n)), "250.00", List.of());
            assertThat(enrollments(customer, FactFlowsProfile.THIRD_ORDER))
                    .as("after order %d", n)
                    .hasSize(n >= 3 ? 1 : 0);
            // The text reads the facts when it is sent: here, moments after the order.
            runDueEnrollments();
        }
        assertThat(texts(customer)).containsExactly("Takk for bestilling nr. 3, Kari!");
    }

    @Test
    void anOfferOnWhatTheCustomerUsuallyBuys() {
        Instant now = Instant.parse("2041-10-01T10:00:00Z");
        TestClockProducer.CLOCK.setTo(now);
        String customer = customer("Europe/Oslo");
        order(
                customer,
                now.minus(Duration.ofDays(40)),
                "297.00",
                List.of(Map.of(
                        "sku", "US-1", "name", "Ullsokker", "category", "Sokker", "quantity", 3, "price", "99")));
        order(
                customer,
                now.minus(Duration.ofDays(10)),
                "2098.00",
                List.of(
                        Map.of("sku", "FS-1", "name", "Fjellsko", "category", "Sko", "quantity", 1, "price", "1899"),
                        Map.of("sku", "LI-1", "name", "Lisser", "category", "Sko", "quantity", 1, "price", "199")));
        given().body(Map.of("customerId", customer, "type", FactFlowsProfile.OFFER_EVENT))
                .post("/api/events")
                .then()
                .statusCode(201);
        runDueEnrollments();
        // Sokker: 3 items; Sko: 2. The dearest item of the latest order: Fjellsko.
        assertThat(texts(customer))
                .containsExactly("20 % på Sokker denne uka! Sist kjøpte du Fjellsko. Svar STOPP for å melde deg av.");
    }

    @Test
    void theValidateAndSimulateApisTakeTheFacts() {
        String flow = """
                id: facts_probe
                trigger:
                  order_placed:
                    filters:
                      - field: customer.facts.ordersCount
                        equals: 3
                steps:
                  - id: thanks
                    send:
                      text: "Takk! Du liker {{ customer.facts.favouriteCategory | alt }}. Svar STOPP for å melde deg av."
                """;
        given().contentType("text/plain; charset=UTF-8")
                .body(flow)
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true));
        List<Map<String, Object>> problems = given().contentType("text/plain; charset=UTF-8")
                .body(flow.replace("customer.facts.ordersCount", "customer.facts.orderCount"))
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(false))
                .extract()
                .jsonPath()
                .getList("problems");
        assertThat(problems)
                .filteredOn(p -> "error".equals(p.get("severity")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.get("line")).isEqualTo(5);
                    assertThat(p.get("column")).isEqualTo(9);
                    assertThat(p.get("message").toString()).contains("Did you mean `ordersCount`?");
                });

        Map<String, Object> customer = Map.of(
                "firstName",
                "Kari",
                "phone",
                "+4791234567",
                "timeZone",
                "Europe/Oslo",
                "consent",
                Map.of("status", "opted_in"));
        List<Map<String, Object>> orders = List.of(
                Map.of(
                        "placedAt",
                        "2026-01-10T10:00:00Z",
                        "total",
                        297,
                        "items",
                        List.of(Map.of("sku", "US-1", "name", "Ullsokker", "category", "Sokker", "quantity", 3))),
                Map.of("placedAt", "2026-02-10T10:00:00Z", "total", 1899),
                Map.of("placedAt", "2026-03-10T10:00:00Z", "total", 99));
        Map<String, Object> answer = given().body(Map.of(
                        "customer",
                        customer,
                        "orders",
                        orders,
                        "start",
                        "2026-03-10T10:00:00Z",
                        "until",
                        "2026-03-12T00:00:00Z"))
                .post("/api/flows/" + FactFlowsProfile.THIRD_ORDER + "/simulate")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(answer.get("timeline").toString()).contains("Takk for bestilling nr. 3, Kari!");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) answer.get("facts");
        assertThat(facts)
                .containsEntry("ordersCount", "3")
                .containsEntry("favouriteCategory", "Sokker")
                .containsEntry("lastProduct", "Ullsokker")
                .containsEntry("medianGapDays", "29.5");
    }

    @Test
    void aCustomerWhoBecomesVip555EntersTheSegmentFlow() {
        Instant now = Instant.parse("2045-01-10T10:00:00Z");
        TestClockProducer.CLOCK.setTo(now);
        String customer = customer("Europe/Oslo");
        order(customer, now.minus(Duration.ofDays(300)), "100.00", List.of());
        // Quintiles need a customer base: five ordinary customers besides, so the top one can stand out.
        for (int i = 0; i < 5; i++) {
            order(customer("Europe/Oslo"), now.minus(Duration.ofDays(100L + i)), "500.00", List.of());
        }
        given().post("/api/rfm/recompute").then().statusCode(200);
        given().post("/api/triggers/detect?asOf=" + now).then().statusCode(200);
        assertThat(enrollments(customer, FactFlowsProfile.VIP)).isEmpty();

        // Forty big orders up to today: the most recent, most frequent and highest-spending fifth of everyone.
        Instant later = now.plus(Duration.ofDays(1));
        TestClockProducer.CLOCK.setTo(later);
        for (int i = 0; i < 40; i++) {
            order(customer, later.minus(Duration.ofHours(i)), "50000.00", List.of());
        }
        given().post("/api/rfm/recompute").then().statusCode(200);
        Map<String, Object> scores = given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .path("rfm");
        assertThat(scores).as("RFM of the customer").containsEntry("score", "555");
        given().post("/api/triggers/detect?asOf=" + later).then().statusCode(200);
        assertThat(enrollments(customer, FactFlowsProfile.VIP))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason")).isEqualTo("segment"));
        runDueEnrollments();
        assertThat(texts(customer))
                .filteredOn(t -> t.contains("VIP"))
                .containsExactly("Du er nå VIP hos oss! Svar STOPP for å melde deg av.");
    }
}
