package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerApiTest {

    @Test
    void threeSpellingsOfOneNumberAreTheSamePerson() {
        String id = TestData.id("kari");
        String local = "912 34 567";
        given().body(Map.of("phone", local, "firstName", "Kari"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201)
                .body("phone", equalTo("+4791234567"));

        given().body(Map.of("phone", "+47 912 34 567", "firstName", "Kari"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200)
                .body("phone", equalTo("+4791234567"));
        given().body(Map.of("phone", "004791234567", "firstName", "Kari"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200)
                .body("phone", equalTo("+4791234567"));

        // Another customer cannot take the same number in any spelling.
        given().body(Map.of("phone", "004791234567"))
                .put("/api/customers/" + TestData.id("other"))
                .then()
                .statusCode(409)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("phone"))
                .body("detail", containsString(id));
        given().delete("/api/customers/" + id).then().statusCode(204);
    }

    @Test
    void invalidPhoneIsRefusedNamingTheField() {
        String id = TestData.id("bad-phone");
        given().body(Map.of("phone", "12"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("status", equalTo(422))
                .body("errors[0].field", equalTo("phone"))
                .body("errors[0].message", containsString("'12'"));
        given().get("/api/customers/" + id).then().statusCode(404).contentType(ProblemDetails.MEDIA_TYPE);
    }

    @Test
    void unknownTimeZoneIsRefused() {
        given().body(Map.of("phone", TestData.norwegianMobile(), "timeZone", "Mars/Olympus_Mons"))
                .put("/api/customers/" + TestData.id("tz"))
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors.field", hasItem("timeZone"))
                .body("errors[0].message", containsString("Europe/Oslo"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        given().body(Map.of(
                        "phone",
                        "abc",
                        "email",
                        "not-mail",
                        "birthday",
                        "1990-13-01",
                        "locale",
                        "xx-!!",
                        "consent",
                        Map.of("status", "maybe")))
                .put("/api/customers/" + TestData.id("many"))
                .then()
                .statusCode(422)
                .body("errors", hasSize(5))
                .body("errors.field", hasItem("birthday"))
                .body("errors.field", hasItem("consent.status"));
    }

    @Test
    void unknownFieldAndWrongTypeAreMalformedRequests() {
        given().body(Map.of("phone", TestData.norwegianMobile(), "firstname", "typo"))
                .put("/api/customers/" + TestData.id("typo"))
                .then()
                .statusCode(400)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo("firstname"));
        given().body("{\"attributes\": [1,2]}")
                .put("/api/customers/" + TestData.id("type"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("attributes"));
        given().body("{\"phone\": ")
                .put("/api/customers/" + TestData.id("broken"))
                .then()
                .statusCode(400)
                .contentType(ProblemDetails.MEDIA_TYPE);
    }

    @Test
    void timeZoneAndLocaleFollowThePhoneCountryWhenNotGiven() {
        String id = TestData.id("se");
        given().body(Map.of("phone", TestData.swedishMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201)
                .body("timeZone", equalTo("Europe/Stockholm"))
                .body("locale", equalTo("sv-SE"));
    }

    @Test
    void consentIsKeptWhenAnUpdateSaysNothingAboutIt() {
        String id = TestData.id("consent");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "consent",
                        Map.of(
                                "status",
                                "opted_in",
                                "source",
                                "checkout",
                                "text",
                                "Ja, send meg tilbud på SMS",
                                "at",
                                "2026-01-05T10:00:00Z")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().body(Map.of("phone", phone, "firstName", "Ola"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(200)
                .body("consent.status", equalTo("opted_in"))
                .body("consent.source", equalTo("checkout"))
                .body("consent.at", equalTo("2026-01-05T10:00:00Z"))
                .body("firstName", equalTo("Ola"));
    }

    @Test
    void getShowsOrderFactsAndErasureKeepsThemAnonymously() {
        String id = TestData.id("facts");
        given().body(Map.of(
                        "phone",
                        TestData.norwegianMobile(),
                        "firstName",
                        "Per",
                        "email",
                        "per@example.com",
                        "attributes",
                        Map.of("vip", true)))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        for (String[] o : new String[][] {{"100.50", "2026-01-10T10:00:00Z"}, {"49.50", "2026-03-01T09:00:00Z"}}) {
            given().body(Map.of(
                            "orderId",
                            TestData.id("o"),
                            "customerId",
                            id,
                            "total",
                            o[0],
                            "currency",
                            "NOK",
                            "placedAt",
                            o[1]))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
        given().get("/api/customers/" + id)
                .then()
                .statusCode(200)
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
        String id = TestData.id("nokey");
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(401)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"));
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer wrong")
                .get("/api/customers/" + id)
                .then()
                .statusCode(401);
        io.restassured.RestAssured.given().get("/api/no-such-path").then().statusCode(401);
        given().get("/api/customers/" + id).then().statusCode(404).body("errors", nullValue());
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer second-test-key")
                .get("/api/customers/" + id)
                .then()
                .statusCode(404);
    }
}
