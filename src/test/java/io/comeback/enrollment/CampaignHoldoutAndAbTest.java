package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.flows.CampaignStore;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The holdout of a campaign gets nothing and is its report's lift baseline; an A/B test picks the variant whose test
 * recipients ordered most often, and the rest of the audience gets that one, at the next local 10:00, once.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignHoldoutAndAbTest {

    @Test
    void theHoldoutGetsNothingAndShowsInTheLift() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-06-02T08:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        List<String> ids = CampaignSteps.cohort(cohort, 80, "Europe/Oslo", "nb-NO", TestData::norwegianMobile);
        String id = "holdout-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                holdout_percent: 25
                send:
                  text: "Sommersalg! Svar STOPP for å melde deg av."
                """.formatted(id, cohort)).statusCode(201);
        CampaignSteps.post(id, "start").statusCode(200);
        runtime.runDue();
        runtime.advance(Duration.ofMinutes(5));
        List<String> heldOut = new ArrayList<>();
        List<String> treated = new ArrayList<>();
        CampaignSteps.query(
                "SELECT c.external_id, e.status FROM enrollments e JOIN customers c ON c.id = e.customer_id "
                        + "WHERE e.flow_id = ? ORDER BY e.id",
                id,
                rs -> (rs.getString(2).equals("held_out") ? heldOut : treated).add(rs.getString(1)));
        assertThat(heldOut).isNotEmpty();
        assertThat(heldOut.size() + treated.size()).isEqualTo(80);
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(treated.size());
        long[] heldOutTexts = {-1};
        CampaignSteps.query(
                "SELECT count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id "
                        + "WHERE e.flow_id = ? AND e.status = 'held_out'",
                id,
                rs -> heldOutTexts[0] = rs.getLong(1));
        assertThat(heldOutTexts[0]).as("the holdout gets nothing").isZero();

        runtime.advance(Duration.ofHours(1));
        order(heldOut.get(0), "400.00");
        order(treated.get(0), "500.00");
        order(treated.get(1), "700.00");
        runtime.advance(Duration.ofMinutes(1));
        given().get("/api/campaigns/" + id)
                .then()
                .statusCode(200)
                .body("counts.audience", equalTo(80))
                .body("counts.heldOut", equalTo(heldOut.size()))
                .body("counts.sent", equalTo(treated.size()))
                .body("counts.converted", equalTo(2))
                .body("counts.revenue", equalTo(1200.00f))
                .body("report.lift.holdout", equalTo(heldOut.size()))
                .body("report.lift.holdoutConverted", equalTo(1))
                .body("report.lift.treated", equalTo(treated.size()))
                .body("report.lift.treatedConverted", equalTo(2));
        given().get("/api/reports/flows/campaign." + id + "?from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z")
                .then()
                .statusCode(200)
                .body("funnel.heldOut", equalTo(heldOut.size()));
    }

    @Test
    void theVariantThatConvertsBetterGoesToTheRest() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-06-08T05:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        CampaignSteps.cohort(cohort, 200, "Europe/Oslo", "nb-NO", TestData::norwegianMobile);
        String id = "ab-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                variants:
                  test_percent: 40
                  decide_after: PT3H
                  texts:
                    - id: a
                      send:
                        text: "Variant A: 10 %% i dag. Svar STOPP for å melde deg av."
                    - id: b
                      send:
                        text: "Variant B: gratis frakt i dag. Svar STOPP for å melde deg av."
                schedule:
                  date: 2026-06-08
                  at: "10:00"
                """.formatted(id, cohort)).statusCode(201);
        CampaignSteps.post(id, "start")
                .statusCode(200)
                .body("decideAt", equalTo("2026-06-08T11:00:00Z"))
                .body("variants.size()", equalTo(2));
        runtime.stepTo(Instant.parse("2026-06-08T08:30:00Z"), Duration.ofMinutes(30));
        Map<String, List<String>> test = Map.of("a", new ArrayList<>(), "b", new ArrayList<>());
        CampaignSteps.query(
                "SELECT c.external_id, e.start_context ->> 'event.variant' FROM enrollments e "
                        + "JOIN customers c ON c.id = e.customer_id WHERE e.flow_id = ?",
                id,
                rs -> test.get(rs.getString(2)).add(rs.getString(1)));
        int tested = test.get("a").size() + test.get("b").size();
        assertThat(tested).isBetween(50, 110);
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(tested);
        // B converts better: three of its recipients order, one of A's.
        for (String customer : test.get("b").subList(0, 3)) {
            order(customer, "300.00");
        }
        order(test.get("a").get(0), "300.00");
        runtime.stepTo(Instant.parse("2026-06-08T10:59:00Z"), Duration.ofMinutes(30));
        CampaignDecisions decisions =
                Arc.container().instance(CampaignDecisions.class).get();
        CampaignStore store = Arc.container().instance(CampaignStore.class).get();
        assertThat(decisions.decideDue(store)).doesNotContain(id);
        TestClockProducer.CLOCK.setTo(Instant.parse("2026-06-08T11:00:00Z"));
        assertThat(decisions.decideDue(store)).contains(id);
        assertThat(decisions.decideDue(store)).as("decided once").doesNotContain(id);
        given().get("/api/campaigns/" + id)
                .then()
                .body("winner", equalTo("b"))
                .body("counts.audience", equalTo(200))
                .body("variants.find { it.variant == 'b' }.converted", equalTo(3))
                .body("state", equalTo("sending"));
        runtime.stepTo(Instant.parse("2026-06-09T07:59:00Z"), Duration.ofHours(1));
        assertThat(CampaignSteps.simulatorTexts(id))
                .as("the rest waits for the next local 10:00")
                .isEqualTo(tested);
        runtime.stepTo(Instant.parse("2026-06-09T09:00:00Z"), Duration.ofMinutes(30));
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(200);
        assertThat(CampaignSteps.mostTextsToOnePerson(id)).isEqualTo(1);
        assertThat(CampaignSteps.mostCopiesOfOneText(id)).isEqualTo(1);
        long[] variantA = {0};
        CampaignSteps.query(
                "SELECT count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id "
                        + "WHERE e.flow_id = ? AND o.body LIKE 'Variant A%'",
                id, rs -> variantA[0] = rs.getLong(1));
        assertThat(variantA[0])
                .as("only A's test share got A")
                .isEqualTo(test.get("a").size());
    }

    @Test
    void aCampaignCountsAgainstTheCapsAndItsPriorityDecidesWhoWaits() {
        Instant ten = Instant.parse("2026-06-15T08:00:00Z"); // 10:00 in Oslo
        TestClockProducer.CLOCK.setTo(ten.minus(Duration.ofHours(2)));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        String customer = CampaignSteps.cohort(cohort, 1, "Europe/Oslo", "nb-NO", TestData::norwegianMobile)
                .get(0);
        io.comeback.engine.model.Flow flow = runtime.register("""
                id: news-%s
                settings:
                  priority: 40
                trigger: customer_created
                steps:
                  - id: news
                    send:
                      text: "Nyhetsbrev. Svar STOPP for å melde deg av."
                """.formatted(cohort));
        String id = "priority-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                settings:
                  priority: 80
                audience:
                  - attribute: cohort
                    equals: %s
                send:
                  text: "Kampanje! Svar STOPP for å melde deg av."
                schedule:
                  at: "10:00"
                """.formatted(id, cohort)).statusCode(201);
        CampaignSteps.post(id, "start").statusCode(200);
        long[] internal = {0};
        CampaignSteps.query(
                "SELECT customer_id FROM enrollments WHERE flow_id = ?", id, rs -> internal[0] = rs.getLong(1));
        runtime.enroll(flow, internal[0], ten);

        runtime.stepTo(ten, Duration.ofHours(1));
        assertThat(CampaignSteps.simulatorTexts(id)).isEqualTo(1);
        String reason = given().get("/api/customers/" + customer + "/messages")
                .then()
                .extract()
                .path("find { it.flowId == '" + flow.id() + "' }.statusReason");
        assertThat(reason).isEqualTo("deferred: lower priority than campaign." + id);
    }

    private static void order(String customer, String total) {
        given().body(Map.of(
                        "orderId",
                        TestData.orderId(),
                        "customerId",
                        customer,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        TestClockProducer.CLOCK.instant().toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }
}
