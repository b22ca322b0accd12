package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.messaging.MessageStatusRecorder;
import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entry rules, version pinning, late and concurrent wake-ups, and forward-only delivery status. The runtime is driven
 * step by step ({@link RuntimeDriver}): what a step did not do, no background loop does afterwards.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class RuntimeRulesTest {

    private static final Instant WEDNESDAY_11 =
            LocalDateTime.of(2031, 4, 2, 11, 0).atZone(ZoneId.of("Europe/Oslo")).toInstant();

    @Inject
    Enrollments enrollments;

    @Inject
    WakeUpBatch batch;

    @Inject
    MessageStatusRecorder statuses;

    @Inject
    AgroalDataSource dataSource;

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
    }

    @Test
    void entryRulesRefuseAndRecordWhy() throws Exception {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        String noConsent = customer(null);
        assertThat(enrollments.enter("welcome", id(noConsent), TriggerContext.now(), "test"))
                .isEqualTo(
                        new EntryOutcome.Refused("no_consent", "marketing flow and the customer's consent is unknown"));

        String optedIn = customer("opted_in");
        // The API already entered the new customer into welcome (in its own transaction); re_entry is never.
        assertThat(entryOutcomes(id(optedIn))).contains("welcome:entered");
        EntryOutcome again = enrollments.enter("welcome", id(optedIn), TriggerContext.now(), "test");
        assertThat(again).isInstanceOf(EntryOutcome.Refused.class);
        assertThat(((EntryOutcome.Refused) again).reason()).isIn("already_running", "re_entry_never");

        // feedback's trigger filter: order.total above 0.
        EntryOutcome free =
                enrollments.enter("feedback", id(noConsent), TriggerContext.of(Map.of("order.total", "0")), "test");
        assertThat(free).isEqualTo(new EntryOutcome.Refused("audience", "audience conditions or filters do not hold"));
        assertThat(enrollments.enter("nope", id(noConsent), TriggerContext.now(), "test"))
                .isInstanceOf(EntryOutcome.Refused.class);
        assertThat(entryOutcomes(id(noConsent))).contains("welcome:no_consent", "feedback:audience");
    }

    @Test
    void aRunningEnrollmentStaysOnTheVersionItStartedOn() throws Exception {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        String source = Files.readString(Path.of("flows/feedback.yaml"))
                .replace("Hvor sannsynlig er det", "Gammel versjon: hvor sannsynlig er det");
        String oldVersion =
                new FlowValidator().validate(source).flow().orElseThrow().version();
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("pinned");
        given().body(Map.of("phone", phone, "firstName", "Per"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        sql(
                "INSERT INTO flow_versions (flow_id, version, source) VALUES ('feedback', ?, ?) ON CONFLICT DO NOTHING",
                oldVersion,
                source);
        sql(
                "INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at) "
                        + "VALUES ('feedback', ?, ?, 'new', now() - interval '1 minute', now())",
                oldVersion,
                id(customer));
        runtime.runDue();
        List<Map<String, Object>> texts = texts(phone);
        assertThat(texts).as("the old version's question").isNotEmpty();
        assertThat(texts.get(0).get("body").toString()).startsWith("Hei Per! Gammel versjon: hvor sannsynlig");
    }

    @Test
    void aLateWakeUpRunsOnceAndConcurrentWorkersNeverSendTwice() throws Exception {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        List<String> phones = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String phone = TestData.norwegianMobile();
            String customer = TestData.id("late");
            given().body(Map.of("phone", phone))
                    .put("/api/customers/" + customer)
                    .then()
                    .statusCode(201);
            phones.add(phone);
            ids.add(id(customer));
        }
        // The service was "down" for three days: the enrollments have waited 3 days past their start.
        for (long id : ids) {
            enrollments.enter(
                    "feedback",
                    id,
                    new TriggerContext(Map.of("order.total", "100"), WEDNESDAY_11.minus(Duration.ofDays(3))),
                    "test: late");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<WakeUpBatch.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> batch.run(TestClockProducer.CLOCK.instant(), 7)));
        }
        for (Future<WakeUpBatch.Outcome> run : runs) {
            run.get();
        }
        pool.shutdown();
        // The dispatcher sends what the wake-ups wrote; then nothing is left to run twice.
        runtime.runDue();
        for (String phone : phones) {
            assertThat(texts(phone)).as("texts to " + phone).hasSize(1);
        }
    }

    @Test
    void deliveryStatusOnlyMovesForwardWhateverTheOrderOfReceipts() throws Exception {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("receipts");
        given().body(Map.of("phone", phone))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        enrollments.enter("feedback", id(customer), TriggerContext.of(Map.of("order.total", "5")), "test");
        runtime.runDue();
        List<Map<String, Object>> sent = texts(phone);
        assertThat(sent).as("the question sent").isNotEmpty();
        String providerId = sent.get(0).get("id").toString();
        Instant now = TestClockProducer.CLOCK.instant();
        statuses.apply(new StatusUpdate(providerId, null, DeliveryStatus.DELIVERED, null, now));
        statuses.apply(new StatusUpdate(providerId, null, DeliveryStatus.SENT, null, now));
        statuses.apply(new StatusUpdate(providerId, null, DeliveryStatus.DELIVERED, null, now));
        statuses.apply(new StatusUpdate("SM-nobody-knows", null, DeliveryStatus.FAILED, "30003", now));
        List<Map<String, Object>> log = given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("status", "delivered");
        List<String> history = given().get("/api/customers/" + customer + "/messages")
                .then()
                .extract()
                .jsonPath()
                .getList("[0].history.status");
        assertThat(history).containsOnlyOnce("delivered", "sent", "queued");
        assertThat(query("SELECT count(*) FROM message_status_history WHERE provider_message_id = 'SM-nobody-knows' "
                        + "AND message_id IS NULL"))
                .isEqualTo(1L);
        given().queryParam("flow", "feedback")
                .queryParam("status", "delivered")
                .get("/api/messages")
                .then()
                .statusCode(200)
                .body("providerMessageId", org.hamcrest.Matchers.hasItem(providerId));
        given().queryParam("status", "lost").get("/api/messages").then().statusCode(422);
    }

    private static String customer(String consent) {
        String id = TestData.id("rules");
        Map<String, Object> body = consent == null
                ? Map.of("phone", TestData.norwegianMobile())
                : Map.of("phone", TestData.norwegianMobile(), "consent", Map.of("status", consent));
        given().body(body).put("/api/customers/" + id).then().statusCode(201);
        return id;
    }

    private static long id(String externalId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Customer.findLiving(externalId).orElseThrow().id);
    }

    private List<String> entryOutcomes(long customerId) {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT flow_id || ':' || outcome FROM entry_log WHERE customer_id = ? ORDER BY id")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return outcomes;
    }

    private void sql(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    private long query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
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
}
