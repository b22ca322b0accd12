package io.comeback.privacy;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.SuppressionHashes;
import io.comeback.testing.Api;
import io.comeback.testing.ConsentSteps;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A number that opted out stays opted out after its customer is erased: kept only as a keyed hash, it makes
 * whoever signs up or is imported with it later start opted out — unless they opt in again after the STOP, as
 * for any number that texted STOP ({@link PhoneSuppressions}). A number that never opted out leaves nothing.
 */
@QuarkusTest
class ErasedOptOutTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant STOP_AT =
            LocalDateTime.of(2031, 2, 4, 11, 0).atZone(OSLO).toInstant();
    private static final Instant BEFORE_STOP = STOP_AT.minusSeconds(86_400);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SuppressionHashes suppressionHashes;

    /** A customer opted in before {@link #STOP_AT}, who texts STOP then and is erased. */
    private static String stoppedAndErased() {
        TestClockProducer.CLOCK.setTo(BEFORE_STOP);
        String phone = TestData.norwegianMobile();
        String id = TestData.id("stopped");
        given().body(Map.of("phone", phone, "firstName", "Siri", "consent", ConsentSteps.checkoutOptIn(BEFORE_STOP)))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        TestClockProducer.CLOCK.setTo(STOP_AT);
        ConsentSteps.stop(phone);
        given().delete("/api/customers/" + id).then().statusCode(204);
        return phone;
    }

    @Test
    void aStoppedNumberCreatedAgainWithAnOlderOptInStaysOptedOut() {
        String phone = stoppedAndErased();
        String again = TestData.id("back");
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(BEFORE_STOP)))
                .put("/api/customers/" + again)
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/" + again + "/consent")
                .then()
                .statusCode(200)
                .body("current.status", equalTo("opted_out"))
                .body("current.at", startsWith(STOP_AT.toString().replace("Z", "")))
                .body("history.source", hasItem(PhoneSuppressions.SOURCE));
        // Without any consent stated, too.
        given().delete("/api/customers/" + again).then().statusCode(204);
        ConsentSteps.newCustomerWith(phone, "no-consent").body("consent.status", equalTo("opted_out"));
    }

    @Test
    void aCsvImportOfTheStoppedNumberWithAnOlderOptInStaysOptedOut() {
        String phone = stoppedAndErased();
        String imported = TestData.id("csv-back");
        Api.csv("externalId,phone,consentStatus,consentSource,consentAt\n" + imported + "," + phone
                        + ",opted_in,checkout," + BEFORE_STOP + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));
        given().get("/api/customers/" + imported).then().body("consent.status", equalTo("opted_out"));
    }

    @Test
    void anOptInGivenAfterTheStopStillWins() {
        String phone = stoppedAndErased();
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(STOP_AT.plusSeconds(3600))))
                .put("/api/customers/" + TestData.id("agreed-again"))
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_in"));
    }

    @Test
    void theNumberIsKeptOnlyAsItsKeyedHash() throws Exception {
        String phone = stoppedAndErased();
        List<String> numberOnly = rows(
                "SELECT coalesce(phone, '-') || ' ' || status || ' ' || floor(extract(epoch FROM at))::bigint"
                        + " FROM consent_events WHERE customer_id IS NULL AND phone_hash = ?",
                hmac(phone));
        assertThat(numberOnly)
                .as("no number, the opt-out, from the time of the STOP")
                .containsExactly("- opted_out " + STOP_AT.getEpochSecond());
        assertThat(rows("SELECT id::text FROM consent_events WHERE phone = ?", phone))
                .isEmpty();
        // STOP again from the erased number: already suppressed, so nothing changes and nothing is confirmed.
        ConsentSteps.texts(phone, "STOPP").body("answer", nullValue());
    }

    @Test
    void startFromTheErasedNumberLiftsTheSuppression() {
        String phone = stoppedAndErased();
        ConsentSteps.start(phone);
        ConsentSteps.newCustomerWith(phone, "lifted").body("consent.status", equalTo("unknown"));
    }

    @Test
    void anErasedCustomerWhoHadNotOptedOutLeavesNothingBehind() throws Exception {
        TestClockProducer.CLOCK.setTo(STOP_AT);
        String phone = TestData.norwegianMobile();
        String id = TestData.id("opted-in");
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(BEFORE_STOP)))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().delete("/api/customers/" + id).then().statusCode(204);
        assertThat(rows("SELECT id::text FROM consent_events WHERE phone_hash = ?", hmac(phone)))
                .isEmpty();
        ConsentSteps.newCustomerWith(phone, "new-owner").body("consent.status", equalTo("unknown"));
    }

    @Test
    void aStopBeforeTheNumberWasACustomersKeepsOnlyItsHashOnceTheCustomerIsErased() throws Exception {
        TestClockProducer.CLOCK.setTo(STOP_AT);
        String phone = TestData.norwegianMobile();
        ConsentSteps.texts(phone, "STOPP");
        assertThat(rows("SELECT phone FROM consent_events WHERE customer_id IS NULL AND phone_hash = ?", hmac(phone)))
                .as("a living suppression shows its number, for the consent audit")
                .containsExactly(phone);
        String id = TestData.id("stopped-first");
        given().body(Map.of("phone", phone))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_out"));
        given().delete("/api/customers/" + id).then().statusCode(204);
        assertThat(rows(
                        "SELECT coalesce(phone, '-') FROM consent_events WHERE customer_id IS NULL AND phone_hash = ?",
                        hmac(phone)))
                .containsOnly("-");
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(BEFORE_STOP)))
                .put("/api/customers/" + TestData.id("again"))
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_out"));
    }

    @Test
    void optOutsByPhoneStoredBeforeHashesExistedGetTheirHashAtStart() throws Exception {
        String phone = TestData.norwegianMobile();
        rows(
                "INSERT INTO consent_events (customer_id, phone, change, status, source, at) VALUES"
                        + " (NULL, ?, 'opt_out', 'opted_out', 'sms: STOP', ?) RETURNING id::text",
                phone,
                java.sql.Timestamp.from(STOP_AT));
        try (Connection c = dataSource.getConnection()) {
            assertThat(suppressionHashes.refresh(c)).isPositive();
        }
        given().body(Map.of("phone", phone, "consent", ConsentSteps.checkoutOptIn(BEFORE_STOP)))
                .put("/api/customers/" + TestData.id("old-stop"))
                .then()
                .statusCode(201)
                .body("consent.status", equalTo("opted_out"));
    }

    /** HMAC-SHA256 under the key application.properties gives tests. */
    private static byte[] hmac(String phone) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-erasure-hash-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(phone.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> rows(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
