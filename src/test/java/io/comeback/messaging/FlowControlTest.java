package io.comeback.messaging;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.enrollment.DetectionRun;
import io.comeback.enrollment.InactivityDetector;
import io.comeback.enrollment.SegmentDetector;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.testing.Api;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Control before and during sending, with the runtime driven step by step ({@link ControlProfile}): a burst of
 * 500 queues nothing until a person approves it, then each text leaves once; a rejected burst never leaves; a paused
 * flow holds its due texts and wake-ups without dropping any, and releases each once on resume. A segment flow's
 * pass asks for approval the same way, and a paused one is not detected.
 * <p>
 * The burst's customers are lapsed as of {@link #AS_OF}, decades before any other test's orders, and are erased
 * afterwards: no later detection pass of another test meets them.
 */
@QuarkusTest
@TestProfile(ControlProfile.class)
class FlowControlTest {

    private static final Instant AS_OF = Instant.parse("1961-06-01T10:00:00Z");
    private static final String BURST = ControlProfile.BURST_FLOW;
    private static final String SEGMENT = ControlProfile.SEGMENT_FLOW;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WakeUpBatch batch;

    @Inject
    InactivityDetector detector;

    @Inject
    SegmentDetector segments;

    private final List<Long> lapsed = new ArrayList<>();

    @AfterEach
    void eraseTheBurstsCustomers() {
        if (!lapsed.isEmpty()) {
            new Ledger(dataSource).rows("UPDATE customers SET erased_at = now() WHERE id = ANY (?)", (Object)
                    lapsed.toArray(Long[]::new));
            lapsed.clear();
        }
    }

    @Test
    void aFlowSwitchedOnForFiveHundredMatchingCustomersQueuesNothingUntilApprovedThenSendsEachOnce() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        long firstMessage = ledger.single("SELECT coalesce(max(id), 0) FROM outbound_messages");
        lapsedCustomers(500);

        InactivityDetector.FlowRun run = detector.runAll(AS_OF).stream()
                .filter(r -> r.flowId().equals(BURST))
                .findFirst()
                .orElseThrow();
        assertThat(run.matched()).isEqualTo(500);
        assertThat(run.approvalId()).as("the pass waits for approval").isNotNull();
        runtime.runDue();
        runtime.runDue();

        assertThat(sentToProvider(ledger, firstMessage))
                .as("texts at the provider before approval")
                .isZero();
        assertThat(ledger.single(
                        "SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND id > ? AND status = 'pending'",
                        BURST,
                        firstMessage))
                .as("texts queued to leave")
                .isZero();
        JsonPath queued = given().get("/api/flows/" + BURST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(queued.getInt("queued.awaitingApproval")).isEqualTo(500);
        assertThat(queued.getInt("queued.pending") + queued.getInt("queued.deferred"))
                .isZero();
        assertThat(queued.getInt("queued.enrollmentsAwaitingApproval")).isEqualTo(500);
        assertThat(queued.getLong("approval.id")).isEqualTo(run.approvalId());

        JsonPath preview = given().get("/api/flows/" + BURST + "/approval")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getInt("enrollments")).isEqualTo(500);
        assertThat(preview.getInt("texts")).isEqualTo(500);
        assertThat(preview.getInt("segments")).isEqualTo(500);
        assertThat(preview.getString("firstAt")).isNotNull();
        assertThat(preview.getList("sample")).hasSize(20);
        assertThat(preview.getString("sample[0].reason")).startsWith("inactive: ");
        assertThat(preview.getString("sample[0].text")).startsWith("Vi savner deg!");
        assertThat(preview.getString("approval.reason")).contains("more than 200");

        JsonPath decision = given().post("/api/flows/" + BURST + "/approval/approve")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(decision.getString("approval.status")).isEqualTo("approved");
        assertThat(decision.getString("approval.decidedBy")).isEqualTo("bootstrap");
        assertThat(decision.getInt("released.pending")).isEqualTo(500);
        given().post("/api/flows/" + BURST + "/approval/approve").then().statusCode(404);
        given().get("/api/flows/" + BURST + "/approval").then().statusCode(404);

