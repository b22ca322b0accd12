package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NPS from recorded answers: by hand on ten answers, and recorded by the running feedback flow (driven step by step,
 * {@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class NpsReportApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void npsOfTenAnswersIsPercentPromotersMinusPercentDetractors() {
        ReportData data = new ReportData(dataSource);
        String flow = TestData.id("rpt-nps");
        String other = TestData.id("rpt-nps-other");
        data.flow(flow, null);
        data.flow(other, null);
        long customer = data.customer(TestData.id("nps"));
        // June 1992: 4 promoters (10, 9, 10, 9), 3 passives (7, 8, 7), 3 detractors (0, 5, 6).
        int[] scores = {10, 9, 10, 9, 7, 8, 7, 0, 5, 6};
        for (int i = 0; i < scores.length; i++) {
            data.surveyAnswer(flow, customer, scores[i], "1992-06-%02dT10:00:00Z".formatted(i + 1));
        }
        // Outside: the first instant of July (the range is half-open), and another flow's answer.
        data.surveyAnswer(flow, customer, 0, "1992-07-01T00:00:00Z");
        data.surveyAnswer(other, customer, 0, "1992-06-15T10:00:00Z");

        // NPS = 4/10 − 3/10 = 40 % − 30 % = 10.
        given().queryParam("from", "1992-06-01")
                .queryParam("to", "1992-07-01")
                .queryParam("zone", "UTC")
                .queryParam("flow", flow)
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .body("responses", equalTo(10))
                .body("promoters", equalTo(4))
                .body("passives", equalTo(3))
                .body("detractors", equalTo(3))
                .body("score", equalTo(10.0f));
        // Every flow: the other flow's detractor too → 4/11 − 4/11 = 0.
        given().queryParam("from", "1992-06-01")
                .queryParam("to", "1992-07-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .body("responses", equalTo(11))
                .body("detractors", equalTo(4))
                .body("score", equalTo(0.0f));
        // No answers: no score (null, not NaN).
        given().queryParam("from", "1992-01-01")
                .queryParam("to", "1992-02-01")
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .body("responses", equalTo(0))
                .body("score", equalTo(null));

        String csv = given().header("Accept", "text/csv")
                .queryParam("from", "1992-06-01")
                .queryParam("to", "1992-07-01")
                .queryParam("zone", "UTC")
                .queryParam("flow", flow)
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"nps_1992-06-01_1992-07-01.csv\""))
                .extract()
                .asString();
        assertThat(csv)
                .isEqualTo("from,to,flow,responses,promoters,passives,detractors,score\r\n"
                        + "1992-06-01T00:00:00Z,1992-07-01T00:00:00Z," + flow + ",10,4,3,3,10.0\r\n");
    }

    @Test
    void everyScoreTheFeedbackFlowUnderstandsIsRecordedOnce() {
        // A Tuesday morning in Oslo, in 2033 (no other test answers surveys then).
        Instant tuesday = LocalDateTime.of(2033, 3, 8, 10, 0)
                .atZone(ZoneId.of("Europe/Oslo"))
                .toInstant();
        TestClockProducer.CLOCK.setTo(tuesday);
        String phone = TestData.norwegianMobile();
        String customer = TestData.id("nps-live");
        given().body(Map.of("phone", phone, "firstName", "Kari", "locale", "nb-NO", "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "orderId",
                        TestData.id("order"),
                        "customerId",
                        customer,
                        "total",
                        "499.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        tuesday.toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        // The question comes 5 days after the order.
        RuntimeDriver runtime = new RuntimeDriver();
        runtime.advance(Duration.ofDays(5).plusMinutes(1));
        assertThat(texts(phone))
                .as("the NPS question")
                .anyMatch(m -> m.get("body").toString().contains("Hvor sannsynlig"));

        // Not a score: re-asked, nothing recorded. Then "ni" (nine) is understood.
        given().body(Map.of("from", phone, "body", "hæ?"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        runtime.advance(Duration.ofSeconds(10));
        assertThat(texts(phone))
                .as("the re-ask")
                .anyMatch(m -> m.get("body").toString().startsWith("Beklager"));
        Instant answeredAt = TestClockProducer.CLOCK.instant();
        given().body(Map.of("from", phone, "body", "ni"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        // The wake-up that records the answer runs 10 s after the text came: the answer keeps the time the text came.
        runtime.advance(Duration.ofSeconds(10));
        assertThat(texts(phone))
                .as("the thank-you")
                .anyMatch(m -> m.get("body").toString().startsWith("Så hyggelig"));
        // After the flow moved on, another number is not an answer to the question.
        given().body(Map.of("from", phone, "body", "10"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);

        ReportData data = new ReportData(dataSource);
        long customerId = data.queryLong("SELECT id FROM customers WHERE external_id = ?", customer);
        assertThat(data.queryLong("SELECT count(*) FROM survey_responses WHERE customer_id = ?", customerId))
                .isEqualTo(1);
        assertThat(data.queryLong(
                        """
                SELECT count(*) FROM survey_responses r JOIN inbound_messages m ON m.id = r.inbound_message_id
                WHERE r.customer_id = ? AND r.flow_id = 'feedback' AND r.step_id = 'nps_reply' AND r.score = 9
                  AND m.body = 'ni' AND r.answered_at = m.received_at AND r.answered_at BETWEEN ? AND ? + interval '1 minute'""",
                        customerId,
                        java.time.OffsetDateTime.ofInstant(answeredAt, java.time.ZoneOffset.UTC),
                        java.time.OffsetDateTime.ofInstant(answeredAt, java.time.ZoneOffset.UTC)))
                .as("the time the text came, not when the batch ran")
                .isEqualTo(1);

        JsonPath nps = given().queryParam("from", "2033-03-01")
                .queryParam("to", "2033-04-01")
                .queryParam("flow", "feedback")
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(nps.getInt("responses")).isEqualTo(1);
        assertThat(nps.getInt("promoters")).isEqualTo(1);
        assertThat(nps.getDouble("score")).isEqualTo(100.0);
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
