package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.comeback.testing.Api;
import io.comeback.testing.ConsentSteps;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A STOP from a number no customer has is kept by number; whoever becomes a customer with that number
 * later — through the API or a CSV import — starts opted out, unless they opted in again after the STOP.
 */
@QuarkusTest
class PhoneSuppressionTest {

    private static final Instant STOP_AT =
            LocalDateTime.of(2030, 5, 6, 10, 0).atZone(ZoneId.of("Europe/Oslo")).toInstant();

    private static String stopFromUnknownNumber() {
        TestClockProducer.CLOCK.setTo(STOP_AT);
        String phone = TestData.norwegianMobile();
        ConsentSteps.stop(phone);
        // Confirmed once: a second STOP from the number changes and answers nothing.
        ConsentSteps.texts(phone, "stop").body("answer", nullValue());
        return phone;
    }

    @Test
    void aCustomerCreatedThroughTheApiWithAStoppedNumberStartsOptedOut() {
        String phone = stopFromUnknownNumber();
        String customer = TestData.id("suppressed");
        // Opted in at checkout a day BEFORE the STOP: the STOP is the newer word.
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(STOP_AT.minusSeconds(86_400))))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/" + customer + "/consent")
                .then()
                .statusCode(200)
                .body("current.status", equalTo("opted_out"))
                .body("history.change", hasItem("opt_out"))
                .body("history.keyword", hasItem("STOPP"));
        // Saying it again without a new opt-in does not lift it.
        given().body(Map.of("phone", phone, "firstName", "Nora"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .body("consent.status", equalTo("opted_out"));
        // No marketing flow takes them.
        given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .body("flowId", org.hamcrest.Matchers.not(hasItem("welcome")));
    }

    @Test
    void anExplicitOptInGivenAfterTheStopWins() {
        String phone = stopFromUnknownNumber();
        String customer = TestData.id("optin-after-stop");
        given().body(Map.of(
                        "phone",
                        phone,
                        "consent",
                        ConsentSteps.checkoutOptIn(STOP_AT.plusSeconds(3600), "Ja, send meg tilbud")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_in"));
        // And a customer with no consent stated at all starts opted out.
        String other = stopFromUnknownNumber();
        ConsentSteps.newCustomerWith(other, "no-consent").body("consent.status", equalTo("opted_out"));
    }

    @Test
    void startFromTheNumberLiftsTheSuppression() {
        String phone = stopFromUnknownNumber();
        ConsentSteps.start(phone);
        ConsentSteps.newCustomerWith(phone, "lifted").body("consent.status", equalTo("unknown"));
    }

    @Test
    void aCsvImportAppliesTheSameRule() {
        String stoppedOld = stopFromUnknownNumber();
        String stoppedNew = stopFromUnknownNumber();
        String stoppedNone = stopFromUnknownNumber();
        String clean = TestData.norwegianMobile();
        String a = TestData.id("csv-old"),
                b = TestData.id("csv-new"),
                c = TestData.id("csv-none"),
                d = TestData.id("csv-clean");
        String file = String.join(
                "\n",
                "externalId,phone,consentStatus,consentSource,consentAt",
                a + "," + stoppedOld + ",opted_in,checkout," + STOP_AT.minusSeconds(60),
                b + "," + stoppedNew + ",opted_in,checkout," + STOP_AT.plusSeconds(60),
                c + "," + stoppedNone + ",,,",
                d + "," + clean + ",opted_in,checkout," + STOP_AT.minusSeconds(60),
                "");
        Api.csv(file).post("/api/import/customers").then().statusCode(200).body("imported", equalTo(4));
        given().get("/api/customers/" + a).then().body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/" + b).then().body("consent.status", equalTo("opted_in"));
        given().get("/api/customers/" + c).then().body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/" + d).then().body("consent.status", equalTo("opted_in"));
        given().get("/api/customers/" + a + "/consent")
                .then()
                .body("history.change", hasItem("opt_out"))
                .body("history.source", hasItem(containsString("before the customer existed")));

        // A later file restating the old opt-in (no phone column) does not lift the STOP either.
        Api.csv("externalId,consentStatus,consentAt\n" + a + ",opted_in," + STOP_AT.minusSeconds(30) + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("updated", equalTo(1));
        given().get("/api/customers/" + a).then().body("consent.status", equalTo("opted_out"));
    }
}