        runtime.runDue();
        runtime.runDue();
        assertThat(sentToProvider(ledger, firstMessage))
                .as("texts at the provider after approval")
                .isEqualTo(500);
        assertThat(ledger.single("""
                SELECT count(*) FROM (SELECT s.ledger_id FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                                      WHERE m.flow_id = ? AND m.id > ? GROUP BY s.ledger_id HAVING count(*) > 1) twice""", BURST, firstMessage))
                .as("texts sent twice")
                .isZero();
        assertThat(ledger.single("""
                SELECT count(DISTINCT m.customer_id) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                WHERE m.flow_id = ? AND m.id > ?""", BURST, firstMessage)).isEqualTo(500);
        JsonPath after = given().get("/api/flows/" + BURST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(after.getInt("queued.awaitingApproval")).isZero();
        assertThat(after.getString("approval")).isNull();
    }

    @Test
    void aRejectedBurstIsNeverSentAndItsEnrollmentsEnd() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        long firstMessage = ledger.single("SELECT coalesce(max(id), 0) FROM outbound_messages");
        List<Long> customers = lapsedCustomers(230);

        InactivityDetector.FlowRun run = detector.runAll(AS_OF).stream()
                .filter(r -> r.flowId().equals(BURST))
                .findFirst()
                .orElseThrow();
        assertThat(run.approvalId()).isNotNull();
        runtime.runDue();

        JsonPath decision = given().post("/api/flows/" + BURST + "/approval/reject")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(decision.getString("approval.status")).isEqualTo("rejected");
        assertThat(decision.getInt("enrollments")).isEqualTo(230);
        assertThat(decision.getInt("rejectedTexts")).isEqualTo(230);
        runtime.runDue();

