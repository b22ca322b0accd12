package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.comeback.testing.Api;
import io.comeback.testing.ConsentSteps;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentLedgerApiTest {

    /**
     * The ledger stamps each consent change with PostgreSQL's time ({@code recorded_at DEFAULT now()}) while the
     * export ends at the service clock's now: that clock runs with the real one here, as in production, so what was
     * recorded a moment ago is inside the export.
     */
    @BeforeEach
    void clockRunsWithRealTime() {
        TestClockProducer.CLOCK.ticking();
    }

    @Test
    void everyConsentChangeIsAppendedAndExportable() {
        String id = TestData.id("ledger");
        String phone = TestData.norwegianMobile();
        Map<String, Object> optedInAtCheckout =
                ConsentSteps.checkoutOptIn("2026-01-01T10:00:00Z", "Ja, send meg tilbud");
        given().body(Map.of("phone", phone, "consent", optedInAtCheckout))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        // Saying nothing about consent, or repeating the same consent, records nothing new.
        given().body(Map.of("phone", phone, "firstName", "Same"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        given().body(Map.of("phone", phone, "consent", optedInAtCheckout))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        given().body(Map.of(
                        "phone",
                        phone,
                        "consent",
                        Map.of("status", "opted_out", "source", "support", "at", "2026-02-01T10:00:00Z")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        Api.csv("externalId,consentStatus,consentSource,consentAt\n" + id
                        + ",opted_in,shop-import,2026-03-01T10:00:00Z\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("updated", equalTo(1));

        given().get("/api/customers/" + id + "/consent")
                .then()
                .statusCode(200)
                .body("current.status", equalTo("opted_in"))
                .body("history", hasSize(3))
                .body("history.change", contains("opt_in", "opt_out", "resubscribe"))
                .body("history.source", contains("checkout", "support", "shop-import"))
                .body("history[0].text", equalTo("Ja, send meg tilbud"));

        given().queryParam("from", "2000-01-01T00:00:00Z")
                .get("/api/consent/export")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("recordedAt,at,phone,customerId,change,status,source,text,keyword"))
                .body(containsString(phone + "," + id + ",opt_out,opted_out,support"));
        given().queryParam("from", "yesterday")
                .get("/api/consent/export")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void erasureRemovesTheNumberButKeepsTheRecord() {
        String id = TestData.id("ledger-erase");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "consent", Map.of("status", "opted_in", "source", "web")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().delete("/api/customers/" + id).then().statusCode(204);
        given().get("/api/consent/export")
                .then()
                .statusCode(200)
                .body(not(containsString(phone)))
                .body(containsString(",opt_in,opted_in,web,"));
    }
}
