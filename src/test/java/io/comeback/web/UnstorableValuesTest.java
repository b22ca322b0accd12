package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values PostgreSQL cannot store (NUL in text, instants outside its range) and customer attributes past their caps
 * are refused with 422 naming the field, instead of failing inside a write as a 500.
 */
@QuarkusTest
class UnstorableValuesTest {

    private static final String NUL = "\u0000";

    @AfterEach
    void serviceStillServes() {
        given().get("/api/flows").then().statusCode(200);
    }

    // ---- NUL characters

    @Test
    void nulInACustomerFieldIsRefusedNamingTheField() {
        given().body(Map.of("firstName", "An" + NUL + "na"))
                .put("/api/customers/" + TestData.id("nul"))
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("firstName"))
                .body("errors[0].message", containsString("NUL"));
    }

    @Test
    void nulInANestedFieldIsRefusedNamingItsPath() {
        given().body(Map.of("consent", Map.of("status", "opted_in", "text", "Yes" + NUL)))
                .put("/api/customers/" + TestData.id("nul"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("consent.text"));
        given().body(Map.of("attributes", Map.of("shop", List.of("Oslo", "Ber" + NUL + "gen"))))
                .put("/api/customers/" + TestData.id("nul"))
                .then()
                .statusCode(422)
                .body("errors[0].field", containsString("attributes.shop"));
    }

    @Test
    void nulInAnOrderOrEventIsRefusedNamingTheField() {
        given().body(Map.of(
                        "orderId",
                        "o" + NUL,
                        "customerId",
                        "c",
                        "total",
                        "1",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2026-01-01T00:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("orderId"));
        given().body(Map.of("customerId", "c", "type", "site_visit", "properties", Map.of("page" + NUL, "x")))
                .post("/api/events")
                .then()
                .statusCode(422)
                .body("errors[0].field", containsString("properties"));
    }

    @Test
    void nulInAQueryParameterIsRefusedNamingIt() {
        given().queryParam("from", "2026-01-01" + NUL)
                .get("/api/consent/export")
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void nulInAWebhookFormParameterIsRefusedNamingItBeforeTheSignatureCheck() {
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .body("From=%2B4791234567&Body=hi%00there")
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("Body"));
    }

    // ---- instants and dates outside what PostgreSQL can store

    @Test
    void orderPlacedInTheYearMinusFiveThousandIsRefusedNamingTheField() {
        given().body(Map.of(
                        "orderId",
                        TestData.id("o"),
                        "customerId",
                        TestData.id("c"),
                        "total",
                        "1",
                        "currency",
                        "NOK",
                        "placedAt",
                        "-5000-01-01T00:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("placedAt"))
                .body("detail", containsString("outside the range that can be stored"));
    }

    @Test
    void consentGivenInTheYear300000IsRefusedNamingTheField() {
        given().body(Map.of("consent", Map.of("status", "opted_in", "at", "+300000-01-01T00:00:00Z")))
                .put("/api/customers/" + TestData.id("far"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("consent.at"))
                .body("errors[0].message", containsString("between the years 0001 and 9999"));
    }

    @Test
    void eventAndBirthdayOutsideTheRangeAreRefusedNamingTheField() {
        String id = TestData.id("far");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().body(Map.of("customerId", id, "type", "site_visit", "at", "-5000-06-01T00:00:00Z"))
                .post("/api/events")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("at"));
        given().body(Map.of("birthday", "-5000-01-01"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("birthday"));
    }

    @Test
    void exportAndReportBoundsOutsideTheRangeAreRefusedNamingTheParameter() {
        given().queryParam("from", "+300000-01-01T00:00:00Z")
                .get("/api/consent/export")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("from", "-5000-01-01")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("outside the range that can be stored"));
        given().queryParam("to", "+300000-01-01T00:00:00Z")
                .get("/api/reports/nps")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void dashboardPeriodOutsideTheRangeFallsBackToTheDefaultPeriodWithAMessage() {
        String session = Api.signIn("Kari", "marketer");
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/?from=-5000-01-01&to=2026-03-31")
                .then()
                .statusCode(200)
                .body(containsString("in the years 0001 to 9999; showing the default period"));
        RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows/winback?from=2026-01-01T00:00:00Z&to=%2B300000-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body(containsString("showing the default period"));
    }

    // ---- customer attribute caps

    @Test
    void customerWithOneAttributeTooManyIsRefusedWithOneShortAnswer() {
        Map<String, Object> attributes =
                IntStream.rangeClosed(1, 101).boxed().collect(Collectors.toMap(i -> "a" + i, i -> "v"));
        given().body(Map.of("attributes", attributes))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("attributes"))
                .body("errors[0].message", containsString("at most 100 attributes per customer"))
                .body("errors[0].message", containsString("this one has 101"));
        attributes.remove("a101");
        given().body(Map.of("attributes", attributes))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(201);
    }

    @Test
    void attributeValueOneCharacterOverTheCapIsRefusedNamingIt() {
        given().body(Map.of("attributes", Map.of("note", "n".repeat(1001))))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("attributes.note"))
                .body("errors[0].message", containsString("at most 1000 characters per attribute value"));
        given().body(Map.of("attributes", Map.of("tags", List.of("t".repeat(600), "u".repeat(600)))))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("attributes.tags"));
        given().body(Map.of("attributes", Map.of("note", "n".repeat(1000))))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(201);
    }

    @Test
    void attributeNameOfTenThousandCharactersIsRefusedWithoutEchoingItWhole() {
        String name = "a".repeat(10_000);
        given().body(Map.of("attributes", Map.of(name, "v")))
                .put("/api/customers/" + TestData.id("attrs"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("attributes." + "a".repeat(80) + "…"))
                .body("errors[0].message", containsString("at most 64"));
    }
}
