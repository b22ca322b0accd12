package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.gateway.simulator.SimulatorGateway;
import io.comeback.gateway.simulator.SimulatorReceipts;
import io.comeback.gateway.twilio.TwilioWebhookCalls;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.privacy.PersonErasure;
import io.comeback.testing.DatabaseText;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A person with everything a person leaves behind — orders, events, texts sent and delivered (receipts from the
 * simulator and from Twilio, one with an error code), a reply through Twilio's webhook, a text to the
 * simulator, a coupon, a text still pending — is erased; then every text column of the database is read and
 * none holds their number in any spelling, their names, e-mail, ids or the words of any text. The runtime is
 * driven step by step, so the pending text is known to be pending when the erasure runs, and the dispatcher
 * runs after it.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ErasureTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    // A Tuesday noon in Oslo: outside quiet hours, within every cap.
    private static final Instant NOON =
            LocalDateTime.of(2033, 3, 15, 12, 0).atZone(OSLO).toInstant();
    private static final String SHOP_NUMBER = "+4790000000";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WakeUpBatch batch;

    @Inject
    Dispatcher dispatcher;

    @Inject
    SimulatorReceipts receipts;

    @Inject
    SimulatorGateway simulator;

    @Inject
    TwilioWebhookCalls twilio;

    @Inject
    PersonErasure erasure;

    private static RequestSpecification api() {
        return RestAssured.given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON);
    }

    /** A flow that texts, waits for the answer, keeps it as an attribute and quotes it in a second text. */
    private Flow replyFlow(RuntimeDriver runtime) {
        return runtime.register("""
                id: erasure_%s
                settings:
                  kind: transactional
                  quiet_hours: none
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text: "Hei {{ customer.firstName }}, pakken din er sendt."
                  - id: answer
                    wait_for_reply:
                      timeout: P1D
                  - id: note
                    set:
                      attribute: last_reply
                      from: reply.text
                  - id: thanks
                    send:
                      text: "Takk for svaret, {{ customer.firstName }} {{ customer.lastName }}: {{ reply.text }}"
                """.formatted(TestData.letters()));
    }

    @Test
    void afterErasureNoTextColumnHoldsThePersonAndTheirPendingTextNeverLeaves() throws Exception {
        TestClockProducer.CLOCK.setTo(NOON);
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        Flow flow = replyFlow(runtime);

        String id = "erase-" + TestData.letters();
        String phone = TestData.norwegianMobile();
        String first = "Ingrid" + TestData.letters();
        String last = "Nordby" + TestData.letters();
        String email = TestData.letters() + ".erased@example.com";
        String product = "Ullgenser " + TestData.letters();
        String page = "https://shop.example/search?q=" + TestData.letters();
        String secret = "allergic to " + TestData.letters();
        // The number as a person types it, not as stored.
        api().body(Map.of(
                        "phone",
                        "+47 " + phone.substring(3, 6) + " " + phone.substring(6, 8) + " " + phone.substring(8),
                        "firstName",
                        first,
                        "lastName",
                        last,
                        "email",
                        email,
                        "birthday",
                        "1990-04-01",
                        "attributes",
                        Map.of("note", secret),
                        "consent",
                        Map.of(
                                "status",
                                "opted_in",
                                "source",
                                "checkout",
                                "text",
                                "Ja takk til SMS",
                                "at",
                                NOON.minus(Duration.ofDays(1)).toString())))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        long customer = ledger.single("SELECT id FROM customers WHERE external_id = ?", id);
        String order = "order-" + TestData.letters();
        api().body(Map.of(
                        "orderId",
                        order,
                        "customerId",
                        id,
                        "total",
                        "499.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        NOON.minus(Duration.ofHours(2)).toString(),
                        "items",
                        List.of(Map.of("sku", "U-1", "name", product, "quantity", 1, "price", "499.00"))))
                .post("/api/orders")
                .then()
                .statusCode(201);
        api().body(Map.of(
                        "customerId",
                        id,
                        "type",
                        "site_visit",
                        "at",
                        NOON.minus(Duration.ofHours(1)).toString(),
                        "properties",
                        Map.of("url", page)))
                .post("/api/events")
                .then()
                .statusCode(201);

        // The welcome flow (customer_created, with a coupon) and the reply flow text them; the simulator delivers.
        runtime.enroll(flow, customer, NOON);
        runtime.runDue();
        List<List<Object>> sent = ledger.rows("""
                SELECT m.id, m.provider_message_id, s.body FROM outbound_messages m JOIN simulator_messages s ON s.ledger_id = m.id
                WHERE m.customer_id = ? ORDER BY m.flow_id = 'welcome' DESC""", customer);
        assertThat(sent)
                .as("texts at the simulator: the welcome, then the reply flow's")
                .hasSize(2);
        assertThat(ledger.single("SELECT count(*) FROM coupons WHERE customer_id = ?", customer))
                .isEqualTo(1);
        TestClockProducer.CLOCK.setTo(NOON.plusSeconds(5));
        receipts.deliverDue();
        long welcome = (Long) sent.get(0).get(0);
        long hello = (Long) sent.get(1).get(0);
        // Twilio's callbacks carry the number: a receipt, and an error of a code the rules record.
        twilio.status(twilioStatus((String) sent.get(1).get(1), "delivered", phone, null), hello);
        twilio.status(twilioStatus((String) sent.get(0).get(1), "undelivered", phone, "30003"), welcome);

        // The answer comes through Twilio's webhook; a later text through the simulator lands in the inbox.
        String reply = "Takk, kom fram " + TestData.letters();
        twilio.inbound(Map.of(
                "MessageSid",
                TestData.messageSid(),
                "AccountSid",
                "ACtest",
                "From",
                phone,
                "To",
                SHOP_NUMBER,
                "Body",
                reply,
                "FromCity",
                "OSLO",
                "FromCountry",
                "NO"));

        // The reply flow answers: written to the ledger, not handed over yet.
        assertThat(batch.run(TestClockProducer.CLOCK.instant(), 1000).claimed()).isPositive();
        String question = "Når åpner dere " + TestData.letters() + "?";
        api().body(Map.of("from", phone, "body", question))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        long pending = ledger.single(
                "SELECT id FROM outbound_messages WHERE customer_id = ? AND step_id = 'thanks'", customer);
        assertThat(ledger.status(pending)).isEqualTo("pending");
        String pendingBody = ledger.text("SELECT body FROM outbound_messages WHERE id = ?", pending);
        assertThat(pendingBody).contains(reply).contains(last);

        List<String> needles = new ArrayList<>(DatabaseText.spellings(phone, "47"));
        needles.addAll(List.of(
                first,
                last,
                email,
                id,
                order,
                product,
                page,
                secret,
                reply,
                question,
                (String) sent.get(0).get(2),
                (String) sent.get(1).get(2),
                pendingBody));
        // The scan sees the person before: the test can fail.
        assertThat(DatabaseText.find(dataSource, needles))
                .as("before erasure")
                .contains(
                        "customers.phone: " + phone,
                        "outbound_messages.to_phone: " + phone,
                        "simulator_messages.to_phone: " + phone,
                        "inbound_messages.from_phone: " + phone,
                        "twilio_inbound_messages.params: " + phone,
                        "twilio_status_callbacks.to_number: " + phone,
                        "twilio_delivery_errors.phone: " + phone,
                        "consent_events.phone: " + phone,
                        "orders.order_id: " + order.toLowerCase(),
                        "enrollments.start_context: " + order.toLowerCase(),
                        "enrollments.state: " + reply.toLowerCase(),
                        "customers.attributes: " + reply.toLowerCase(),
                        "simulator_messages.body: " + question.toLowerCase());

        api().delete("/api/customers/" + id).then().statusCode(204);

        runtime.runDue();
        assertThat(ledger.gatewayCopies(pending))
                .as("the pending text reached the provider")
                .isZero();
        assertThat(ledger.status(pending)).isEqualTo("blocked:erased");
        // A receipt of a text handed over before the erasure, arriving after it.
        twilio.status(twilioStatus((String) sent.get(1).get(1), "read", phone, null), hello);
        twilio.status(twilioStatus((String) sent.get(0).get(1), "failed", phone, "30005"), welcome);

        assertThat(DatabaseText.find(dataSource, needles)).as("after erasure").isEmpty();
        assertThat(ledger.text("SELECT consent_status FROM customers WHERE id = ?", customer))
                .isEqualTo("unknown");
        assertThat(ledger.single(
                        "SELECT count(*) FROM enrollments WHERE customer_id = ? AND exited_at IS NULL", customer))
                .isZero();
        assertThat(ledger.single(
                        "SELECT count(*) FROM enrollments WHERE customer_id = ? AND exit_reason = 'erased'", customer))
                .as("welcome and feedback ended (the reply flow had finished)")
                .isEqualTo(2);
        // What reports count stays: the texts, the order and its total.
        assertThat(ledger.single("SELECT count(*) FROM outbound_messages WHERE customer_id = ?", customer))
                .isEqualTo(3);
        assertThat(ledger.single("SELECT count(*) FROM orders WHERE customer_id = ? AND total = 499.00", customer))
                .isEqualTo(1);
        api().get("/api/customers/" + id).then().statusCode(404);
        api().get("/api/customers/" + id + "/export").then().statusCode(404);
    }

    private static Map<String, String> twilioStatus(String sid, String status, String to, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>(Map.of(
                "MessageSid",
                sid,
                "MessageStatus",
                status,
                "To",
                to,
                "From",
                SHOP_NUMBER,
                "AccountSid",
                "ACtest",
                "ToCity",
                "OSLO"));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    @Test
    void aTextClaimedBeforeTheErasureButNotYetHandedOverIsNeverHandedOver() throws Exception {
        TestClockProducer.CLOCK.setTo(NOON);
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        String external = TestData.customerId();
        long customer = ledger.single("""
                INSERT INTO customers (external_id, phone, time_zone, locale, consent_status, consent_at)
                VALUES (?, ?, 'Europe/Oslo', 'nb', 'opted_in', now()) RETURNING id""", external, TestData.norwegianMobile());
        runtime.enroll(replyFlow(runtime), customer, NOON);
        assertThat(batch.run(NOON, 1000).claimed()).isPositive();
        long text = ledger.single("SELECT id FROM outbound_messages WHERE customer_id = ?", customer);

        List<DispatchStore.Claimed> claimed;
        try (Connection c = dataSource.getConnection()) {
            claimed = DispatchStore.claimHanded(c, NOON, List.of(text));
        }
        assertThat(ledger.status(text)).isEqualTo("dispatching");
        assertThat(erasure.erase(external)).isTrue();

        // The dispatcher takes hold of what it claimed, to hand it over: the cancelled text is not among it.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(DispatchStore.hold(c, claimed)).isEmpty();
            c.commit();
        }
        runtime.runDue();
        assertThat(ledger.gatewayCopies(text)).isZero();
        assertThat(ledger.status(text)).isEqualTo("blocked:erased");
    }

    @Test
    void anErasureWaitsForAHandOverUnderWayAndCommitsAfterIt() throws Exception {
        TestClockProducer.CLOCK.setTo(NOON);
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        String external = TestData.customerId();
        String phone = TestData.norwegianMobile();
        long customer = ledger.single("""
                INSERT INTO customers (external_id, phone, time_zone, locale, consent_status, consent_at)
                VALUES (?, ?, 'Europe/Oslo', 'nb', 'opted_in', now()) RETURNING id""", external, phone);
        runtime.enroll(replyFlow(runtime), customer, NOON);
        assertThat(batch.run(NOON, 1000).claimed()).isPositive();
        long text = ledger.single("SELECT id FROM outbound_messages WHERE customer_id = ?", customer);

        CompletableFuture<Boolean> erased;
        try (Connection claim = dataSource.getConnection();
                Connection handOver = dataSource.getConnection()) {
            List<DispatchStore.Claimed> claimed = DispatchStore.claimHanded(claim, NOON, List.of(text));
            // As the dispatcher does: hold the rows, call the gateway, record the outcome, commit.
            handOver.setAutoCommit(false);
            List<DispatchStore.Claimed> leaving = DispatchStore.hold(handOver, claimed);
            assertThat(leaving).hasSize(1);
            erased = CompletableFuture.supplyAsync(() -> erasure.erase(external));
            awaitErasureWaitingForALock();
            assertThat(erased).as("the erasure waits for the hand-over").isNotDone();
            DispatchStore.Claimed row = leaving.get(0);
            SendOutcome.Accepted accepted =
                    (SendOutcome.Accepted) simulator.send(new OutgoingSms(row.id(), row.to(), row.body(), null));
            DispatchOutcomeStore.record(
                    handOver,
                    List.of(new DispatchOutcome(
                            row.id(),
                            accepted.status().wire(),
                            "simulator",
                            accepted.providerMessageId(),
                            null,
                            null,
                            null)),
                    NOON);
            handOver.commit();
        }
        assertThat(erased.get(20, TimeUnit.SECONDS)).isTrue();
        // Handed over before the erasure committed, so it was sent; what the erasure left of it is scrubbed.
        assertThat(ledger.gatewayCopies(text)).isEqualTo(1);
        assertThat(ledger.status(text)).isEqualTo("queued");
        assertThat(DatabaseText.find(dataSource, DatabaseText.spellings(phone, "47")))
                .isEmpty();
    }

    /** Until another backend of this database waits for a row lock on a statement of the erasure. */
    private void awaitErasureWaitingForALock() throws Exception {
        Ledger ledger = new Ledger(dataSource);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ledger.single("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND query LIKE '%FROM outbound_messages WHERE customer_id = $1%FOR UPDATE%'""") == 0) {
            assertThat(System.nanoTime())
                    .as("the erasure never waited for the held row")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
