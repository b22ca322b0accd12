package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's rate table (PUT /api/money/rates): a rate set there wins over the setting (the test profile's EUR
 * 11.50) and the reference rates at once, CSV or JSON, all or nothing; deleting it falls back to the setting.
 */
@QuarkusTest
class MoneyRatesApiTest {

    @AfterEach
    void deleteTheTablesRates() {
        for (String code : List.of("EUR", "SEK", "CHF")) {
            given().delete("/api/money/rates/" + code);
        }
    }

    @Test
    void aRatePutAsJsonConvertsTheNextEuroOrderAndDeletingItFallsBackToTheSetting() {
        given().get("/api/money/rates")
                .then()
                .statusCode(200)
                .body("currency", equalTo("NOK"))
                .body("rates.find { it.currency == 'EUR' }.source", equalTo("setting"))
                .body("rates.find { it.currency == 'EUR' }.rate", equalTo(11.5f))
                .body("rates.find { it.currency == 'SEK' }.source", equalTo("reference"))
                .body("rates.find { it.currency == 'SEK' }.referenceDate", equalTo("2025-10-21"))
                .body("rates.currency", not(hasItem("NOK")));

        given().body("{\"rates\":{\"EUR\":11.70}}")
                .put("/api/money/rates")
                .then()
                .statusCode(200)
                .body("rates.find { it.currency == 'EUR' }.source", equalTo("api"))
                .body("rates.find { it.currency == 'EUR' }.rate", equalTo(11.7f))
                .body("rates.find { it.currency == 'EUR' }.updatedBy", equalTo("bootstrap"));
        String customer = customer();
        order(customer, "100.00", "EUR").body("counted.rate", equalTo(11.7f)).body("counted.total", equalTo(1170.0f));

        given().delete("/api/money/rates/EUR")
                .then()
                .statusCode(200)
                .body("rates.find { it.currency == 'EUR' }.source", equalTo("setting"));
        order(customer, "100.00", "EUR").body("counted.rate", equalTo(11.5f));
        given().delete("/api/money/rates/EUR").then().statusCode(404);
    }

    @Test
    void aCsvFileSetsRatesWithSemicolonsAndDecimalCommas() {
        Api.csv("currency;rate\r\nSEK;1,02\r\nchf;12,5\r\n")
                .put("/api/money/rates")
                .then()
                .statusCode(200)
                .body("rates.find { it.currency == 'SEK' }.rate", equalTo(1.02f))
                .body("rates.find { it.currency == 'SEK' }.source", equalTo("api"))
                .body("rates.find { it.currency == 'CHF' }.rate", equalTo(12.5f));
        order(customer(), "10.00", "CHF").body("counted.total", equalTo(125.0f));
        Api.csv("SEK,1.03\n").put("/api/money/rates").then().statusCode(200);
        given().get("/api/money/rates").then().body("rates.find { it.currency == 'SEK' }.rate", equalTo(1.03f));
    }

    @Test
    void oneBadLineRefusesTheWholeFileAndChangesNothing() {
        Api.csv("currency,rate\nCHF,12.5\nKRONER,1\nSEK,-1\nNOK,1\n")
                .put("/api/money/rates")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.line", equalTo(List.of(3, 4, 5)))
                .body("errors[0].message", containsString("'KRONER' is not an ISO 4217 currency code"))
                .body("errors[1].message", containsString("above 0"))
                .body("errors[2].message", containsString("reporting currency"));
        given().body(Map.of("rates", Map.of("CHF", "many")))
                .put("/api/money/rates")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("rates.CHF"));
        given().get("/api/money/rates").then().body("rates.currency", not(hasItem("CHF")));
        given().body(Map.of(
                        "orderId", TestData.orderId(),
                        "customerId", customer(),
                        "total", "10.00",
                        "currency", "CHF",
                        "placedAt", Instant.now().minusSeconds(86_400).toString()))
                .post("/api/orders")
                .then()
                .statusCode(422);
    }

    @Test
    void aReadKeyReadsTheRatesButCannotSetOrDeleteThem() {
        String key = given().body(Map.of("name", TestData.id("rates-reader"), "scope", "read"))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        RestAssured.given()
                .header("Authorization", "Bearer " + key)
                .get("/api/money/rates")
                .then()
                .statusCode(200);
        RestAssured.given()
                .header("Authorization", "Bearer " + key)
                .contentType(ContentType.JSON)
                .body("{\"rates\":{\"CHF\":12}}")
                .put("/api/money/rates")
                .then()
                .statusCode(403);
        RestAssured.given()
                .header("Authorization", "Bearer " + key)
                .delete("/api/money/rates/EUR")
                .then()
                .statusCode(403);
        RestAssured.given().get("/api/money/rates").then().statusCode(401);
        given().get("/api/money/rates").then().body("rates.currency", not(hasItem("CHF")));
    }

    private static String customer() {
        String id = TestData.id("rates");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static io.restassured.response.ValidatableResponse order(String customer, String total, String currency) {
        return given().body(Map.of(
                        "orderId", TestData.orderId(),
                        "customerId", customer,
                        "total", total,
                        "currency", currency,
                        "placedAt", Instant.now().minusSeconds(86_400).toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }
}
