package io.comeback.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.comeback.web.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CustomerApiTest {

    @Test
    void threeSpellingsOfOneNumberAreTheSamePerson() {
        String id = Api.uniqueId("kari");
        String local = "912 34 567";
        given().body(Map.of("phone", local, "firstName", "Kari")).put("/api/customers/" + id)
                .then().statusCode(201).body("phone", equalTo("+4791234567"));

        given().body(Map.of("phone", "+47 912 34 567", "firstName", "Kari")).put("/api/customers/" + id)
                .then().statusCode(200).body("phone", equalTo("+4791234567"));
        given().body(Map.of("phone", "004791234567", "firstName", "Kari")).put("/api/customers/" + id)
                .then().statusCode(200).body("phone", equalTo("+4791234567"));

        // Another customer cannot take the same number in any spelling.
        given().body(Map.of("phone", "004791234567")).put("/api/customers/" + Api.uniqueId("other"))
                .then().statusCode(409)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("phone"))
                .body("detail", containsString(id));
        given().delete("/api/customers/" + id).then().statusCode(204);
    }

    @Test
    void invalidPhoneIsRefusedNamingTheField() {
        String id = Api.uniqueId("bad-phone");
        given().body(Map.of("phone", "12")).put("/api/customers/" + id)
                .then().statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("status", equalTo(422))
                .body("errors[0].field", equalTo("phone"))
                .body("errors[0].message", containsString("'12'"));
        given().get("/api/customers/" + id).then().statusCode(404).contentType(ProblemDetails.MEDIA_TYPE);
    }

    @Test
    void unknownTimeZoneIsRefused() {
        given().body(Map.of("phone", Api.uniqueNorwegianMobile(), "timeZone", "Mars/Olympus_Mons"))
                .put("/api/customers/" + Api.uniqueId("tz"))
                .then().statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors.field", hasItem("timeZone"))
                .body("errors[0].message", containsString("Europe/Oslo"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        given().body(Map.of("phone", "abc", "email", "not-mail", "birthday", "1990-13-01", "locale", "xx-!!",
                        "consent", Map.of("status", "maybe")))
                .put("/api/customers/" + Api.uniqueId("many"))
                .then().statusCode(422)
                .body("errors", hasSize(5))
                .body("errors.field", hasItem("birthday"))
                .body("errors.field", hasItem("consent.status"));
    }

    @Test
    void unknownFieldAndWrongTypeAreMalformedRequests() {
        given().body(Map.of("phone", Api.uniqueNorwegianMobile(), "firstname", "typo"))
                .put("/api/customers/" + Api.uniqueId("typo"))
                .then().statusCode(400).contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("firstname"));
        given().body("{\"attributes\": [1,2]}").put("/api/customers/" + Api.uniqueId("type"))
                .then().statusCode(400).body("errors[0].field", equalTo("attributes"));
        given().body("{\"phone\": ").put("/api/customers/" + Api.uniqueId("broken"))
                .then().statusCode(400).contentType(ProblemDetails.MEDIA_TYPE);
    }

    @Test
    void timeZoneAndLocaleFollowThePhoneCountryWhenNotGiven() {
        String id = Api.uniqueId("se");
        int n = (int) (Math.random() * 9_000_000) + 1_000_000;
        given().body(Map.of("phone", "+4670" + n)).put("/api/customers/" + id)
                .then().statusCode(201)
                .body("timeZone", equalTo("Europe/Stockholm"))
                .body("locale", equalTo("sv-SE"));
    }

    @Test
    void consentIsKeptWhenAnUpdateSaysNothingAboutIt() {
        String id = Api.uniqueId("consent");
        String phone = Api.uniqueNorwegianMobile();
        given().body(Map.of("phone", phone, "consent", Map.of("status", "opted_in", "source", "checkout",
                        "text", "Ja, send meg tilbud på SMS", "at", "2026-01-05T10:00:00Z")))
                .put("/api/customers/" + id).then().statusCode(201);
        given().body(Map.of("phone", phone, "firstName", "Ola")).put("/api/customers/" + id)
                .then().statusCode(200)
                .body("consent.status", equalTo("opted_in"))
                .body("consent.source", equalTo("checkout"))
                .body("consent.at", equalTo("2026-01-05T10:00:00Z"))
                .body("firstName", equalTo("Ola"));
    }

    @Test
    void getShowsOrderFactsAndErasureKeepsThemAnonymously() {
        String id = Api.uniqueId("facts");
        given().body(Map.of("phone", Api.uniqueNorwegianMobile(), "firstName", "Per", "email", "per@example.com",
                        "attributes", Map.of("vip", true)))
                .put("/api/customers/" + id).then().statusCode(201);
        for (String[] o : new String[][]{{"100.50", "2026-01-10T10:00:00Z"}, {"49.50", "2026-03-01T09:00:00Z"}}) {
            given().body(Map.of("orderId", Api.uniqueId("o"), "customerId", id, "total", o[0], "currency", "NOK",
                    "placedAt", o[1])).post("/api/orders").then().statusCode(201);
        }
        given().get("/api/customers/" + id).then().statusCode(200)
                .body("facts.ordersCount", equalTo(2))
                .body("facts.firstOrderAt", equalTo("2026-01-10T10:00:00Z"))
                .body("facts.lastOrderAt", equalTo("2026-03-01T09:00:00Z"))
                .body("facts.totalSpent", equalTo(150.0f))
                .body("attributes.vip", equalTo(true));

        given().delete("/api/customers/" + id).then().statusCode(204);
        given().get("/api/customers/" + id).then().statusCode(404);
        given().delete("/api/customers/" + id).then().statusCode(404);
    }

    @Test
    void withoutAValidKeyNothingIsReadOrChanged() {
        String id = Api.uniqueId("nokey");
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("phone", Api.uniqueNorwegianMobile()))
                .put("/api/customers/" + id)
                .then().statusCode(401).contentType(ProblemDetails.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer wrong")
                .get("/api/customers/" + id).then().statusCode(401);
        io.restassured.RestAssured.given().get("/api/no-such-path").then().statusCode(401);
        given().get("/api/customers/" + id).then().statusCode(404).body("errors", nullValue());
        io.restassured.RestAssured.given().header("Authorization", "Bearer second-test-key")
                .get("/api/customers/" + id).then().statusCode(404);
    }
}
