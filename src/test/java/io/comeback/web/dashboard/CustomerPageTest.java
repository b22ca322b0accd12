package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.engine.model.Flow;
import io.comeback.testing.Api;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The customer page shows a detractor's whole story — RFM, attributes, tags, NPS answers, consent history, flows,
 * texts and clicks — and lets a marketer remove them from a running flow and mark their follow-up handled, which
 * the follow-up list and the API then agree with. A viewer sees the same page without those buttons.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CustomerPageTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2035, 10, 9, 10, 0).atZone(OSLO).toInstant();

    private final RuntimeDriver runtime = new RuntimeDriver();

    @Test
    void aDetractorsPageShowsEverySectionAndTheMarketerRemovesAFlowAndHandlesTheFollowUp() {
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        String customer = TestData.id("detractor");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Liv",
                        "lastName",
                        "Aas",
                        "attributes",
                        Map.of("size", "M"),
                        "consent",
                        Map.of("status", "opted_out", "source", "checkout")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "orderId",
                        TestData.id("detractor-order"),
                        "customerId",
                        customer,
                        "total",
                        "899.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        TUESDAY_10.minus(Duration.ofDays(6)).toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        runtime.runDue();
        given().body(Map.of("from", phone, "body", "3"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        runtime.runDue();
        given().body(Map.of("customerId", customer, "type", "link_click", "properties", Map.of("link", "review")))
                .post("/api/events")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(202)));
        String flowId = "page-" + TestData.letters();
        Flow waiting = runtime.register("""
                id: %s
                settings:
                  kind: transactional
                trigger: customer_created
                steps:
                  - id: pause
                    wait: P5D
                  - id: later
                    send:
                      text: "Hei igjen!"
                """.formatted(flowId));
        long enrollment = runtime.enroll(waiting, internalId(customer), TUESDAY_10);
        runtime.runDue();

        String session = Api.signIn("Kari", "marketer");
        String page = page(session, "/customers/" + customer);
        assertThat(page)
                .contains("Liv Aas")
                .contains("needs_follow_up")
                .contains("Mark follow-up handled")
                .contains("<th scope=\"row\">size</th>")
                .contains("<th scope=\"row\">nps</th>")
                .contains("detractor")
                .contains("Consent history")
                .contains("opt-out")
                .contains("Flow Post-purchase feedback (NPS) · ask_nps")
                .contains("review")
                .contains("action=\"/customers/" + customer + "/enrollments/" + enrollment + "/remove\"")
                .contains("id=\"rfm\"");
        assertThat(page(session, "/follow-ups")).contains(customer);
        given().get("/api/follow-ups?limit=1000")
                .then()
                .body("find { it.customerId == '" + customer + "' }.npsScore", equalTo(3));

        String viewer = Api.signIn("viewer-" + TestData.letters(), "viewer");
        assertThat(page(viewer, "/customers/" + customer))
                .contains("needs_follow_up")
                .doesNotContain("Mark follow-up handled")
                .doesNotContain("/remove\"");

        post(session, "/customers/" + customer + "/enrollments/" + enrollment + "/remove", csrf(page));
        given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .body("find { it.id == " + enrollment + " }.exitReason", equalTo("removed"))
                .body("find { it.id == " + enrollment + " }.exitLabel", equalTo("by Kari"));
        assertThat(page(session, "/customers/" + customer + "?removed=" + enrollment))
                .contains("Removed from the flow")
                .doesNotContain("/enrollments/" + enrollment + "/remove\"");

        post(session, "/follow-ups/" + customer + "/handled", csrf(page));
        assertThat(page(session, "/follow-ups")).doesNotContain(customer);
        assertThat(page(session, "/customers/" + customer))
                .doesNotContain("Mark follow-up handled")
                .contains("Follow-ups handled:")
                .contains("by Kari");
        given().get("/api/follow-ups?limit=1000")
                .then()
                .body("find { it.customerId == '" + customer + "' }", org.hamcrest.Matchers.nullValue());
        given().body(Map.of("by", "Per"))
                .post("/api/follow-ups/" + customer + "/handled")
                .then()
                .statusCode(200)
                .body("changed", equalTo(false));
    }

    private static String page(String session, String path) {
        return RestAssured.given()
                .cookie("comeback_session", session)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void post(String session, String path, String csrf) {
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf)
                .post(path)
                .then()
                .statusCode(303);
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static long internalId(String externalId) {
        io.agroal.api.AgroalDataSource dataSource = io.quarkus.arc.Arc.container()
                .instance(io.agroal.api.AgroalDataSource.class)
                .get();
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement st = c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            st.setString(1, externalId);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
