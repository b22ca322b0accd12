package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Retention and churn are read against the shop's lapse definition, said beside each figure, with the win-back
 * detector's own windows next to it. Tests run with a 365-day window (application.properties, %test), which no
 * shipped inactive flow uses: the report and the overview say so.
 */
@QuarkusTest
class LoyaltyLapseDefinitionTest {

    @Test
    void theLoyaltyReportSaysWhatLapsedMeansBesideRetentionAndChurnAndShowsTheDetectorsWindows() {
        JsonPath report = given().queryParam("from", "1960-01-01")
                .queryParam("to", "1960-03-01")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getString("lapse.window")).isEqualTo("PT8760H");
        assertThat(report.getString("lapse.definition")).contains("lapsed after 365 days without an order");
        assertThat(report.getBoolean("lapse.sameAsDetector")).isFalse();
        assertThat(report.getString("lapse.detector.find { it.flowId == 'winback' }.rule"))
                .isEqualTo(
                        "no order for 2 × their usual gap between orders (with 3 orders or more), else no order for 120 days");
        assertThat(report.getString("definitions.retentionRate")).contains("did not lapse (365 days without an order)");
        assertThat(report.getString("definitions.churnRate")).contains("lapsed (365 days without an order)");
        assertThat(report.getString("definitions.customersAtStart")).contains("less than 365 days old");

        // The overview shows its figures once the shop has a customer (before, it says how to bring them in).
        given().body(java.util.Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + TestData.id("lapse-customer"))
                .then()
                .statusCode(201);
        String session = Api.signIn("viewer-" + TestData.id("lapse"), "viewer");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        assertThat(page)
                .contains("id=\"lapse-definition\"")
                .contains("<strong>Lapsed</strong> means no order for 365 days")
                .contains("No win-back flow uses this same window")
                .contains("href=\"/flows/winback\"");
        assertThat(page.substring(page.indexOf("id=\"figure-churn\""))).contains("365 days without an order");
    }
}
