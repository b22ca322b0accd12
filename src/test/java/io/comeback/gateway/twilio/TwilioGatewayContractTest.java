package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.SettableClock;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.RetryPolicy;
import io.comeback.messaging.port.SendOutcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter driven through the real Twilio SDK against a local fake of the 2010 Messages API:
 * what the SDK puts on the wire, and how each kind of answer becomes an outcome.
 */
class TwilioGatewayContractTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String SERVICE = "MG" + "00000000000000000000000000000001";
    private static final URI PUBLIC_URL = URI.create("https://comeback.example.com");

    private final SettableClock clock = new SettableClock(NOW);
    private final List<String> reportedErrors = new ArrayList<>();
    private FakeTwilioApi twilio;

    @BeforeEach
    void start() throws IOException {
        twilio = new FakeTwilioApi();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioGateway gateway(Senders senders, TwilioSettings.Credentials credentials, URI apiBase) {
        TwilioSettings settings =
                new TwilioSettings(FakeTwilioApi.ACCOUNT_SID, credentials, senders, apiBase, PUBLIC_URL);
        return new TwilioGateway(settings, clock, (code, to, id) -> reportedErrors.add(code + " " + to + " " + id));
    }

    private TwilioGateway viaService() {
        return gateway(new Senders(SERVICE, null, Map.of()), token(), twilio.baseUrl());
    }

    private static TwilioSettings.Credentials token() {
        return new TwilioSettings.Credentials(FakeTwilioApi.ACCOUNT_SID, "secret-token");
    }

    private static OutgoingSms sms(long id, String to, Instant validUntil) {
        return new OutgoingSms(id, to, "Hei Kari! 20% på alt i dag & i morgen", validUntil);
    }

    @Test
    void createCarriesRecipientBodyServiceCallbackAndValidity() {
        SendOutcome outcome = viaService().send(sms(42, "+4791234567", NOW.plus(Duration.ofMinutes(90))));

        assertThat(twilio.received()).hasSize(1);
        FakeTwilioApi.Received request = twilio.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(FakeTwilioApi.MESSAGES_PATH);
        assertThat(request.username()).isEqualTo(FakeTwilioApi.ACCOUNT_SID);
        assertThat(request.form())
                .containsEntry("To", "+4791234567")
                .containsEntry("Body", "Hei Kari! 20% på alt i dag & i morgen")
                .containsEntry("MessagingServiceSid", SERVICE)
                .containsEntry("StatusCallback", "https://comeback.example.com/webhooks/twilio/status?messageId=42")
                .containsEntry("ValidityPeriod", "5400")
                .doesNotContainKey("From");
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Accepted.class, accepted -> {
            assertThat(accepted.providerMessageId()).startsWith("SM").hasSize(34);
            assertThat(accepted.status()).isEqualTo(DeliveryStatus.QUEUED); // "accepted" counts as queued
        });
    }

    @Test
    void senderIsTheRecipientCountrysOrElseTheDefaultFrom() {
        TwilioGateway gateway =
                gateway(new Senders(null, "+4759440000", Map.of("NO", "Comeback")), token(), twilio.baseUrl());

        gateway.send(sms(1, "+4791234567", null));
        gateway.send(sms(2, "+46701234567", null));

        assertThat(twilio.received()).extracting(r -> r.form().get("From")).containsExactly("Comeback", "+4759440000");
        assertThat(twilio.received()).allSatisfy(r -> assertThat(r.form()).doesNotContainKey("MessagingServiceSid"));
    }

    @Test
    void validityIsLeftToTwilioWithoutDeadlineAndCappedAtTenHours() {
        viaService().send(sms(1, "+4791234567", null));
        viaService().send(sms(2, "+4791234567", NOW.plus(Duration.ofDays(2))));

        assertThat(twilio.received().get(0).form()).doesNotContainKey("ValidityPeriod");
        assertThat(twilio.received().get(1).form()).containsEntry("ValidityPeriod", "36000");
    }

    @Test
    void passedDeadlineSendsNothing() {
        SendOutcome outcome = viaService().send(sms(1, "+4791234567", NOW.plusMillis(400)));

        assertThat(twilio.received()).isEmpty();
        assertThat(outcome)
                .isEqualTo(new SendOutcome.Refused(
                        SendOutcome.DEADLINE_PASSED,
                        "the message had to leave before 2026-03-02T10:00:00.400Z; it was not sent",
                        false));
    }

    @Test
    void serverErrorIsIndeterminateAfterExactlyOneCreate() {
        twilio.answerError(500, 20500, "Internal Server Error");

        SendOutcome outcome = viaService().send(sms(7, "+4791234567", null));

        assertThat(twilio.received()).hasSize(1);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Indeterminate.class,
                        i -> assertThat(i.detail()).contains("500").contains("20500"));
    }

    @Test
    void serviceUnavailableIsNotRetriedByTheHttpClientEither() {
        twilio.answerRaw(503, "<html>Service Unavailable</html>");

        SendOutcome outcome = viaService().send(sms(7, "+4791234567", null));

        assertThat(twilio.received()).hasSize(1);
        assertThat(outcome).isInstanceOf(SendOutcome.Indeterminate.class);
    }

    @Test
    void connectionDroppedAfterTheRequestIsIndeterminate() {
        twilio.dropNextConnection();

        SendOutcome outcome = viaService().send(sms(7, "+4791234567", null));

        assertThat(twilio.received()).hasSize(1);
        assertThat(outcome).isInstanceOf(SendOutcome.Indeterminate.class);
    }

    @Test
    void refusedNumberIsAFinalRefusalWithTwiliosCodeAndIsReported() {
        twilio.answerError(400, 21211, "Invalid 'To' Phone Number: +4700000000");

        SendOutcome outcome = viaService().send(sms(9, "+4700000000", null));

        assertThat(outcome)
                .isEqualTo(new SendOutcome.Refused("21211", "Invalid 'To' Phone Number: +4700000000", false));
        assertThat(reportedErrors).containsExactly("21211 +4700000000 9");
    }

    @Test
    void failingToActOnTheCodeStillReturnsTheRefusal() {
        twilio.answerError(400, 21614, "'To' number is not a valid mobile number");
        TwilioSettings settings = new TwilioSettings(
                FakeTwilioApi.ACCOUNT_SID, token(), new Senders(SERVICE, null, Map.of()), twilio.baseUrl(), PUBLIC_URL);
        TwilioGateway gateway = new TwilioGateway(settings, clock, (code, to, id) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(gateway.send(sms(15, "+4721000000", null)))
                .isEqualTo(new SendOutcome.Refused("21614", "'To' number is not a valid mobile number", false));
    }

    @Test
    void optedOutRecipientIsReportedForTheConsentLedger() {
        twilio.answerError(400, 21610, "Attempt to send to unsubscribed recipient");

        SendOutcome outcome = viaService().send(sms(10, "+4791234567", null));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, r -> {
            assertThat(r.errorCode()).isEqualTo("21610");
            assertThat(r.retryable()).isFalse();
        });
        assertThat(reportedErrors).containsExactly("21610 +4791234567 10");
    }

    @Test
    void rateLimitIsRetryableAndSucceedsAfterBackoff() {
        twilio.answerError(429, 20429, "Too Many Requests");
        TwilioGateway gateway = viaService();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100));
        List<Duration> waits = new ArrayList<>();

        SendOutcome outcome = gateway.send(sms(11, "+4791234567", null));
        int attempts = 1;
        Optional<Duration> wait;
        while ((wait = policy.retryAfter(outcome, attempts, new Random(1))).isPresent()) {
            waits.add(wait.get());
            outcome = gateway.send(sms(11, "+4791234567", null));
            attempts++;
        }

        assertThat(twilio.received()).hasSize(2);
        assertThat(waits)
                .singleElement()
                .satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(reportedErrors).isEmpty();
    }

    @Test
    void rateLimitAnswerIsRefusedAsRetryableAndThrottled() {
        twilio.answerError(429, 20429, "Too Many Requests");

        assertThat(viaService().send(sms(12, "+4791234567", null)))
                .isEqualTo(new SendOutcome.Refused("20429", "Too Many Requests", true, true));
        assertThat(reportedErrors).isEmpty();
    }

    @Test
    void oneRequestTooManyForTheAccountIsThrottledAndItsConcurrentRequestsAreReported() throws Exception {
        twilio.load().maxInFlight = 1;
        twilio.load().latency = Duration.ofMillis(300);
        List<Integer> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        TwilioGateway gateway = new TwilioGateway(
                new TwilioSettings(
                        FakeTwilioApi.ACCOUNT_SID,
                        token(),
                        new Senders(SERVICE, null, Map.of()),
                        twilio.baseUrl(),
                        PUBLIC_URL),
                clock,
                (code, to, id) -> reportedErrors.add(code),
                new TwilioGateway.Http(4, Duration.ofSeconds(5), reported::add));
        var first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> gateway.send(sms(30, "+4791234567", null)));
        while (twilio.load().stats().peakInFlight() < 1) {
            Thread.onSpinWait(); // until the first request is being processed
        }

        SendOutcome second = gateway.send(sms(31, "+4791234568", null));

        assertThat(second).isInstanceOfSatisfying(SendOutcome.Refused.class, r -> {
            assertThat(r.errorCode()).isEqualTo("20429");
            assertThat(r.throttled()).isTrue();
        });
        assertThat(first.get()).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(reported).containsExactlyInAnyOrder(1, 1);
        assertThat(twilio.load().stats().creates()).isEqualTo(1);
    }

    @Test
    void aCreateAnsweredAfterTheReadTimeoutIsInDoubtAfterOneRequest() {
        twilio.answerNextAfter(Duration.ofMillis(1500));
        TwilioGateway gateway = new TwilioGateway(
                new TwilioSettings(
                        FakeTwilioApi.ACCOUNT_SID,
                        token(),
                        new Senders(SERVICE, null, Map.of()),
                        twilio.baseUrl(),
                        PUBLIC_URL),
                clock,
                (code, to, id) -> reportedErrors.add(code),
                new TwilioGateway.Http(4, Duration.ofMillis(300), count -> {}));

        SendOutcome outcome = gateway.send(sms(32, "+4791234567", null));

        assertThat(outcome).isInstanceOf(SendOutcome.Indeterminate.class);
        assertThat(twilio.received()).hasSize(1);
        assertThat(twilio.load().stats().creates()).as("Twilio did create it").isEqualTo(1);
    }

    @Test
    void refusedConnectionIsRetryableBecauseNothingLeft() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioGateway gateway =
                gateway(new Senders(SERVICE, null, Map.of()), token(), URI.create("http://127.0.0.1:" + closedPort));

        SendOutcome outcome = gateway.send(sms(13, "+4791234567", null));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, r -> {
            assertThat(r.errorCode()).isEqualTo("connection-failed");
            assertThat(r.retryable()).isTrue();
        });
        assertThat(reportedErrors).isEmpty();
    }

    @Test
    void apiKeyAuthenticatesInsteadOfTheAccountSid() {
        TwilioGateway gateway = gateway(
                new Senders(SERVICE, null, Map.of()),
                new TwilioSettings.Credentials("SK" + "11111111111111111111111111111111", "key-secret"),
                twilio.baseUrl());

        gateway.send(sms(14, "+4791234567", null));

        assertThat(twilio.received().get(0).username()).isEqualTo("SK11111111111111111111111111111111");
        assertThat(twilio.received().get(0).path()).isEqualTo(FakeTwilioApi.MESSAGES_PATH);
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(token().toString()).doesNotContain("secret-token");
    }

    // ---- reconciliation lookups

    @Test
    void fetchesTheCurrentStatusOfAMessageByItsSid() {
        TwilioGateway gateway = viaService();
        String sid = ((SendOutcome.Accepted) gateway.send(sms(20, "+4791234567", null))).providerMessageId();
        twilio.progress(sid, "undelivered", 30003);

        assertThat(gateway.byProviderId(sid)).hasValueSatisfying(message -> {
            assertThat(message.status()).contains(DeliveryStatus.UNDELIVERED);
            assertThat(message.errorCode()).isEqualTo("30003");
            assertThat(message.to()).isEqualTo("+4791234567");
        });
        assertThat(twilio.received().get(1).method()).isEqualTo("GET");
        assertThat(twilio.received().get(1).path())
                .isEqualTo("/2010-04-01/Accounts/" + FakeTwilioApi.ACCOUNT_SID + "/Messages/" + sid + ".json");
    }

    @Test
    void unknownSidIsEmpty() {
        assertThat(viaService().byProviderId("SM" + "ffffffffffffffffffffffffffffffff"))
                .isEmpty();
    }

    @Test
    void listsWhatWasCreatedForARecipientToFindTheSidOfAnUnknownRow() {
        TwilioGateway gateway = viaService();
        twilio.progress(
                ((SendOutcome.Accepted) gateway.send(sms(21, "+4791234567", null))).providerMessageId(), "sent", null);
        twilio.progress(
                ((SendOutcome.Accepted) gateway.send(sms(22, "+46701234567", null))).providerMessageId(), "sent", null);

        var found = gateway.createdFor("+4791234567", Instant.now().minusSeconds(60), 10);

        assertThat(found).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("Hei Kari! 20% på alt i dag & i morgen");
            assertThat(message.status()).contains(DeliveryStatus.SENT);
        });
        FakeTwilioApi.Received list = twilio.received().get(2);
        assertThat(list.path()).isEqualTo(FakeTwilioApi.MESSAGES_PATH);
        assertThat(list.query()).contains("To=%2B4791234567").contains("DateSent%3E=");
    }
}
