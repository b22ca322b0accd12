package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.audience.Customer;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped flows running for real: PostgreSQL, wake-up batches, dispatcher, simulator gateway
 * and its receipts, each run step by step ({@link RuntimeDriver}) with the service's clock moved by the
 * test instead of waiting days.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class FlowRuntimeEndToEndTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    // A Tuesday morning in Oslo: inside every flow's allowed hours and the inbox's business hours.
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2030, 3, 5, 10, 0).atZone(OSLO).toInstant();

    @Inject
    Enrollments enrollments;

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
    }

    @Test
    void welcomeFeedbackPromoterAndWinBackConversion() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("kari");
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Kari",
                        "locale",
                        "nb-NO",
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);

        // 1. The new customer with consent gets the welcome text, and its delivery receipt.
        runtime.runDue();
        List<Map<String, Object>> texts = texts(phone, 1);
        assertThat(texts.get(0).get("body").toString())
                .startsWith("Hei Kari, velkommen til")
                .contains("HEI");
        runtime.advance(runtime.receiptDelay());
        assertThat(messageStatuses(customer)).as("the welcome text delivered").contains("delivered");

        // 2. An order: the welcome flow's goal is reached; the feedback question comes after its 5-day delay.
        placeOrder(customer, "499.00");
        runtime.runDue();
        assertThat(enrollment(customer, "welcome"))
                .as("welcome ended by its goal")
                .containsEntry("exitReason", "goal_reached")
                .containsEntry("conversion", true);
        runtime.advance(Duration.ofDays(4));
        assertThat(texts(phone)).hasSize(1);
        runtime.advance(Duration.ofDays(1).plusMinutes(1));
        texts = texts(phone, 2);
        assertThat(texts.get(1).get("body").toString()).contains("Hvor sannsynlig er det at du vil anbefale");

        // 3. The reply 9 takes the promoter branch and the score is stored on the customer.
        given().body(Map.of("from", phone, "body", "9"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        runtime.runDue();
        texts = texts(phone, 3);
        assertThat(texts.get(2).get("body").toString()).startsWith("Så hyggelig, tusen takk!");
        given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .body("attributes.nps", org.hamcrest.Matchers.equalTo("9"));
        assertThat(enrollment(customer, "feedback"))
                .as("feedback ended as promoter")
                .containsEntry("exitLabel", "promoter");

        // 4. Win-back (entered as the inactivity detector would): an order during it is a conversion.
        String lapsed = customer;
        String lapsedPhone = phone;
        int earlierTexts = 3;
        EntryOutcome outcome = enterWinBack(customer);
        while (outcome instanceof EntryOutcome.HeldOut) {
            // The flow's 10 % holdout chose this customer: kept out, recorded, never texted. Try another.
            assertThat(enrollment(lapsed, "winback")).containsEntry("exitLabel", "holdout");
            lapsedPhone = TestData.norwegianMobile();
            lapsed = TestData.id("lapsed");
            // Created without consent, then given it: no welcome text today, which the marketing cap
            // (one text a day) would otherwise count against the win-back text.
            given().body(Map.of("phone", lapsedPhone, "firstName", "Kari", "timeZone", "Europe/Oslo"))
                    .put("/api/customers/" + lapsed)
                    .then()
                    .statusCode(201);
            given().body(Map.of(
                            "phone",
                            lapsedPhone,
                            "firstName",
                            "Kari",
                            "timeZone",
                            "Europe/Oslo",
                            "consent",
                            Map.of("status", "opted_in")))
                    .put("/api/customers/" + lapsed)
                    .then()
                    .statusCode(200);
            earlierTexts = 0;
            outcome = enterWinBack(lapsed);
        }
        assertThat(outcome).isInstanceOf(EntryOutcome.Entered.class);
        runtime.runDue();
        texts = texts(lapsedPhone, earlierTexts + 1);
        assertThat(texts.get(earlierTexts).get("body").toString())
                .startsWith("Hei Kari, vi savner deg!")
                .contains("TILBAKE");
        String converted = lapsed;
        placeOrder(converted, "250.00");
        runtime.runDue();
        assertThat(enrollment(converted, "winback"))
                .as("win-back converted")
                .containsEntry("exitReason", "goal_reached")
                .containsEntry("conversion", true);
        runtime.advance(Duration.ofDays(6));
        // The order starts the feedback flow (its own trigger), but the win-back sends nothing more.
        assertThat(texts(lapsedPhone))
                .extracting(m -> m.get("body").toString())
                .as("no win-back reminder after the conversion")
                .noneMatch(body -> body.startsWith("Husk koden"))
                .anyMatch(body -> body.startsWith("Hei Kari! Hvor sannsynlig"));
    }

    private EntryOutcome enterWinBack(String externalId) {
        long customerId = QuarkusTransaction.requiringNew()
                .call(() -> Customer.findLiving(externalId).orElseThrow().id);
        return enrollments.enter("winback", customerId, TriggerContext.now(), "test: lapsed");
    }

    @Test
    void aTextNoFlowWaitsForGoesToTheInboxWithWhenAPersonAnswers() {
        // Tuesday 17:00 Oslo: after business hours, so a person answers tomorrow.
        TestClockProducer.CLOCK.setTo(TUESDAY_10.plus(Duration.ofHours(7)));
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("ola");
        given().body(Map.of("phone", phone, "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String answer = given().body(Map.of("from", phone, "body", "Har dere åpent i morgen?"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("answer");
        assertThat(answer)
                .as("in Norwegian, the customer's language")
                .isEqualTo("Takk for meldingen! Vi har stengt nå og svarer deg i morgen fra kl. 09.00.");
        given().get("/api/inbox")
                .then()
                .statusCode(200)
                .body(
                        "find { it.body == 'Har dere åpent i morgen?' }.customerId",
                        org.hamcrest.Matchers.equalTo(customer));
        assertThat(texts(phone)).extracting(m -> m.get("body")).containsExactly(answer);
    }

    @Test
    void flowsCanBeReloaded() {
        given().post("/api/flows/reload")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems("feedback", "welcome", "winback"));
    }

    private static void placeOrder(String customer, String total) {
        given().body(Map.of(
                        "orderId",
                        TestData.id("order"),
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

    /** The texts the number received: at least {@code count}. */
    private static List<Map<String, Object>> texts(String phone, int count) {
        List<Map<String, Object>> texts = texts(phone);
        assertThat(texts).as("texts to " + phone).hasSizeGreaterThanOrEqualTo(count);
        return texts;
    }

    private static List<Map<String, Object>> texts(String phone) {
        return given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static List<String> messageStatuses(String customer) {
        return given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("status");
    }

    private static Map<String, Object> enrollment(String customer, String flow) {
        List<Map<String, Object>> all = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(e -> flow.equals(e.get("flowId")))
                .findFirst()
                .orElse(Map.of());
    }
}
