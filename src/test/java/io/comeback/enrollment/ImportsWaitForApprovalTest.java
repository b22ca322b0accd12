package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An import that would set more customers of a flow in motion than {@code comeback.approval.threshold} (200) waits
 * for approval as a detection pass does: 205 new customers imported with {@code ?enroll=true} into the shipped welcome
 * flow, and 205 recent orders into the shipped feedback flow, each over dozens of batches (the test profile's batches
 * are three rows). Nothing reaches the provider until a marketer approves through the API; then each customer gets
 * their text once. The answer, the flow's {@code queued} object and the approval's preview say what waits. What
 * counts is who enters: an import that fires the trigger for more customers than that, but enters fewer, waits for
 * nobody.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ImportsWaitForApprovalTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2030, 4, 9, 10, 0).atZone(OSLO).toInstant();
    private static final int BURST = 205;

    @Inject
    AgroalDataSource dataSource;

    private RuntimeDriver runtime;
    private final List<String> imported = new ArrayList<>();

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
    }

    @AfterEach
    void eraseTheImportedCustomers() throws SQLException {
        // No later detection pass of another test meets them.
        sql("UPDATE customers SET erased_at = now() WHERE external_id = ANY (?)");
        imported.clear();
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void aCustomerImportThatWouldWelcomeMoreThanTheThresholdSendsNothingUntilApprovedThenEachOnce()
            throws SQLException {
        JsonPath answer = Api.csv(customers(BURST))
                .post("/api/import/customers?enroll=true")
                .then()
                .statusCode(200)
                .body("imported", equalTo(BURST))
                .body("flows.welcome.entered", equalTo(BURST))
                .body("flows.welcome.awaitingApproval", equalTo(BURST))
                .body("awaitingApproval", equalTo(BURST))
                .extract()
                .jsonPath();
        assertThat(answer.getLong("entered")).isEqualTo(BURST);
        runtime.runDue();
        runtime.runDue();
        assertThat(sent()).as("texts at the provider before approval").isZero();

        JsonPath flow = given().get("/api/flows/welcome")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(flow.getInt("queued.enrollmentsAwaitingApproval")).isEqualTo(BURST);
        assertThat(flow.getInt("queued.awaitingApproval")).isEqualTo(BURST);
        assertThat(flow.getInt("queued.pending")).isZero();
        assertThat(flow.getString("approval.reason"))
                .startsWith("customer import of ")
                .contains("more than 200");

        JsonPath preview = given().get("/api/flows/welcome/approval")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getInt("enrollments")).isEqualTo(BURST);
        assertThat(preview.getInt("texts")).isEqualTo(BURST);
        assertThat(preview.getInt("segments")).isGreaterThanOrEqualTo(BURST);
        assertThat(preview.getString("firstAt")).isNotNull();
        assertThat(preview.getString("sample[0].reason")).isEqualTo("customer_created (import)");
        assertThat(preview.getString("sample[0].text")).startsWith("Hei Kari, velkommen til");
        String page = io.restassured.RestAssured.given()
                .cookie("comeback_session", Api.signIn("marketer-" + TestData.id("m"), "marketer"))
                .get("/flows/welcome")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("id=\"approval-heading\"")
                .contains("customer import of ")
                .contains("data-figure=\"enrollments\">" + BURST + " ")
                .contains("customer_created (import)")
                .contains("id=\"approve-button\"");

        given().post("/api/flows/welcome/approval/approve")
                .then()
                .statusCode(200)
                .body("approval.status", equalTo("approved"))
                .body("released.pending", equalTo(BURST));
        runtime.runDue();
        runtime.runDue();
        assertThat(sent()).as("texts at the provider after approval").isEqualTo(BURST);
        assertThat(sentTwice()).as("customers texted twice").isZero();
    }

    @Test
    void anOrderImportThatWouldStartMoreThanTheThresholdWaitsAndItsFeedbackLeavesOnceApproved() throws SQLException {
        Api.csv(customers(BURST))
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(BURST))
                .body("awaitingApproval", equalTo(0));
        StringBuilder orders = new StringBuilder("orderId,customerId,total,currency,placedAt\n");
        Instant placed = TUESDAY_10.minus(Duration.ofHours(2));
        for (String customer : imported) {
            orders.append(TestData.id("burst-o"))
                    .append(',')
                    .append(customer)
                    .append(",199.00,NOK,")
                    .append(placed)
                    .append('\n');
        }
        Api.csv(orders.toString())
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(BURST))
                .body("flows.feedback.entered", equalTo(BURST))
                .body("flows.feedback.awaitingApproval", equalTo(BURST))
                .body("awaitingApproval", equalTo(BURST));
        JsonPath flow = given().get("/api/flows/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(flow.getInt("queued.enrollmentsAwaitingApproval")).isEqualTo(BURST);
        assertThat(flow.getString("approval.reason")).startsWith("order import of ");

        // The question is due five days after the order: written then, and held.
        runtime.stepTo(TUESDAY_10.plus(Duration.ofDays(6)), Duration.ofHours(12));
        assertThat(sent()).as("texts at the provider before approval").isZero();
        JsonPath preview = given().get("/api/flows/feedback/approval")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getInt("enrollments")).isEqualTo(BURST);
        assertThat(preview.getInt("texts")).isEqualTo(BURST);
        assertThat(preview.getString("sample[0].reason")).endsWith("(import)");

        given().post("/api/flows/feedback/approval/approve").then().statusCode(200);
        runtime.runDue();
        runtime.runDue();
        assertThat(sent()).as("texts at the provider after approval").isEqualTo(BURST);
        assertThat(sentTwice()).as("customers texted twice").isZero();
    }

    @Test
    void whatCountsIsWhoEntersNotWhoTheTriggerFiredFor() throws SQLException {
        // 250 new customers, 150 of them opted in: the welcome flow takes only those, fewer than the threshold.
        String file = customers(150, "opted_in") + customers(100, "").replaceFirst("^[^\n]*\n", "");
        Api.csv(file)
                .post("/api/import/customers?enroll=true")
                .then()
                .statusCode(200)
                .body("imported", equalTo(250))
                .body("flows.welcome.entered", equalTo(150))
                .body("flows.welcome.refused", equalTo(100))
                .body("flows.welcome.awaitingApproval", equalTo(0));
        given().get("/api/flows/welcome/approval").then().statusCode(404);
        runtime.runDue();
        runtime.runDue();
        assertThat(sent()).as("sent without approval").isEqualTo(150);
    }

    /** A file of {@code n} new customers with consent; remembers them. */
    private String customers(int n) {
        return customers(n, "opted_in");
    }

    /** A file of {@code n} new customers with this consent (or none); remembers them. */
    private String customers(int n, String consent) {
        StringBuilder file = new StringBuilder("externalId,firstName,phone,consentStatus,consentSource\n");
        for (int i = 0; i < n; i++) {
            String id = TestData.id("burst");
            imported.add(id);
            file.append(id)
                    .append(",Kari,")
                    .append(TestData.norwegianMobile())
                    .append(',')
                    .append(consent)
                    .append(',')
                    .append(consent.isEmpty() ? "" : "checkout")
                    .append('\n');
        }
        return file.toString();
    }

    /** The imported customers' texts that reached the provider. */
    private long sent() throws SQLException {
        return sql("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                JOIN customers c ON c.id = m.customer_id WHERE c.external_id = ANY (?)""");
    }

    private long sentTwice() throws SQLException {
        return sql("""
                SELECT count(*) FROM (SELECT m.customer_id FROM simulator_messages s
                                      JOIN outbound_messages m ON m.id = s.ledger_id
                                      JOIN customers c ON c.id = m.customer_id WHERE c.external_id = ANY (?)
                                      GROUP BY m.customer_id HAVING count(*) > 1) twice""");
    }

    private long sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(statement)) {
            st.setArray(1, c.createArrayOf("text", imported.toArray()));
            if (!st.execute()) {
                return st.getUpdateCount();
            }
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
