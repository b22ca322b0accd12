package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TwilioWebhookProfile.class)
class TwilioWebhookTest {

    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    RecordingStatusUpdateSink statuses;

    @Inject
    RecordingInboundSmsSink inbound;

    @Inject
    RecordingDeliveryProblemListener problems;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    // ---- signatures

    @Test
    void forgedSignatureIsRefusedAndNothingIsStored() {
        String sid = TestData.messageSid();
        Map<String, String> params = statusParams(sid, "delivered", null, "+4791234567");

        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign("not-our-token", publicUrl("/webhooks/twilio/status"), params))
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://comeback.io/problems/forbidden"))
                .body("detail", containsString("does not match"));
        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403)
                .body("detail", containsString("missing"));

        assertThat(count("twilio_status_callbacks", sid)).isZero();
        assertThat(statuses.appliedFor(sid)).isEmpty();
    }

    @Test
    void signatureOverTheUrlTheServiceSeesIsRefused() {
        String sid = TestData.messageSid();
        Map<String, String> params = statusParams(sid, "sent", null, "+4791234567");
        String seenByService = RestAssured.baseURI + ":" + RestAssured.port + "/webhooks/twilio/status";

        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign(TwilioWebhookProfile.AUTH_TOKEN, seenByService, params))
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403);
        assertThat(count("twilio_status_callbacks", sid)).isZero();
    }

    @Test
    void tamperedParameterBreaksTheSignature() {
        String sid = TestData.messageSid();
        Map<String, String> params = statusParams(sid, "failed", null, "+4791234567");
        String signature =
                TwilioSignatures.sign(TwilioWebhookProfile.AUTH_TOKEN, publicUrl("/webhooks/twilio/status"), params);
        params.put("MessageStatus", "delivered");

        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header("X-Twilio-Signature", signature)
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403);
        assertThat(count("twilio_status_callbacks", sid)).isZero();
    }

    @Test
    void webhookOutcomesAreCountedForTheAlertOnSignatureFailures() {
        double refused = webhooks("status", "signature_refused");
        double accepted = webhooks("status", "accepted");
        Map<String, String> params = statusParams(TestData.messageSid(), "delivered", null, "+4791234567");

        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403);
        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign("not-our-token", publicUrl("/webhooks/twilio/status"), params))
                .post("/webhooks/twilio/status")
                .then()
                .statusCode(403);
        postStatus(params, 4243L).statusCode(200);

        assertThat(webhooks("status", "signature_refused") - refused).isEqualTo(2);
        assertThat(webhooks("status", "accepted") - accepted).isEqualTo(1);
    }

    private double webhooks(String webhook, String outcome) {
        return metrics.get("comeback.webhooks")
                .tags("webhook", webhook, "outcome", outcome)
                .counter()
                .count();
    }

    // ---- status callbacks

    @Test
    void statusIsStoredAndAppliedWithTheLedgerIdFromTheCallbackUrl() {
        String sid = TestData.messageSid();

        postStatus(statusParams(sid, "delivered", null, "+4791234567"), 4242L).statusCode(200);

        assertThat(count("twilio_status_callbacks", sid)).isEqualTo(1);
        assertThat(statuses.appliedFor(sid)).singleElement().satisfies(update -> {
            assertThat(update.messageId()).isEqualTo(4242L);
            assertThat(update.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(update.errorCode()).isNull();
        });
    }

    @Test
    void repeatedCallbackIsAcknowledgedButAppliedOnce() {
        String sid = TestData.messageSid();
        Map<String, String> params = statusParams(sid, "sent", null, "+4791234567");

        postStatus(params, 1L).statusCode(200);
        postStatus(params, 1L).statusCode(200);

        assertThat(count("twilio_status_callbacks", sid)).isEqualTo(1);
        assertThat(statuses.appliedFor(sid)).hasSize(1);
    }

    @Test
    void callbacksOutOfOrderAndTwiceEndDelivered() {
        String sid = TestData.messageSid();

        postStatus(statusParams(sid, "delivered", null, "+4791234567"), 2L).statusCode(200);
        postStatus(statusParams(sid, "sent", null, "+4791234567"), 2L).statusCode(200);
        postStatus(statusParams(sid, "delivered", null, "+4791234567"), 2L).statusCode(200);
        postStatus(statusParams(sid, "queued", null, "+4791234567"), 2L).statusCode(200);

        assertThat(statuses.currentStatus(sid)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(statuses.appliedFor(sid))
                .extracting(StatusUpdate::status)
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.SENT, DeliveryStatus.QUEUED);
        assertThat(count("twilio_status_callbacks", sid)).isEqualTo(3);
    }

    @Test
    void unknownSidWithoutLedgerIdIsKeptNotRefused() {
        String sid = TestData.messageSid();

        postStatus(statusParams(sid, "undelivered", "30008", "+4791234567"), null)
                .statusCode(200);

        assertThat(count("twilio_status_callbacks", sid)).isEqualTo(1);
        assertThat(statuses.appliedFor(sid))
                .singleElement()
                .satisfies(u -> assertThat(u.messageId()).isNull())
                .satisfies(u -> assertThat(u.errorCode()).isEqualTo("30008"));
    }

    @Test
    void statusComebackHasNoUseForIsStoredOnly() {
        String sid = TestData.messageSid();

        postStatus(statusParams(sid, "canceled", null, "+4791234567"), 3L).statusCode(200);

        assertThat(count("twilio_status_callbacks", sid)).isEqualTo(1);
        assertThat(statuses.appliedFor(sid)).isEmpty();
    }

    @Test
    void callbackWithoutMessageSidIsInvalid() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("MessageStatus", "sent"));
        postStatus(params, null).statusCode(422).body("errors[0].field", equalTo("MessageSid"));
    }

    // ---- error codes

    @Test
    void carrierOptOutIsReportedOnceEvenWhenTheCallbackRepeats() {
        String phone = TestData.norwegianMobile();
        Map<String, String> params = statusParams(TestData.messageSid(), "failed", "21610", phone);

        postStatus(params, 10L).statusCode(200);
        postStatus(params, 10L).statusCode(200);

        assertThat(problems.reportsFor(phone)).singleElement().satisfies(report -> {
            assertThat(report.problem()).isEqualTo(DeliveryProblem.OPT_OUT);
            assertThat(report.errorCode()).isEqualTo("21610");
            assertThat(report.messageId()).isEqualTo(10L);
        });
    }

    @Test
    void thirdUnreachableHandsetErrorMarksTheNumberUnreachable() {
        String phone = TestData.norwegianMobile();

        postStatus(statusParams(TestData.messageSid(), "undelivered", "30003", phone), 21L)
                .statusCode(200);
        postStatus(statusParams(TestData.messageSid(), "undelivered", "30005", phone), 22L)
                .statusCode(200);
        assertThat(problems.reportsFor(phone)).isEmpty();

        postStatus(statusParams(TestData.messageSid(), "undelivered", "30006", phone), 23L)
                .statusCode(200);

        assertThat(problems.reportsFor(phone)).singleElement().satisfies(report -> {
            assertThat(report.problem()).isEqualTo(DeliveryProblem.UNREACHABLE);
            assertThat(report.occurrences()).isEqualTo(3);
            assertThat(report.messageId()).isEqualTo(23L);
        });
    }

    @Test
    void carrierFilteringIsFlaggedForReview() {
        String phone = TestData.norwegianMobile();

        postStatus(statusParams(TestData.messageSid(), "undelivered", "30007", phone), 30L)
                .statusCode(200);

        assertThat(problems.reportsFor(phone))
                .extracting(r -> r.problem())
                .containsExactly(DeliveryProblem.REVIEW_CONTENT);
    }

    // ---- inbound texts

    @Test
    void inboundStoppIsHandedOnAndTheEscapedConfirmationAnsweredInTwiml() {
        String sid = TestData.messageSid();
        String phone = TestData.norwegianMobile();

        postInbound(inboundParams(sid, phone, "STOPP"))
                .statusCode(200)
                .contentType(containsString("application/xml"))
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + "Du er meldt av &amp; får ingen flere &lt;meldinger&gt;. Svar START for å melde deg på igjen."
                        + "</Message></Response>"));

        assertThat(inbound.receivedWithSid(sid)).singleElement().satisfies(sms -> {
            assertThat(sms.from()).isEqualTo(phone);
            assertThat(sms.body()).isEqualTo("STOPP");
        });
        assertThat(count("twilio_inbound_messages", sid)).isEqualTo(1);
    }

    @Test
    void longestInboundTextIsAcceptedWhateverItsCharacters() {
        // Twilio sends up to 1,600 characters; percent-encoded, 'å' takes 6 bytes and an emoji 12: 9,600 bytes here,
        // well within the webhook body limit.
        String sid = TestData.messageSid();
        String body = "å".repeat(1200) + "😀".repeat(200);
        postInbound(inboundParams(sid, TestData.norwegianMobile(), body)).statusCode(200);
        assertThat(inbound.receivedWithSid(sid))
                .singleElement()
                .satisfies(sms -> assertThat(sms.body()).isEqualTo(body));
    }

    @Test
    void repeatedInboundGetsTheFirstAnswerWithoutBeingHandedOnAgain() {
        String sid = TestData.messageSid();
        Map<String, String> params = inboundParams(sid, TestData.norwegianMobile(), "stopp");

        String first = postInbound(params).statusCode(200).extract().asString();
        String second = postInbound(params).statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first).contains("<Message>");
        assertThat(inbound.receivedWithSid(sid)).hasSize(1);
    }

    @Test
    void replyNobodyAnswersGetsAnEmptyResponse() {
        String sid = TestData.messageSid();

        postInbound(inboundParams(sid, TestData.norwegianMobile(), "9"))
                .statusCode(200)
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        assertThat(inbound.receivedWithSid(sid))
                .singleElement()
                .satisfies(sms -> assertThat(sms.body()).isEqualTo("9"));
    }

    @Test
    void forgedInboundIsRefused() {
        String sid = TestData.messageSid();
        Map<String, String> params = inboundParams(sid, TestData.norwegianMobile(), "STOPP");

        RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(403);

        assertThat(inbound.receivedWithSid(sid)).isEmpty();
        assertThat(count("twilio_inbound_messages", sid)).isZero();
    }

    // ---- helpers

    private ValidatableResponse postStatus(Map<String, String> params, Long messageId) {
        String path = "/webhooks/twilio/status" + (messageId == null ? "" : "?messageId=" + messageId);
        return RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign(TwilioWebhookProfile.AUTH_TOKEN, publicUrl(path), params))
                .post(path)
                .then();
    }

    private ValidatableResponse postInbound(Map<String, String> params) {
        return RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign(
                                TwilioWebhookProfile.AUTH_TOKEN, publicUrl("/webhooks/twilio/inbound"), params))
                .post("/webhooks/twilio/inbound")
                .then();
    }

    private static String publicUrl(String pathAndQuery) {
        return TwilioWebhookProfile.PUBLIC_URL + pathAndQuery;
    }

    /** What Twilio posts to a StatusCallback for an SMS. */
    private static Map<String, String> statusParams(String sid, String status, String errorCode, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", FakeTwilioApi.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", "+4759440000");
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", sid);
        params.put("SmsStatus", status);
        params.put("To", to);
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    /** What Twilio posts to a number's incoming message webhook. */
    private static Map<String, String> inboundParams(String sid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", FakeTwilioApi.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("FromCountry", "NO");
        params.put("MessageSid", sid);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("To", "+4759440000");
        params.put("ToCountry", "NO");
        return params;
    }

    private long count(String table, String sid) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE message_sid = ?")) {
            st.setString(1, sid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
