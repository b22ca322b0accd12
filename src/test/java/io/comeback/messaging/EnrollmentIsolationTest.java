package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.flows.FlowCatalog;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing one enrollment or one customer holds stops another, on the real runtime driven batch by batch:
 * an enrollment whose writes PostgreSQL refuses, or whose state cannot be read, is set aside as failed
 * with its error in the same batch that still sends another flow's text; a text rendered longer than
 * its flow's max_segments is refused with the reason and never reaches the gateway.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class EnrollmentIsolationTest {

    private static final Instant NOON = LocalDateTime.of(2034, 6, 13, 12, 0)
            .atZone(ZoneId.of("Europe/Oslo"))
            .toInstant();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WakeUpBatch batch;

    @Inject
    Dispatcher dispatcher;

    @Inject
    FlowCatalog catalog;

    private Ledger ledger;
    private RuntimeDriver runtime;
    private final String run = TestData.letters();

    @BeforeEach
    void setUp() {
        ledger = new Ledger(dataSource);
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(NOON);
        runtime.runDue();
    }

    private Flow flow(String id, String settings, String steps) {
        return runtime.register("""
                id: %s
                settings:
                  kind: transactional
                  quiet_hours: none
                %s
                trigger: customer_created
                steps:
                %s""".formatted(id, settings, steps));
    }

    private static final String SEND_NOW = """
              - id: hello
                send:
                  text: "Hei fra den andre flyten."
            """;

    private static final String WAIT_THEN_SEND = """
              - id: pause
                wait: P1D
              - id: later
                send:
                  text: "Hei igjen."
            """;

    private String externalId(long customerId) {
        return ledger.text("SELECT external_id FROM customers WHERE id = ?", customerId);
    }

    private Map<String, Object> enrollmentThroughTheApi(long customerId, String flowId) {
        List<Map<String, Object>> all = RestAssured.given()
                .header("Authorization", "Bearer test-key")
                .get("/api/customers/" + externalId(customerId) + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(e -> flowId.equals(e.get("flowId")))
                .findFirst()
                .orElseThrow();
    }

    private long textOf(String flowId, long customerId) {
        return ledger.single(
                "SELECT id FROM outbound_messages WHERE flow_id = ? AND customer_id = ?", flowId, customerId);
    }

    @Test
    void anEnrollmentWhoseWritesPostgresRefusesIsSetAsideAndAnotherFlowsTextLeavesWithTheSameBatch() {
        Flow poisoned = flow("iso_poisoned_" + run, "", WAIT_THEN_SEND);
        Flow other = flow("iso_other_" + run, "", SEND_NOW);
        long victim = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        long bystander = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        long poisonedEnrollment = runtime.enroll(poisoned, victim, NOON.minusSeconds(120));
        runtime.runDue();
        // A row as an older version left it: waiting for a time past PostgreSQL's last storable year (as
        // `wait: P999999Y` did before the validator refused it), and due now. Writing it back must fail.
        ledger.rows("""
                UPDATE enrollments SET state = jsonb_set(state, '{wakeAt}', '"+1000000-01-01T00:00:00Z"'),
                    next_wake_at = ? WHERE id = ?""", Timestamp.from(NOON.minusSeconds(60)), poisonedEnrollment);
        runtime.enroll(other, bystander, NOON);

        // One batch holds both: the poisoned row costs it a slower pass, not the other flow's text.
        WakeUpBatch.Outcome outcome = batch.run(TestClockProducer.CLOCK.instant(), 10_000);
        assertThat(outcome.failed()).isEqualTo(1);
        long text = textOf(other.id(), bystander);
        assertThat(ledger.status(text)).isEqualTo("pending");
        assertThat(outcome.dueMessages()).contains(text);
        while (Duration.ZERO.equals(dispatcher.dispatchBatch())) {
            // until no text is due
        }
        assertThat(ledger.gatewayCopies(text)).isEqualTo(1);

        Map<String, Object> failed = enrollmentThroughTheApi(victim, poisoned.id());
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(failed.get("exitReason")).isEqualTo("failed");
        assertThat((String) failed.get("failure")).contains("out of range");
        assertThat(failed.get("failedAt")).isNotNull();
        assertThat(failed.get("nextWakeAt")).isNull();
        // Set aside for good: the next batches do not claim it again.
        assertThat(batch.run(TestClockProducer.CLOCK.instant().plusSeconds(1), 10_000)
                        .failed())
                .isZero();
    }

    @Test
    void enrollmentsOnAStoredVersionWithAMillionYearWaitAreFailedInsteadOfBlockingEveryBatch() {
        // What the old validator let through and stored: the file may be long gone, its enrollments are not.
        String flowId = "iso_forever_" + run;
        String source = """
                id: %s
                settings:
                  kind: transactional
                trigger: customer_created
                steps:
                  - id: pause
                    wait: { for: P999999Y }
                  - id: hello
                    send:
                      text: "Hei!"
                """.formatted(flowId);
        ledger.rows("INSERT INTO flow_versions (flow_id, version, source) VALUES (?, 'old', ?)", flowId, source);
        long victim = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        ledger.rows("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at)
                VALUES (?, 'old', ?, 'new', ?, ?)""", flowId, victim, Timestamp.from(NOON.minusSeconds(60)), Timestamp.from(NOON.minusSeconds(60)));
        Flow other = flow("iso_forever_other_" + run, "", SEND_NOW);
        long bystander = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        runtime.enroll(other, bystander, NOON);

        WakeUpBatch.Outcome outcome = batch.run(TestClockProducer.CLOCK.instant(), 10_000);

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.dueMessages()).contains(textOf(other.id(), bystander));
        Map<String, Object> failed = enrollmentThroughTheApi(victim, flowId);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat((String) failed.get("failure"))
                .contains("version old of flow " + flowId + " is unknown or no longer valid");
    }

    @Test
    void anEnrollmentWhoseStateCannotBeReadIsFailedWithItsErrorAndCountedOnTheFlowsPage() {
        Flow welcome = catalog.active("welcome").orElseThrow();
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        long enrollment = ledger.single(
                """
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, state, next_wake_at, entered_at)
                VALUES ('welcome', ?, ?, 'waiting_timer', '{"status": "NOT_A_STATUS"}', ?, ?) RETURNING id""",
                welcome.version(),
                customer,
                Timestamp.from(NOON.minusSeconds(60)),
                Timestamp.from(NOON.minusSeconds(600)));

        assertThat(batch.run(TestClockProducer.CLOCK.instant(), 10_000).failed())
                .isEqualTo(1);

        Map<String, Object> failed = enrollmentThroughTheApi(customer, "welcome");
        assertThat(((Number) failed.get("id")).longValue()).isEqualTo(enrollment);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat((String) failed.get("failure")).contains("state is not readable");

        String session = io.comeback.testing.Api.signIn("isolation-viewer", "viewer");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows/welcome")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        long count = ledger.single("SELECT count(*) FROM enrollments WHERE flow_id = 'welcome' AND status = 'failed'");
        assertThat(count).isPositive();
        assertThat(page)
                .contains("id=\"failed-count\" data-failed=\"" + count + "\"")
                .contains(externalId(customer))
                .contains("state is not readable");
        String list = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).contains("<a href=\"/flows/welcome#failed-heading\">" + count + "</a>");
    }

    @Test
    void theLogLineThatSetsAnEnrollmentAsideCarriesTheEnrollmentAndFlowIds() {
        Flow welcome = catalog.active("welcome").orElseThrow();
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        long enrollment = ledger.single(
                """
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, state, next_wake_at, entered_at)
                VALUES ('welcome', ?, ?, 'waiting_timer', '{"status": "NOT_A_STATUS"}', ?, ?) RETURNING id""",
                welcome.version(),
                customer,
                Timestamp.from(NOON.minusSeconds(60)),
                Timestamp.from(NOON.minusSeconds(600)));
        // What the JSON log writes as "mdc" for each line: the logging context at the moment the line is written.
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " enrollmentId=" + MDC.get("enrollmentId") + " flowId="
                        + MDC.get("flowId"));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.comeback.enrollment.WakeUpBatch");
        logger.addHandler(handler);
        try {
            assertThat(batch.run(TestClockProducer.CLOCK.instant(), 10_000).failed())
                    .isEqualTo(1);
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(lines).contains("ERROR enrollmentId=" + enrollment + " flowId=welcome");
        assertThat(MDC.get("enrollmentId")).as("cleared after the enrollment").isNull();
    }

    @Test
    void anEnrollmentWithASignalThatCannotBeReadIsFailedAndTheRestOfTheBatchRuns() {
        Flow waiting = flow("iso_signal_" + run, "", WAIT_THEN_SEND);
        Flow other = flow("iso_signal_other_" + run, "", SEND_NOW);
        long victim = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        long bystander = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        long enrollment = runtime.enroll(waiting, victim, NOON.minusSeconds(120));
        runtime.runDue();
        // An order signal whose total is no number, queued as ingest would queue a real one.
        ledger.rows(
                "INSERT INTO enrollment_signals (enrollment_id, event) VALUES (?, '{\"type\": \"ordered\", \"total\": \"lots\"}')",
                enrollment);
        ledger.rows(
                "UPDATE enrollments SET next_wake_at = ? WHERE id = ?",
                Timestamp.from(NOON.minusSeconds(60)),
                enrollment);
        runtime.enroll(other, bystander, NOON);

        WakeUpBatch.Outcome outcome = batch.run(TestClockProducer.CLOCK.instant(), 10_000);

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.dueMessages()).contains(textOf(other.id(), bystander));
        Map<String, Object> failed = enrollmentThroughTheApi(victim, waiting.id());
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat((String) failed.get("failure")).contains("is unreadable");
    }

    @Test
    void aTextLongerThanMaxSegmentsIsRefusedWithTheReasonAndNeverReachesTheGateway() {
        // No max_segments in the file: the default, 10 segments, holds.
        Flow note = flow("iso_long_" + run, "", """
                  - id: hello
                    send:
                      text: "Hei {{ customer.attributes.note }}!"
                """);
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        ledger.rows(
                "UPDATE customers SET attributes = jsonb_build_object('note', repeat('a', 5000000)) WHERE id = ?",
                customer);
        runtime.enroll(note, customer, NOON);

        runtime.runDue();

        long text = textOf(note.id(), customer);
        assertThat(ledger.gatewayCopies(text)).isZero();
        assertThat(ledger.status(text))
                .isEqualTo("refused:too_many_segments: the text is 32680 SMS segments "
                        + "(GSM-7, 5000005 characters), more than max_segments 10 of flow " + note.id());
        assertThat(ledger.text("SELECT error_code FROM outbound_messages WHERE id = ?", text))
                .isEqualTo("too_many_segments");
        assertThat(ledger.single("SELECT length(body) FROM outbound_messages WHERE id = ?", text))
                .isLessThanOrEqualTo(1601);
        List<Map<String, Object>> log = RestAssured.given()
                .header("Authorization", "Bearer test-key")
                .get("/api/customers/" + externalId(customer) + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(log).singleElement().satisfies(m -> {
            assertThat(m.get("status")).isEqualTo("refused");
            assertThat((String) m.get("statusReason")).contains("more than max_segments 10");
        });
        // The enrollment went on past the refused text.
        assertThat(enrollmentThroughTheApi(customer, note.id()).get("status")).isEqualTo("exited");
    }

    @Test
    void aFlowsOwnMaxSegmentsIsTheLimitAndATextWithinItIsSent() {
        Flow strict = flow("iso_strict_" + run, "  max_segments: 1", """
                  - id: hello
                    send:
                      text: "Hei {{ customer.attributes.note }}!"
                """);
        long longNote = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        long shortNote = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "unknown");
        ledger.rows(
                "UPDATE customers SET attributes = jsonb_build_object('note', repeat('b', 200)) WHERE id = ?",
                longNote);
        ledger.rows("UPDATE customers SET attributes = jsonb_build_object('note', 'Kari') WHERE id = ?", shortNote);
        runtime.enroll(strict, longNote, NOON);
        runtime.enroll(strict, shortNote, NOON);

        runtime.runDue();

        assertThat(ledger.status(textOf(strict.id(), longNote)))
                .startsWith("refused:too_many_segments: the text is 2 SMS")
                .endsWith("more than max_segments 1 of flow " + strict.id());
        assertThat(ledger.gatewayCopies(textOf(strict.id(), longNote))).isZero();
        assertThat(ledger.gatewayCopies(textOf(strict.id(), shortNote))).isEqualTo(1);
    }
}
