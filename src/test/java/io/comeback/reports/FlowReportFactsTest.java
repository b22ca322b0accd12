package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.MessageStatusRecorder;
import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kept report figures (migration V90) follow facts that arrive in any order: a delivery receipt applied
 * after the order it precedes, a click recorded after the order it leads to, an entry recorded after the
 * order, a status that moves after a report was read, periods that cut days in two, a window longer than the
 * kept spans. Histories in 1995, a year no other test writes; every expected value is worked out below.
 */
@QuarkusTest
class FlowReportFactsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MessageStatusRecorder receipts;

    @Inject
    FlowCountsFolder folder;

    /** Erased at the end, as FlowReportApiTest does: other tests' inactivity counts skip erased customers. */
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void eraseCustomers() {
        created.forEach(p -> given().delete("/api/customers/" + p).then().statusCode(204));
        created.clear();
    }

    private String person() {
        String p = TestData.id("p");
        created.add(p);
        return p;
    }

    private JsonPath report(String flow, String from, String to) {
        return given().queryParam("from", from)
                .queryParam("to", to)
                .get("/api/reports/flows/" + flow)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aReceiptAppliedAfterTheOrderMakesTheTextItsLastTouchWhenItWasDeliveredBeforeIt() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("facts-f"), g = TestData.id("facts-g");
        data.flow(f, null);
        data.flow(g, null);
        String p = person();
        long customer = data.customer(p);
        // F's text went out on 01-10 10:00; the order comes at 01-10 12:00, before any receipt was applied.
        data.message(f, null, customer, "sent", null, "1995-01-10T10:00:00Z", "1995-01-10T10:00:05Z");
        long fText = data.queryLong("SELECT max(id) FROM outbound_messages WHERE flow_id = ?", f);
        data.order(p, "1995-01-10T12:00:00Z", "70.00");
        assertThat(report(f, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .as("no text delivered before the order yet")
                .isZero();

        // The receipt says delivered at 11:00 (the provider's callback came in then; applied later): by the
        // definition, the latest text delivered before the order → F's.
        receipts.apply(
                new StatusUpdate(null, fText, DeliveryStatus.DELIVERED, null, Instant.parse("1995-01-10T11:00:00Z")));
        JsonPath afterReceipt = report(f, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z");
        assertThat(afterReceipt.getInt("funnel.attributedOrders")).isEqualTo(1);
        assertThat(afterReceipt.getDouble("funnel.attributedRevenue")).isEqualTo(70.00);
        assertThat(afterReceipt.getInt("funnel.delivered")).isEqualTo(1);
        assertThat(afterReceipt.getInt("funnel.sent")).isEqualTo(1);

        // G's text is delivered at 13:00, after the order: not a touch of it, the order stays F's.
        data.message(g, null, customer, "sent", null, "1995-01-10T12:30:00Z", "1995-01-10T12:30:05Z");
        long gText = data.queryLong("SELECT max(id) FROM outbound_messages WHERE flow_id = ?", g);
        receipts.apply(
                new StatusUpdate(null, gText, DeliveryStatus.DELIVERED, null, Instant.parse("1995-01-10T13:00:00Z")));
        assertThat(report(f, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .isEqualTo(1);
        assertThat(report(g, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .isZero();

        // A later order (01-11) is G's: G's text is now the latest delivered before it.
        data.order(p, "1995-01-11T09:00:00Z", "30.00");
        assertThat(report(g, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .isEqualTo(1);
        assertThat(report(f, "1995-01-01T00:00:00Z", "1995-02-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .isEqualTo(1);
    }

    @Test
    void aClickRecordedAfterTheOrderStillRestartsTheWindowAndALongWindowGivesTheSameFiguresFromRawRows() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("facts-click");
        String longWindow = TestData.id("facts-long");
        data.flow(f, "P5D");
        data.flow(longWindow, "P100D");
        String p = person();
        long customer = data.customer(p);
        // F's text delivered 02-01; the order on 02-09 is 8 days later, outside P5D.
        data.message(f, null, customer, "delivered", null, "1995-02-01T10:00:00Z", "1995-02-01T10:00:30Z");
        data.order(p, "1995-02-09T10:00:00Z", "55.00");
        JsonPath before = report(f, "1995-02-01T00:00:00Z", "1995-03-01T00:00:00Z");
        assertThat(before.getInt("funnel.attributedOrders")).isZero();
        assertThat(before.getInt("funnel.clicked")).isZero();

        // The click of 02-05 (4 days after the text) is recorded only now: F's click, and the order is 4 days
        // after it → F's order.
        data.click(customer, "1995-02-05T10:00:00Z");
        JsonPath after = report(f, "1995-02-01T00:00:00Z", "1995-03-01T00:00:00Z");
        assertThat(after.getInt("funnel.clicked")).isEqualTo(1);
        assertThat(after.getInt("funnel.attributedOrders")).isEqualTo(1);
        assertThat(after.getDouble("funnel.attributedRevenue")).isEqualTo(55.00);

        // A flow with a 100-day window (longer than the 90 days of touches kept) is reported from the raw rows:
        // its text on 02-02, 7 days before the order and after F's → its order and its click? The click of 02-05
        // came after its text → its click. Entered 1, sent 1, delivered 1.
        long e = data.enrollment(longWindow, customer, "exited", "1995-02-02T09:00:00Z", false, "completed", null);
        data.message(longWindow, e, customer, "delivered", null, "1995-02-02T10:00:00Z", "1995-02-02T10:00:30Z");
        JsonPath raw = report(longWindow, "1995-02-01T00:00:00Z", "1995-03-01T00:00:00Z");
        assertThat(raw.getString("attributionWindow")).isEqualTo("PT2400H");
        assertThat(raw.getMap("funnel"))
                .containsEntry("entered", 1)
                .containsEntry("treated", 1)
                .containsEntry("sent", 1)
                .containsEntry("delivered", 1)
                .containsEntry("clicked", 1)
                .containsEntry("attributedOrders", 1);
        assertThat(report(f, "1995-02-01T00:00:00Z", "1995-03-01T00:00:00Z").getInt("funnel.attributedOrders"))
                .as("the last touch is now the other flow's text")
                .isZero();
    }

    @Test
    void countersFollowStatusChangesEntriesAfterOrdersAndPeriodsThatCutDaysInTwo() {
        ReportData data = new ReportData(dataSource);
        String f = TestData.id("facts-days");
        data.flow(f, null);
        String[] people = new String[6];
        long[] ids = new long[6];
        for (int i = 0; i < people.length; i++) {
            people[i] = person();
            ids[i] = data.customer(people[i]);
        }
        // Orders first, entries recorded afterwards (an import of yesterday's orders): the lift still sees them.
        data.order(people[0], "1995-03-03T12:00:00Z", "100.00"); // 1 day after entry → treated converted
        data.order(people[3], "1995-03-12T12:00:00Z", "40.00"); // 10 days after entry → held-out converted
        data.order(people[1], "1995-03-01T12:00:00Z", "999.00"); // before entry → not converted
        // Entries: 03-02 08:00 (p0), 03-02 11:00 (p1), 03-04 09:00 (p2, converted), 03-02 12:00 (p3, held out),
        // 03-06 14:00 (p4), 03-06 16:00 (p5).
        data.enrollment(f, ids[0], "exited", "1995-03-02T08:00:00Z", false, "completed", null);
        data.enrollment(f, ids[1], "exited", "1995-03-02T11:00:00Z", false, "completed", null);
        long converting = data.enrollment(f, ids[2], "waiting_timer", "1995-03-04T09:00:00Z", false, null, null);
        data.enrollment(f, ids[3], "held_out", "1995-03-02T12:00:00Z", false, "held_out", null);
        data.enrollment(f, ids[4], "exited", "1995-03-06T14:00:00Z", false, "completed", null);
        data.enrollment(f, ids[5], "exited", "1995-03-06T16:00:00Z", false, "completed", null);
        data.message(f, null, ids[2], "sent", null, "1995-03-04T10:00:00Z", "1995-03-04T10:00:05Z");
        long text = data.queryLong("SELECT max(id) FROM outbound_messages WHERE flow_id = ?", f);

        // [03-02 10:00, 03-06 15:00): p1, p2, p4 treated (p0 and p5 outside), p3 held out; the days 03-03…03-05
        // come from the counters, 03-02 and 03-06 from raw rows.
        String from = "1995-03-02T10:00:00Z", to = "1995-03-06T15:00:00Z";
        Map<String, Object> funnel = report(f, from, to).getMap("funnel");
        assertThat(funnel)
                .containsEntry("entered", 4)
                .containsEntry("treated", 3)
                .containsEntry("heldOut", 1)
                .containsEntry("converted", 0)
                .containsEntry("sent", 1)
                .containsEntry("delivered", 0)
                .containsEntry("failed", 0);

        // The text fails, p2's enrollment converts; then the deltas are folded: same figures before and after.
        receipts.apply(new StatusUpdate(
                null, text, DeliveryStatus.UNDELIVERED, "30003", Instant.parse("1995-03-04T10:05:00Z")));
        data.update(
                "UPDATE enrollments SET conversion = true, status = 'exited', exit_reason = 'goal_reached' WHERE id = ?",
                converting);
        for (boolean folded : new boolean[] {false, true}) {
            if (folded) {
                folder.fold();
            }
            JsonPath r = report(f, from, to);
            assertThat(r.getMap("funnel"))
                    .as(folded ? "folded" : "not folded yet")
                    .containsEntry("entered", 4)
                    .containsEntry("treated", 3)
                    .containsEntry("heldOut", 1)
                    .containsEntry("converted", 1)
                    .containsEntry("sent", 1)
                    .containsEntry("delivered", 0)
                    .containsEntry("failed", 1)
                    .containsEntry("failedByError", Map.of("30003", 1));
            // Lift over the whole month: treated p0, p1, p2, p4, p5 (5), p0 converted (1/5); held out p3, converted
            // (1/1).
            JsonPath lift =
                    report(f, "1995-03-01T00:00:00Z", "1995-04-01T00:00:00Z").setRootPath("lift");
            assertThat(lift.getInt("treated")).isEqualTo(5);
            assertThat(lift.getInt("treatedConverted")).isEqualTo(1);
            assertThat(lift.getDouble("treatedRevenuePerPerson")).isEqualTo(20.00);
            assertThat(lift.getInt("holdout")).isEqualTo(1);
            assertThat(lift.getInt("holdoutConverted")).isEqualTo(1);
            assertThat(lift.getDouble("holdoutRevenuePerPerson")).isEqualTo(40.00);
        }
    }
}
