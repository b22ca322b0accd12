package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frequency caps on the real runtime: two flows competing for one person in the same wake-up batch
 * (the higher priority goes, the other goes a day later with the reason), and a flow's own cap
 * (deferred with its reason, or skipped when the flow says so). Reasons are on the ledger row and in
 * the message log; nothing is silently lost.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CapDeferralTest {

    private static final Instant NOON =
            LocalDateTime.of(2033, 3, 8, 12, 0).atZone(ZoneId.of("Europe/Oslo")).toInstant();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WakeUpBatch batch;

    private Ledger ledger;
    private RuntimeDriver runtime;
    private final String run = TestData.letters();

    @BeforeEach
    void setUp() {
        ledger = new Ledger(dataSource);
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(NOON);
    }

    private Flow flow(String id, int priority, String frequencyCap) {
        return runtime.register(
                """
                id: %s
                settings:
                  kind: marketing
                  priority: %d
                  quiet_hours: none
                %s
                trigger: customer_created
                steps:
                  - id: offer
                    send:
                      text: "Tilbud fra %s. Svar STOPP for å melde deg av."
                """.formatted(id, priority, frequencyCap == null ? "" : "  frequency_cap: " + frequencyCap, id));
    }

    private record Text(long id, String status, Instant notBefore, long copies) {}

    private Text textOf(Flow flow, long customerId) {
        List<Object> row = ledger.rows(
                        "SELECT id, status || coalesce(':' || status_reason, ''), not_before FROM outbound_messages "
                                + "WHERE flow_id = ? AND customer_id = ? ORDER BY id DESC LIMIT 1",
                        flow.id(),
                        customerId)
                .get(0);
        long id = ((Number) row.get(0)).longValue();
        return new Text(
                id, (String) row.get(1), ((java.sql.Timestamp) row.get(2)).toInstant(), ledger.gatewayCopies(id));
    }

    @Test
    void twoFlowsInOneBatchTheHigherPriorityGoesTheOtherLaterWithTheReason() {
        Flow vip = flow("cap_vip_" + run, 80, null);
        Flow low = flow("cap_low_" + run, 20, null);
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        // The lower-priority enrollment is older, so it is first in the batch: priority, not order, decides.
        runtime.enroll(low, customer, NOON.minusSeconds(60));
        runtime.enroll(vip, customer, NOON);

        runtime.runDue();
        assertThat(textOf(vip, customer).copies()).isEqualTo(1);
        Text deferred = textOf(low, customer);
        assertThat(deferred.copies()).isZero();
        assertThat(deferred.status()).isEqualTo("pending:deferred: lower priority than " + vip.id());
        // The test clock keeps ticking from where it is set: allow the seconds the test itself takes.
        assertThat(deferred.notBefore())
                .isBetween(
                        NOON.plus(Duration.ofDays(1)),
                        NOON.plus(Duration.ofDays(1)).plusSeconds(30));

        runtime.stepTo(NOON.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofHours(1));
        assertThat(textOf(low, customer).copies())
                .as("not before the cap allows")
                .isZero();
        runtime.stepTo(NOON.plus(Duration.ofDays(1)).plusSeconds(30), Duration.ofHours(1));
        Text sent = textOf(low, customer);
        assertThat(sent.copies()).isEqualTo(1);
        // The reason stays on the row and shows in the message log.
        String externalId = ledger.text("SELECT external_id FROM customers WHERE id = ?", customer);
        List<Map<String, Object>> log = RestAssured.given()
                .header("Authorization", "Bearer test-key")
                .get("/api/customers/" + externalId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(log).anySatisfy(m -> {
            assertThat(m.get("flowId")).isEqualTo(low.id());
            assertThat(m.get("statusReason")).isEqualTo("deferred: lower priority than " + vip.id());
            assertThat(m.get("status")).isNotEqualTo("pending");
        });
    }

    @Test
    void aFlowsOwnCapDefersItsNextTextWithTheReason() {
        Flow weekly = flow("cap_weekly_" + run, 50, "{ max: 1, per: P7D, max_delay: P7D }");
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        runtime.enroll(weekly, customer, NOON);
        runtime.runDue();
        assertThat(textOf(weekly, customer).copies()).isEqualTo(1);

        // Two days later the flow starts again for the person: the global caps (1 a day, 4 in 30 days)
        // would let it through, the flow's own cap (1 a week) does not.
        Instant twoDaysLater = NOON.plus(Duration.ofDays(2));
        runtime.stepTo(twoDaysLater, Duration.ofHours(6));
        runtime.enroll(weekly, customer, twoDaysLater);
        runtime.runDue();
        Text capped = textOf(weekly, customer);
        assertThat(capped.status()).isEqualTo("pending:capped: flow " + weekly.id() + " 1 per P7D");
        assertThat(capped.notBefore())
                .isBetween(
                        NOON.plus(Duration.ofDays(7)),
                        NOON.plus(Duration.ofDays(7)).plusSeconds(30));
        assertThat(capped.copies()).isZero();

        runtime.stepTo(NOON.plus(Duration.ofDays(7)).minusSeconds(1), Duration.ofHours(6));
        assertThat(textOf(weekly, customer).copies())
                .as("not before the flow's cap allows")
                .isZero();
        runtime.stepTo(NOON.plus(Duration.ofDays(7)).plusSeconds(30), Duration.ofHours(6));
        assertThat(textOf(weekly, customer).copies()).isEqualTo(1);
    }

    @Test
    void aFlowThatSaysSkipDropsTheCappedTextAndRecordsWhy() {
        Flow once = flow("cap_skip_" + run, 50, "{ max: 1, per: P7D, when_capped: skip }");
        long customer = ledger.customer(TestData.norwegianMobile(), "Europe/Oslo", "opted_in");
        runtime.enroll(once, customer, NOON);
        runtime.runDue();
        Instant nextDay = NOON.plus(Duration.ofDays(2));
        runtime.stepTo(nextDay, Duration.ofHours(6));
        runtime.enroll(once, customer, nextDay);
        runtime.runDue();
        Text skipped = textOf(once, customer);
        assertThat(skipped.status()).isEqualTo("blocked:capped: flow " + once.id() + " 1 per P7D");
        runtime.stepTo(NOON.plus(Duration.ofDays(8)), Duration.ofDays(1));
        assertThat(textOf(once, customer).copies()).isZero();
    }
}
