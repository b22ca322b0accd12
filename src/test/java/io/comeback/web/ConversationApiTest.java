package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.comeback.testing.Api;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conversations API: a reply is one text on the ledger, marked with who wrote it, handed to the gateway once;
 * refused to a number that opted out; within a day of the person's text it leaves at any hour, later it waits for
 * the end of quiet hours, and a STOP meanwhile blocks it. Assign, close, reopen; a read key reads only.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ConversationApiTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2035, 3, 6, 10, 0).atZone(OSLO).toInstant();

    private final RuntimeDriver runtime = new RuntimeDriver();

    @Test
    void aReplyIsOneTextOnTheLedgerMarkedWithWhoWroteItAndReachesThePhoneOnce() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String customer = TestData.id("conv");
        String phone = customer(customer);
        String question = "Har dere ullgensere i str M? " + customer;
        text(phone, question);
        long id = conversationOf(phone);
        given().queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].unread", equalTo(true))
                .body("[0].customerId", equalTo(customer))
                .body("[0].lastText", equalTo(question));

        String answer = "Ja, vi har str M på lager. " + customer;
        given().body(Map.of("body", answer, "by", "Kari"))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .body("statusReason", nullValue())
                .body("sentBy", equalTo("Kari"));
        runtime.runDue();
        runtime.advance(runtime.receiptDelay());
        runtime.runDue();

        assertThat(bodiesTo(phone)).filteredOn(answer::equals).hasSize(1);
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .body("find { it.body == '" + answer + "' }.kind", equalTo("conversation"))
                .body("find { it.body == '" + answer + "' }.sentBy", equalTo("Kari"))
                .body("find { it.body == '" + answer + "' }.status", equalTo("delivered"))
                .body("findAll { it.sentBy != null }.size()", equalTo(1));
        given().get("/api/conversations/" + id)
                .then()
                .statusCode(200)
                .body("conversation.unread", equalTo(false))
                .body("messages.find { it.body == '" + question + "' }.inbound", equalTo(true))
                .body("messages.find { it.body == '" + answer + "' }.kind", equalTo("REPLY"))
                .body("messages.find { it.body == '" + answer + "' }.sentBy", equalTo("Kari"))
                .body("messages.find { it.body == '" + answer + "' }.status", equalTo("delivered"));
    }

    @Test
    void aReplyToANumberThatOptedOutIsRefusedWithProblemJsonAndWritesNothing() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String customer = TestData.id("conv-stop");
        String phone = customer(customer);
        text(phone, "Hvorfor fikk jeg denne meldingen? " + customer);
        long id = conversationOf(phone);
        text(phone, "STOPP");

        given().body(Map.of("body", "Beklager! Vi skal rydde opp."))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("opted out"))
                .body("errors[0].field", equalTo("to"));
        runtime.runDue();
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .body("kind", not(hasItem("conversation")));

        // A number no customer has that texted STOP is refused the same way.
        String stranger = TestData.norwegianMobile();
        text(stranger, "Hvem er dette?");
        long strangers = conversationOf(stranger);
        text(stranger, "STOP");
        given().body(Map.of("body", "Dette er Butikken."))
                .post("/api/conversations/" + strangers + "/replies")
                .then()
                .statusCode(409)
                .body("detail", containsString("opted out"));

        // A number that became a customer's after it texted is answered as that customer: their opt-out counts.
        String later = TestData.norwegianMobile();
        text(later, "Hei, er dette butikken?");
        long latecomer = conversationOf(later);
        given().body(Map.of("phone", later, "consent", Map.of("status", "opted_out", "source", "shop")))
                .put("/api/customers/" + TestData.id("conv-later"))
                .then()
                .statusCode(201);
        given().body(Map.of("body", "Ja!"))
                .post("/api/conversations/" + latecomer + "/replies")
                .then()
                .statusCode(409)
                .body("detail", containsString("opted out"));
    }

    @Test
    void aReplyWithinADayOfTheirTextLeavesAtNightALaterOneWaitsForMorningAndAStopMeanwhileBlocksIt() {
        Instant night = LocalDateTime.of(2035, 3, 13, 23, 0).atZone(OSLO).toInstant();
        TestClockProducer.CLOCK.setTo(night);
        String customer = TestData.id("conv-night");
        String phone = customer(customer);
        text(phone, "Er pakken sendt? " + customer);
        long id = conversationOf(phone);

        // 23:30: they asked half an hour ago and are waiting: it leaves now, quiet hours or not.
        TestClockProducer.CLOCK.setTo(night.plus(Duration.ofMinutes(30)));
        String now = "Ja, den ble sendt i dag. " + customer;
        given().body(Map.of("body", now))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(201)
                .body("statusReason", nullValue())
                .body("sentBy", equalTo("bootstrap"));
        runtime.runDue();
        assertThat(bodiesTo(phone)).contains(now);

        // Two days later at 23:00 their text is old: the reply waits for 08:00 their time.
        Instant later = night.plus(Duration.ofDays(2));
        TestClockProducer.CLOCK.setTo(later);
        String held = "Kom pakken fram? " + customer;
        String notBefore = given().body(Map.of("body", held))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(201)
                .body("statusReason", equalTo("quiet_hours"))
                .extract()
                .path("notBefore");
        assertThat(Instant.parse(notBefore))
                .isEqualTo(LocalDateTime.of(2035, 3, 16, 8, 0).atZone(OSLO).toInstant());
        runtime.runDue();
        assertThat(bodiesTo(phone)).doesNotContain(held);

        // STOP before the morning: the waiting reply never leaves.
        text(phone, "STOPP");
        runtime.stepTo(LocalDateTime.of(2035, 3, 16, 9, 0).atZone(OSLO).toInstant(), Duration.ofMinutes(30));
        assertThat(bodiesTo(phone)).doesNotContain(held);
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .body("find { it.body == '" + held + "' }.status", equalTo("blocked"))
                .body("find { it.body == '" + held + "' }.statusReason", equalTo("opted_out"));
    }

    @Test
    void aReplyToANumberNoCustomerHasGoesToThatNumber() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        text(phone, "Selger dere gavekort?");
        long id = conversationOf(phone);
        given().queryParam("phone", phone).get("/api/conversations").then().body("[0].customerId", nullValue());
        String answer = "Ja, i butikken og på nett. " + phone;
        given().body(Map.of("body", answer))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(201);
        runtime.runDue();
        assertThat(bodiesTo(phone)).filteredOn(answer::equals).hasSize(1);
        given().get("/api/conversations/" + id)
                .then()
                .body("messages.find { it.body == '" + answer + "' }.kind", equalTo("REPLY"));
    }

    @Test
    void anEmptyOrOverlongReplyIsRefusedNamingTheBody() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        text(phone, "Hallo?");
        long id = conversationOf(phone);
        given().body(Map.of("body", "  "))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        given().body(Map.of("body", "x".repeat(1700)))
                .post("/api/conversations/" + id + "/replies")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("segments"));
        given().body(Map.of("body", "Hei"))
                .post("/api/conversations/987654321/replies")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void assignCloseAndAnewTextOpensItAgain() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        String first = "Kan jeg endre adressen? " + phone;
        text(phone, first);
        long id = conversationOf(phone);
        String marketer = "assignee-" + TestData.letters();
        Api.user(marketer, "marketer");
        String viewer = "watcher-" + TestData.letters();
        Api.user(viewer, "viewer");

        given().body(Map.of("user", "nobody-" + TestData.letters()))
                .post("/api/conversations/" + id + "/assign")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("user"));
        given().body(Map.of("user", viewer))
                .post("/api/conversations/" + id + "/assign")
                .then()
                .statusCode(422)
                .body("detail", containsString("viewer"));
        given().body(Map.of("user", marketer))
                .post("/api/conversations/" + id + "/assign")
                .then()
                .statusCode(200)
                .body("assignedTo", equalTo(marketer));

        given().body(Map.of("by", "Per"))
                .post("/api/conversations/" + id + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("closedBy", equalTo("Per"));
        // Its texts are handled in the inbox list too.
        given().queryParam("handled", "all")
                .get("/api/inbox")
                .then()
                .body("find { it.body == '" + first + "' }.handledBy", equalTo("Per"));
        given().queryParam("phone", phone).get("/api/conversations").then().body("size()", equalTo(0));

        TestClockProducer.CLOCK.advance(Duration.ofHours(1));
        text(phone, "Hallo igjen?");
        given().queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .body("[0].id", equalTo((int) id))
                .body("[0].status", equalTo("open"))
                .body("[0].unread", equalTo(true))
                .body("[0].assignedTo", equalTo(marketer))
                .body("[0].closedBy", nullValue());
        given().queryParam("status", "maybe")
                .get("/api/conversations")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void aReadKeyReadsConversationsButCannotReplyAssignOrClose() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String phone = TestData.norwegianMobile();
        text(phone, "Bare lurte på noe.");
        long id = conversationOf(phone);
        String key = Api.given()
                .body(Map.of("name", TestData.id("conv-reader"), "scope", "read"))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        RestAssured.given()
                .header("Authorization", "Bearer " + key)
                .get("/api/conversations/" + id)
                .then()
                .statusCode(200);
        for (String action : List.of("replies", "assign", "close")) {
            RestAssured.given()
                    .header("Authorization", "Bearer " + key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("body", "Hei", "user", "x"))
                    .post("/api/conversations/" + id + "/" + action)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get("/api/conversations/" + id)
                .then()
                .body("conversation.status", equalTo("open"))
                .body("messages.findAll { it.kind == 'REPLY' }.size()", equalTo(0));
    }

    /** A customer the API knows, with no marketing consent (so no welcome flow takes their texts). */
    private static String customer(String id) {
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "firstName", "Astrid", "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return phone;
    }

    private static void text(String from, String body) {
        given().body(Map.of("from", from, "body", body))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
    }

    static long conversationOf(String phone) {
        return given().queryParam("phone", phone)
                .queryParam("status", "all")
                .get("/api/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("[0].id");
    }

    private static List<String> bodiesTo(String phone) {
        return given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("body", String.class);
    }
}