        assertThat(sentToProvider(ledger, firstMessage)).isZero();
        assertThat(ledger.single("""
                SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND id > ? AND status = 'blocked'
                  AND status_reason = 'rejected'""", BURST, firstMessage)).isEqualTo(230);
        assertThat(ledger.single("""
                SELECT count(*) FROM enrollments WHERE flow_id = ? AND customer_id = ANY (?) AND status = 'rejected'
                  AND exited_at IS NOT NULL AND next_wake_at IS NULL AND held_wake_at IS NULL""", BURST, customers.toArray(Long[]::new))).isEqualTo(230);
    }

    @Test
    void aPausedFlowHoldsItsTextsAndWakeUpsAndReleasesEachOnceOnResume() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        String flowId = "paused_" + TestData.letters();
        Flow flow = runtime.register("""
                id: %s
                settings:
                  kind: marketing
                  quiet_hours: none
                trigger: customer_created
                steps:
                  - id: first
                    send:
                      text: "Første melding. Svar STOPP for å melde deg av."
                  - id: later
                    wait: P2D
                  - id: second
                    send:
                      text: "Andre melding. Svar STOPP for å melde deg av."
                """.formatted(flowId));
        Instant start = TestClockProducer.CLOCK.instant();
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
            customers.add(customer);
            runtime.enroll(flow, customer, start);
        }
        // The first texts are written, not yet handed over, when the flow is paused.
        while (batch.run(TestClockProducer.CLOCK.instant(), 1000).claimed() > 0) {
            // until every enrollment ran its first step
        }
        assertThat(texts(ledger, flowId, "pending")).isEqualTo(40);
        given().post("/api/flows/" + flowId + "/pause")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("paused"))
                .body("control.changedBy", org.hamcrest.Matchers.equalTo("bootstrap"))
                .body("queued.held", org.hamcrest.Matchers.equalTo(40));
        // A batch that claimed before the pause may still write a text after it: the dispatcher's claim holds it.
        // (Another customer's, so the caps of the release do not move it to the next day.)
        long other = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        long late = ledger.single(
                """
                INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone,
                    body, kind, segments, status, not_before, created_at, status_at)
                VALUES (NULL, NULL, ?, ?, ?, 'first', ?, 'Sent late', 'marketing', 1, 'pending', ?, ?, ?) RETURNING id""",
                other,
                flowId,
                flow.version(),
                TestData.norwegianMobile(),
                Timestamp.from(start),
                Timestamp.from(start),
                Timestamp.from(start));

        runtime.stepTo(start.plus(Duration.ofDays(3)), Duration.ofHours(6));

        assertThat(atProvider(ledger, flowId))
                .as("texts at the provider while paused")
                .isZero();
        assertThat(ledger.status(late)).isEqualTo("held");
        assertThat(texts(ledger, flowId, "held")).isEqualTo(41);
        JsonPath paused = given().get("/api/flows/" + flowId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(paused.getInt("queued.held")).isEqualTo(41);
        assertThat(paused.getInt("queued.enrollmentsHeld"))
                .as("wake-ups due while paused, kept")
                .isEqualTo(40);
        assertThat(ledger.single("SELECT count(*) FROM enrollments WHERE flow_id = ? AND exited_at IS NULL", flowId))
                .as("no enrollment dropped")
                .isEqualTo(40);

        JsonPath resumed = given().post("/api/flows/" + flowId + "/resume")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // Registered without a file in the catalog, as a flow whose file was deleted: its enrollments still run.
        assertThat(resumed.getString("status")).isEqualTo("removed");
        assertThat(resumed.getString("control.status")).isEqualTo("active");
        assertThat(resumed.getInt("queued.held")).isZero();
        runtime.runDue();
        runtime.stepTo(TestClockProducer.CLOCK.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(10));

        // 40 first texts and the late one, released; 40 second texts from the wake-ups that waited.
        assertThat(atProvider(ledger, flowId)).isEqualTo(81);
        assertThat(ledger.single("""
                SELECT count(*) FROM (SELECT s.ledger_id FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                                      WHERE m.flow_id = ? GROUP BY s.ledger_id HAVING count(*) > 1) twice""", flowId)).as("texts sent twice").isZero();
        assertThat(ledger.single("""
                SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND step_id = 'second'""", flowId)).isEqualTo(40);
        given().post("/api/flows/" + flowId + "/resume").then().statusCode(200);
        runtime.runDue();
        assertThat(atProvider(ledger, flowId))
                .as("a second resume releases nothing again")
                .isEqualTo(81);
    }

    @Test
    void aPausedFlowTakesNoNewEntriesAndIsNotDetected() {
        lapsedCustomers(3);
        given().post("/api/flows/" + BURST + "/pause").then().statusCode(200);
        try {
            InactivityDetector.FlowRun run = detector.runAll(AS_OF).stream()
                    .filter(r -> r.flowId().equals(BURST))
                    .findFirst()
                    .orElseThrow();
            assertThat(run.skipped()).isTrue();
            assertThat(run.matched()).isZero();
            given().get("/api/flows")
                    .then()
                    .statusCode(200)
                    .body("find { it.id == '" + BURST + "' }.status", org.hamcrest.Matchers.equalTo("paused"));
        } finally {
            given().post("/api/flows/" + BURST + "/resume").then().statusCode(200);
        }
        given().post("/api/flows/no_such_flow/pause").then().statusCode(404);
    }

    @Test
    void aMarketerPausesResumesAndDecidesTheApprovalOnTheFlowPageAndAViewerOnlySeesIt() {
        RuntimeDriver runtime = new RuntimeDriver();
        lapsedCustomers(205);
        assertThat(detector.runAll(AS_OF).stream()
                        .filter(r -> r.flowId().equals(BURST))
                        .findFirst()
                        .orElseThrow()
                        .approvalId())
                .isNotNull();
        runtime.runDue();

        String viewer = Api.signIn("viewer-" + TestData.id("v"), "viewer");
        String page = page(viewer);
        assertThat(page)
                .contains("id=\"approval-heading\"")
                .contains("data-figure=\"awaitingApproval\">205<")
                .contains("data-figure=\"texts\">205<")
                .contains("inactive: ")
                .doesNotContain("id=\"approve-button\"")
                .doesNotContain("id=\"pause-button\"")
                .doesNotContain("<script")
                .doesNotContain("style=");
        form(viewer, Api.csrf(page), "/pause", null).then().statusCode(403);

        String marketerName = "marketer-" + TestData.id("m");
        String marketer = Api.signIn(marketerName, "marketer");
        page = page(marketer);
        assertThat(page)
                .contains("id=\"pause-button\"")
                .contains("id=\"approve-button\"")
                .contains("id=\"reject-button\"");
        form(marketer, "forged", "/pause", null).then().statusCode(403);
        form(marketer, Api.csrf(page), "/pause", null)
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/flows/" + BURST + "?done=paused"));
        page = page(marketer);
        assertThat(page)
                .contains("id=\"paused-note\"")
                .contains("by " + marketerName)
                .contains("id=\"resume-button\"");
        io.restassured.RestAssured.given()
                .cookie("comeback_session", marketer)
                .get("/flows/" + BURST + "?done=paused")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("id=\"control-notice\""));
        given().get("/api/flows/" + BURST)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("paused"))
                .body("control.changedBy", org.hamcrest.Matchers.equalTo(marketerName));

        String approval = String.valueOf(given().get("/api/flows/" + BURST + "/approval")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("approval.id"));
        form(marketer, Api.csrf(page), "/approval/approve", "0")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("done=undecided"));
        form(marketer, Api.csrf(page), "/approval/approve", approval)
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("done=approved"));
        given().get("/api/flows/" + BURST + "/approval").then().statusCode(404);
        runtime.runDue();
        // Approved while paused: released, then held by the pause until the flow is resumed.
        Ledger ledger = new Ledger(dataSource);
        assertThat(ledger.single("""
                SELECT count(*) FROM outbound_messages m WHERE m.flow_id = ? AND m.customer_id = ANY (?) AND m.status = 'held'""", BURST, lapsed.toArray(Long[]::new))).isEqualTo(205);
        form(marketer, Api.csrf(page(marketer)), "/resume", null).then().statusCode(303);
        runtime.runDue();
        assertThat(ledger.single("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                WHERE m.flow_id = ? AND m.customer_id = ANY (?)""", BURST, lapsed.toArray(Long[]::new))).isEqualTo(205);
        assertThat(page(marketer)).contains("id=\"pause-button\"").doesNotContain("id=\"approval-heading\"");
    }

    @Test
    void aSegmentFlowsPassOverTheThresholdWaitsForApprovalAndAPausedOneIsNotDetected() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        Instant now = TestClockProducer.CLOCK.instant();
        long firstMessage = ledger.single("SELECT coalesce(max(id), 0) FROM outbound_messages");
        clubMembers(3);
        given().post("/api/flows/" + SEGMENT + "/pause").then().statusCode(200);
        try {
            DetectionRun paused = segmentRun(now);
            assertThat(paused.skipped()).as("a paused flow is not detected").isTrue();
            assertThat(paused.matched()).isZero();
        } finally {
            given().post("/api/flows/" + SEGMENT + "/resume").then().statusCode(200);
        }
        clubMembers(205);

        DetectionRun run = segmentRun(now);
        assertThat(run.matched())
                .as("the three who joined while it was paused, and the rest")
                .isEqualTo(208);
        assertThat(run.approvalId()).as("the pass waits for approval").isNotNull();
        runtime.runDue();
        assertThat(sentToProvider(ledger, SEGMENT, firstMessage))
                .as("texts at the provider before approval")
                .isZero();
        JsonPath preview = given().get("/api/flows/" + SEGMENT + "/approval")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getInt("enrollments")).isEqualTo(208);
        assertThat(preview.getInt("texts")).isEqualTo(208);
        assertThat(preview.getString("sample[0].reason")).isEqualTo("segment");
        assertThat(preview.getString("approval.reason"))
                .startsWith("segment detection pass")
                .contains("more than 200");

        given().post("/api/flows/" + SEGMENT + "/approval/approve").then().statusCode(200);
        runtime.runDue();
        assertThat(sentToProvider(ledger, SEGMENT, firstMessage)).isEqualTo(208);
        assertThat(segmentRun(now).matched())
                .as("members are not entered twice")
                .isZero();
    }

    private DetectionRun segmentRun(Instant asOf) {
        return segments.runAll(asOf).stream()
                .filter(r -> r.flowId().equals(SEGMENT))
                .findFirst()
                .orElseThrow();
    }

    private static String page(String session) {
        return io.restassured.RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows/" + BURST)
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
    }

    private static io.restassured.response.Response form(String session, String csrf, String action, String approval) {
        io.restassured.specification.RequestSpecification request = io.restassured.RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(io.restassured.http.ContentType.URLENC)
                .formParam("csrf", csrf);
        if (approval != null) {
            request = request.formParam("approval", approval);
        }
        return request.post("/flows/" + BURST + action);
    }

    /** Customers lapsed as of {@link #AS_OF} (one order 182 days before), written with their facts. */
    private List<Long> lapsedCustomers(int n) {
        Instant ordered = AS_OF.minus(Duration.ofDays(182));
        return customers(n, "{}", ordered);
    }

    /** Customers with no order, in the segment flow's club (their attribute); opted in. */
    private List<Long> clubMembers(int n) {
        return customers(n, "{\"club\": \"" + ControlProfile.SEGMENT_CLUB + "\"}", null);
    }

    /** Opted-in customers with numbers and ids of their own, erased after the test. */
    private List<Long> customers(int n, String attributes, Instant ordered) {
        String[] externalIds = new String[n];
        String[] phones = new String[n];
        for (int i = 0; i < n; i++) {
            externalIds[i] = TestData.customerId();
            phones[i] = TestData.norwegianMobile();
        }
        Timestamp orderedAt = ordered == null ? null : Timestamp.from(ordered);
        List<Long> ids = new ArrayList<>();
        for (List<Object> row : new Ledger(dataSource)
                .rows("""
                        INSERT INTO customers (external_id, phone, time_zone, locale, consent_status, consent_source,
                                               consent_at, attributes, orders_count, first_order_at, last_order_at,
                                               recent_order_times)
                        SELECT u.external_id, u.phone, 'Europe/Oslo', 'nb', 'opted_in', 'test', now(), CAST(? AS jsonb),
                               CASE WHEN CAST(? AS timestamptz) IS NULL THEN 0 ELSE 1 END, CAST(? AS timestamptz),
                               CAST(? AS timestamptz),
                               CASE WHEN CAST(? AS timestamptz) IS NULL THEN CAST('{}' AS timestamptz[])
                                    ELSE ARRAY[CAST(? AS timestamptz)] END
                        FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS u(external_id, phone)
                        RETURNING id""", attributes, orderedAt, orderedAt, orderedAt, orderedAt, orderedAt, externalIds, phones)) {
            ids.add(((Number) row.get(0)).longValue());
        }
        lapsed.addAll(ids);
        return ids;
    }

    private static long sentToProvider(Ledger ledger, long afterMessage) {
        return sentToProvider(ledger, BURST, afterMessage);
    }

    private static long sentToProvider(Ledger ledger, String flowId, long afterMessage) {
        return ledger.single("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                WHERE m.flow_id = ? AND m.id > ?""", flowId, afterMessage);
    }

    private static long atProvider(Ledger ledger, String flowId) {
        return ledger.single("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id WHERE m.flow_id = ?""", flowId);
    }

    private static long texts(Ledger ledger, String flowId, String status) {
        return ledger.single("SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND status = ?", flowId, status);
    }
}
