package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.testing.Api;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV imports set the shipped flows in motion as the API does, within {@code comeback.import.trigger-window} (48
 * hours): an imported order ends the win-back it is the goal of; a recent order starts the feedback flow once, an
 * order of last year never; imported customers enter the welcome flow only with {@code ?enroll=true}; the answer
 * counts what was set in motion. The test profile's batches of three rows and two lanes put every file over several
 * batches. The runtime runs when the test says ({@link RuntimeDriver}), on the test clock.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ImportsBehaveLikeTheApiTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    // A Tuesday morning in Oslo: inside every flow's allowed hours.
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2030, 3, 5, 10, 0).atZone(OSLO).toInstant();
    private static final String ORDERS_HEADER = "orderId,customerId,total,currency,placedAt\n";

    @Inject
    Enrollments enrollments;

    @Inject
    AgroalDataSource dataSource;

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
    }

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void aCustomerInAWinBackGetsNoFurtherTextAfterTheirOrderArrivesByCsv() {
        // Imported without enroll: no welcome text, which the marketing cap would count against the win-back's.
        String lapsed = enteredWinBack();
        String phone = phoneOf(lapsed);
        runtime.runDue();
        assertThat(texts(phone))
                .singleElement()
                .satisfies(t -> assertThat(t.get("body").toString()).startsWith("Hei Kari, vi savner deg!"));

        runtime.advance(Duration.ofDays(1));
        String order = TestData.id("wb-order");
        String placed =
                TestClockProducer.CLOCK.instant().minus(Duration.ofHours(3)).toString();
        importOrders(ORDERS_HEADER + order + "," + lapsed + ",250.00,NOK," + placed + "\n")
                .body("imported", equalTo(1))
                .body("goalsMet", equalTo(1))
                .body("flows.winback.signalled", equalTo(1))
                .body("flows.winback.goalsMet", equalTo(1))
                .body("flows.winback.entered", equalTo(0))
                // The order also starts the feedback flow (its own trigger), as an order from the API does.
                .body("entered", equalTo(1))
                .body("flows.feedback.entered", equalTo(1))
                .body("flows", aMapWithSize(2));

        runtime.runDue();
        assertThat(enrollment(lapsed, "winback"))
                .containsEntry("exitReason", "goal_reached")
                .containsEntry("conversion", true);
        // The reminder (after 5 days) and the last chance (7 more) never come; the feedback question does.
        runtime.stepTo(TestClockProducer.CLOCK.instant().plus(Duration.ofDays(20)), Duration.ofHours(12));
        assertThat(texts(phone))
                .extracting(t -> t.get("body").toString())
                .noneMatch(body -> body.startsWith("Husk koden") || body.startsWith("Siste sjanse"))
                .anyMatch(body -> body.startsWith("Hei Kari! Hvor sannsynlig"));
    }

    @Test
    void anOrderOfLastYearStartsNoFeedbackWhileARecentOneDoesOnceHoweverOftenItIsImported() {
        String buyer = importedCustomer("opted_in");
        String lastYear = TestData.id("old-order");
        importOrders(ORDERS_HEADER + lastYear + "," + buyer + ",499.00,NOK,2029-02-20T12:00:00Z\n")
                .body("imported", equalTo(1))
                .body("entered", equalTo(0))
                .body("flows", anEmptyMap());
        assertThat(enrollments(buyer, "feedback")).isEmpty();

        // Placed two hours ago: the feedback question is due five days after it, as for an order from the API.
        Instant placed = TUESDAY_10.minus(Duration.ofHours(2));
        String file = ORDERS_HEADER + TestData.id("new-order") + "," + buyer + ",299.00,NOK," + placed + "\n";
        importOrders(file)
                .body("imported", equalTo(1))
                .body("entered", equalTo(1))
                .body("flows.feedback.entered", equalTo(1))
                .body("flows.feedback.refused", equalTo(0));
        importOrders(file)
                .body("imported", equalTo(0))
                .body("unchanged", equalTo(1))
                .body("entered", equalTo(0))
                .body("flows", anEmptyMap());
        assertThat(enrollments(buyer, "feedback")).singleElement().satisfies(e -> {
            assertThat(e.get("entryReason").toString()).contains("(import)");
            assertThat(Instant.parse(e.get("nextWakeAt").toString())).isEqualTo(placed.plus(Duration.ofDays(5)));
        });

        String phone = phoneOf(buyer);
        runtime.stepTo(TUESDAY_10.plus(Duration.ofDays(6)), Duration.ofHours(12));
        assertThat(texts(phone))
                .extracting(t -> t.get("body").toString())
                .singleElement()
                .satisfies(body -> assertThat(body).startsWith("Hei Kari! Hvor sannsynlig"));
    }

    @Test
    void theFeedbackWindowIsTheTriggersDelayPlusTheImportWindow() {
        // Feedback starts five days after the order; an import may start it up to 48 hours late, no later.
        String inside = importedCustomer("opted_in");
        String outside = importedCustomer("opted_in");
        Instant justInside = TUESDAY_10.minus(Duration.ofDays(5).plusHours(47));
        Instant justOutside = TUESDAY_10.minus(Duration.ofDays(5).plusHours(49));
        importOrders(ORDERS_HEADER
                        + TestData.id("in") + "," + inside + ",100.00,NOK," + justInside + "\n"
                        + TestData.id("out") + "," + outside + ",100.00,NOK," + justOutside + "\n")
                .body("imported", equalTo(2))
                .body("entered", equalTo(1))
                .body("flows.feedback.entered", equalTo(1));
        assertThat(enrollments(inside, "feedback"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("status")).isEqualTo("new"));
        assertThat(enrollments(outside, "feedback")).isEmpty();
        // Its start is already past: it starts at once.
        runtime.runDue();
        assertThat(texts(phoneOf(inside))).hasSize(1);
        assertThat(texts(phoneOf(outside))).isEmpty();
    }

    @Test
    void anOrderPlacedLongBeforeAWinBackBeganEndsNothing() {
        String lapsed = enteredWinBack();
        runtime.runDue();
        // History the shop sends late: placed three days before the win-back began, beyond the 48-hour window. (It
        // still starts the feedback flow: its question is due two days from now, five days after the order.)
        String old = TUESDAY_10.minus(Duration.ofDays(3)).toString();
        importOrders(ORDERS_HEADER + TestData.id("late-history") + "," + lapsed + ",80.00,NOK," + old + "\n")
                .body("imported", equalTo(1))
                .body("goalsMet", equalTo(0))
                .body("flows.winback", nullValue())
                .body("flows.feedback.entered", equalTo(1));
        runtime.runDue();
        assertThat(enrollment(lapsed, "winback").get("exitReason")).isNull();
        assertThat(enrollment(lapsed, "winback").get("status")).isNotEqualTo("exited");
    }

    @Test
    void recentOrdersAnImportKeptAsideBeforeItDiedEnterTheirFlowWhenItIsRecovered() throws SQLException {
        String orphaned = importedCustomer("opted_in");
        // As an import that died after committing a batch leaves it: its row in order_fact_folds (lock free: the
        // session is gone), the recent order stored and kept aside, no enrollment yet.
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     WITH f AS (INSERT INTO order_fact_folds (from_order_id) SELECT coalesce(max(id), 0) FROM orders
                                RETURNING id),
                          o AS (INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
                                SELECT ?, id, 42.00, 42.00, 'NOK', 1, ? FROM customers WHERE external_id = ? RETURNING id)
                     INSERT INTO order_import_triggers (fold_id, order_ref) SELECT f.id, o.id FROM f, o""")) {
            st.setString(1, TestData.id("died-o"));
            st.setTimestamp(2, java.sql.Timestamp.from(TUESDAY_10.minus(Duration.ofHours(1))));
            st.setString(3, orphaned);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        assertThat(enrollments(orphaned, "feedback")).isEmpty();

        // The next order import recovers it first.
        String other = importedCustomer("opted_in");
        importOrders(ORDERS_HEADER + TestData.id("next-o") + "," + other + ",10.00,NOK,2029-05-01T00:00:00Z\n")
                .body("imported", equalTo(1));
        assertThat(enrollments(orphaned, "feedback"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason").toString()).contains("(import)"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM order_import_triggers");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("nothing stays kept aside").isZero();
        }
    }

    @Test
    void importedCustomersEnterTheWelcomeFlowOnlyWhenAsked() {
        List<String> quiet = new ArrayList<>();
        StringBuilder file = new StringBuilder(customersHeader());
        for (int i = 0; i < 4; i++) {
            quiet.add(customerLine(file, "opted_in"));
        }
        importCustomers(file.toString(), "")
                .body("imported", equalTo(4))
                .body("entered", equalTo(0))
                .body("flows", anEmptyMap());
        quiet.forEach(c -> assertThat(enrollments(c, "welcome")).isEmpty());

        // Five new customers over two batches, four of them opted in, and one known customer updated.
        List<String> asked = new ArrayList<>();
        StringBuilder enrolled = new StringBuilder(customersHeader());
        for (int i = 0; i < 4; i++) {
            asked.add(customerLine(enrolled, "opted_in"));
        }
        String noConsent = customerLine(enrolled, "");
        enrolled.append(quiet.get(0))
                .append(",Kari,")
                .append(TestData.norwegianMobile())
                .append(",,\n");
        importCustomers(enrolled.toString(), "?enroll=true")
                .body("imported", equalTo(5))
                .body("updated", equalTo(1))
                .body("entered", equalTo(4))
                .body("flows.welcome.entered", equalTo(4))
                .body("flows.welcome.refused", equalTo(1))
                .body("flows", aMapWithSize(1));
        asked.forEach(c -> assertThat(enrollments(c, "welcome"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("entryReason")).isEqualTo("customer_created (import)")));
        assertThat(enrollments(noConsent, "welcome")).isEmpty();
        assertThat(enrollments(quiet.get(0), "welcome"))
                .as("updated, not created")
                .isEmpty();

        runtime.runDue();
        assertThat(texts(phoneOf(asked.get(0))))
                .singleElement()
                .satisfies(t -> assertThat(t.get("body").toString()).startsWith("Hei Kari, velkommen til"));
    }

    @Test
    void enrollIsTrueOrFalse() {
        importCustomers(customersHeader(), "?enroll=yes")
                .statusCode(422)
                .body("errors[0].field", equalTo("enroll"))
                .body("detail", containsString("true or false"));
    }

    /** A customer imported with consent, entered into the win-back as the inactivity detector would (not held out). */
    private String enteredWinBack() {
        while (true) {
            String customer = importedCustomer("opted_in");
            long id = QuarkusTransaction.requiringNew()
                    .call(() -> Customer.findLiving(customer).orElseThrow().id);
            EntryOutcome outcome = enrollments.enter("winback", id, TriggerContext.now(), "test: lapsed");
            if (outcome instanceof EntryOutcome.Entered) {
                return customer;
            }
            // The flow's 10 % holdout chose this customer: never texted. Take another.
            assertThat(outcome).isInstanceOf(EntryOutcome.HeldOut.class);
        }
    }

    private static String customersHeader() {
        return "externalId,firstName,phone,consentStatus,consentSource\n";
    }

    /** Appends a customer's line (consent opted_in or none) to the file; returns their externalId. */
    private static String customerLine(StringBuilder file, String consent) {
        String id = TestData.id("imp");
        file.append(id)
                .append(",Kari,")
                .append(TestData.norwegianMobile())
                .append(',')
                .append(consent)
                .append(',')
                .append(consent.isEmpty() ? "" : "checkout")
                .append('\n');
        return id;
    }

    private static String importedCustomer(String consent) {
        StringBuilder file = new StringBuilder(customersHeader());
        String id = customerLine(file, consent);
        importCustomers(file.toString(), "").body("imported", equalTo(1));
        return id;
    }

    private static ValidatableResponse importCustomers(String file, String query) {
        return Api.csv(file).post("/api/import/customers" + query).then();
    }

    private static ValidatableResponse importOrders(String file) {
        return Api.csv(file).post("/api/import/orders").then().statusCode(200);
    }

    private static String phoneOf(String customer) {
        return given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .path("phone");
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

    private static List<Map<String, Object>> enrollments(String customer, String flow) {
        List<Map<String, Object>> all = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(e -> flow.equals(e.get("flowId"))).toList();
    }

    private static Map<String, Object> enrollment(String customer, String flow) {
        return enrollments(customer, flow).stream().findFirst().orElse(Map.of());
    }
}
