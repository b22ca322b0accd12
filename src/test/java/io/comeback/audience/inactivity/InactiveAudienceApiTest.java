package io.comeback.audience.inactivity;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.enrollment.InactivityDetector;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The example on the real database. Histories lie in 1999 so that, as of late 1999, no
 * customer of another test (all of them ordered in this century) is in a purchase window: counts
 * are exact. Hand-computed: Oslo left summer time on 1999-10-31, so a calendar window crossing
 * that night is one hour longer than whole days.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InactiveAudienceApiTest {

    static final Instant T = Instant.parse("1999-12-01T10:00:00Z");
    static final long DAY = 86_400;

    @Inject
    EngagementStore engagement;

    @Inject
    InactivityDetector detector;

    @Inject
    AgroalDataSource dataSource;

    String lost;
    String slipping;
    String oneTime;
    String lostWithoutConsent;
    String regular;

    /** Once per class, but in a @BeforeEach: RestAssured knows the (random) test port only from then on. */
    @BeforeEach
    void histories() {
        if (lost != null) {
            return;
        }
        // Buys every 91 days, not in a year, ignored the last eight texts, last visit 40 days ago: lost.
        lost = customer("opted_in", every(91, 5, days(365)), days(40), 8);
        lostWithoutConsent = customer("opted_out", every(91, 5, days(365)), days(40), 8);
        // Buys monthly, last order 90 days ago: with factor 2 her window is 60 days, she is 30 days late.
        // Visited yesterday and clicked the last text: slipping, not lost.
        slipping = customer("opted_in", every(30, 6, days(90)), days(1), 0);
        // One order 100 days ago: judged by the fixed window.
        oneTime = customer("opted_in", List.of(days(100)), null, 0);
        // Orders every 30 days, last 20 days ago: fine.
        regular = customer("opted_in", every(30, 4, days(20)), days(3), 0);
    }

    @Test
    void purchaseWindowsRhythmForRegularBuyersFixedWindowForTheRest() {
        given().body(Map.of(
                        "asOf",
                        T.toString(),
                        "purchase",
                        Map.of("noPurchaseFor", "P90D", "rhythmFactor", 2.0, "minOrders", 3)))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("excluded.noConsent", equalTo(1))
                .body("excluded.coolDown", equalTo(0))
                .body("excluded.capped", equalTo(0))
                .body("sample.customerId", contains(lost, slipping, oneTime))
                .body("sample[0].reasons.rule", contains("personal_rhythm"))
                .body("sample[0].reasons[0].windowSeconds", equalTo((int) (182 * DAY)))
                .body("sample[0].reasons[0].lateBySeconds", equalTo((int) (183 * DAY)))
                .body("sample[1].reasons.rule", contains("personal_rhythm"))
                .body("sample[1].reasons[0].windowSeconds", equalTo((int) (60 * DAY)))
                .body("sample[1].reasons[0].lateBySeconds", equalTo((int) (30 * DAY)))
                .body("sample[1].reasons[0].since", equalTo(days(90).toString()))
                .body("sample[2].reasons.rule", contains("fixed_window"))
                // P90D from 23 August (summer time) to 21 November (winter time): 90 days and one hour.
                .body("sample[2].reasons[0].windowSeconds", equalTo((int) (90 * DAY + 3600)))
                .body("sample[2].reasons[0].lateBySeconds", equalTo((int) (10 * DAY - 3600)));
    }

    @Test
    void engagementRulesNarrowItToTheLostCustomer() {
        given().body(Map.of(
                        "asOf",
                        T.toString(),
                        "purchase",
                        Map.of("noPurchaseFor", "P90D", "rhythmFactor", 2.0, "minOrders", 3),
                        "engagement",
                        Map.of("noEngagementFor", "P30D", "unansweredMessages", 8)))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("excluded.noConsent", equalTo(1))
                .body("sample.customerId", contains(lost))
                .body("sample[0].reasons.rule", contains("personal_rhythm", "no_engagement", "unanswered_messages"))
                // Last visit 22 October (summer time) + P30D = 21 November, winter time: 30 days and one hour.
                .body("sample[0].reasons[1].windowSeconds", equalTo((int) (30 * DAY + 3600)))
                .body("sample[0].reasons[1].lateBySeconds", equalTo((int) (10 * DAY - 3600)))
                .body("sample[0].reasons[2].count", equalTo(8));
        given().body(Map.of(
                        "asOf",
                        T.toString(),
                        "purchase",
                        Map.of("rhythmFactor", 2.0),
                        "engagement",
                        Map.of("unansweredMessages", 9)))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(200)
                .body("count", equalTo(0));
    }

    @Test
    void fewerOrdersThanMinOrdersAndNoFixedWindowIsNeverLapsedByPurchase() {
        given().body(Map.of("asOf", T.toString(), "purchase", Map.of("rhythmFactor", 1.0, "minOrders", 6)))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(200)
                // Only the monthly buyer has six orders; the lost customers have five.
                .body("count", equalTo(1))
                .body("sample.customerId", contains(slipping));
    }

    @Test
    void badWindowsAreRefusedNamingEveryField() {
        given().body(Map.of(
                        "asOf",
                        "yesterday",
                        "purchase",
                        Map.of("noPurchaseFor", "90 days", "rhythmFactor", 0.5, "minOrders", 1),
                        "engagement",
                        Map.of("noEngagementFor", "P0D", "unansweredMessages", 0)))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        contains(
                                "asOf",
                                "purchase.noPurchaseFor",
                                "engagement.noEngagementFor",
                                "purchase.rhythmFactor",
                                "purchase.minOrders",
                                "engagement.unansweredMessages"));
        given().body(Map.of())
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(422)
                .body("errors.field", contains("purchase"));
        // A window PostgreSQL could not even subtract from the date is refused like any bad window.
        given().body(Map.of("asOf", T.toString(), "purchase", Map.of("noPurchaseFor", "P999999Y")))
                .post("/api/segments/inactive/preview")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("purchase.noPurchaseFor"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("up to P10Y"));
    }

    @Test
    void theDetectorRecordsWhyAndTheFlowsCoolDownKeepsMatchedCustomersOut() throws Exception {
        // winback.yaml: rhythm 2 × median gap for 3+ orders, else P120D; cool-down P180D.
        given().queryParam("asOf", T.toString())
                .get("/api/flows/winback/audience")
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("excluded.noConsent", equalTo(1))
                .body("sample.customerId", contains(lost, slipping));

        detector.runAll(T);
        // winback holds out 10 % (by a hash of flow and customer id): either outcome is a match.
        assertThat(matches(lost)).singleElement().asString().matches("(entered|held_out) personal_rhythm " + 183 * DAY);
        assertThat(matches(slipping))
                .singleElement()
                .asString()
                .matches("(entered|held_out) personal_rhythm " + 30 * DAY);
        assertThat(matches(oneTime)).isEmpty();
        assertThat(matches(lostWithoutConsent)).isEmpty();

        given().queryParam("asOf", T.toString())
                .get("/api/flows/winback/audience")
                .then()
                .body("count", equalTo(0))
                .body("excluded.coolDown", equalTo(2));
        Instant nextDay = T.plus(Duration.ofDays(1));
        detector.runAll(nextDay);
        assertThat(matches(lost)).hasSize(1);
        // P180D after the match they may enter again: still lapsed, so they do.
        Instant later = T.plus(Duration.ofDays(181));
        given().queryParam("asOf", later.toString())
                .get("/api/flows/winback/audience")
                .then()
                .body("sample.customerId", hasItems(lost, slipping));
        detector.runAll(later);
        assertThat(matches(lost)).hasSize(2);
    }

    @Test
    void aClickEndsTheUnansweredStreakButAClickOlderThanTheLastTextDoesNot() throws Exception {
        String customer = customer("opted_in", List.of(days(10)), null, 3);
        long id = id(customer);
        assertThat(streak(id)).isEqualTo(3);
        event(customer, "link_click", days(400));
        assertThat(streak(id))
                .as("a click from before the texts answers none of them")
                .isEqualTo(3);
        event(customer, "site_visit", T);
        assertThat(streak(id))
                .as("a visit is engagement, not an answer to a text")
                .isEqualTo(3);
        event(customer, "link_click", T);
        assertThat(streak(id)).isZero();
        QuarkusTransaction.requiringNew().run(() -> engagement.marketingTextSent(id, T.plusSeconds(60)));
        QuarkusTransaction.requiringNew().run(() -> engagement.replied(id, T.plusSeconds(120)));
        assertThat(streak(id)).isZero();
    }

    private static Instant days(int daysBeforeT) {
        return T.minus(Duration.ofDays(daysBeforeT));
    }

    /** {@code count} order times {@code gap} days apart, the last at {@code last}. */
    private static List<Instant> every(int gap, int count, Instant last) {
        List<Instant> times = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            times.add(last.minus(Duration.ofDays((long) gap * i)));
        }
        return times;
    }

    private String customer(String consent, List<Instant> orders, Instant lastVisit, int unansweredTexts) {
        String id = TestData.id("lapse");
        String phone = TestData.norwegianMobile();
        // Created without consent, so the welcome flow (which needs an opt-in at sign-up) sends these
        // customers nothing that would change the streaks the tests set; consent is given right after.
        given().body(Map.of("phone", phone, "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "phone",
                        phone,
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", consent, "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200);
        // Newest first: the facts must not depend on orders arriving in time order.
        for (int i = orders.size() - 1; i >= 0; i--) {
            given().body(Map.of(
                            "orderId",
                            id + "-" + i,
                            "customerId",
                            id,
                            "total",
                            "250",
                            "currency",
                            "NOK",
                            "placedAt",
                            orders.get(i).toString()))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
        if (lastVisit != null) {
            event(id, "site_visit", lastVisit.minus(Duration.ofDays(100)));
            event(id, "site_visit", lastVisit);
        }
        long customerId = id(id);
        for (int i = 0; i < unansweredTexts; i++) {
            Instant sent = days(300 - i);
            QuarkusTransaction.requiringNew().run(() -> engagement.marketingTextSent(customerId, sent));
        }
        return id;
    }

    private static void event(String customer, String type, Instant at) {
        given().body(Map.of("customerId", customer, "type", type, "at", at.toString()))
                .post("/api/events")
                .then()
                .statusCode(201);
    }

    private static long id(String externalId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Customer.findLiving(externalId).orElseThrow().id);
    }

    private long streak(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT unanswered_messages FROM customers WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** "outcome rule lateBySeconds" of each recorded winback match, oldest first. */
    private List<String> matches(String externalId) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     SELECT outcome || ' ' || (reasons -> 0 ->> 'rule') || ' ' || (reasons -> 0 ->> 'lateBySeconds')
                     FROM detector_matches m JOIN customers c ON c.id = m.customer_id
                     WHERE m.flow_id = 'winback' AND c.external_id = ? ORDER BY m.matched_at""")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
