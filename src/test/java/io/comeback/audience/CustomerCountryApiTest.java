package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A customer's {@code country} decides how a number without a country code is read, in the API and in CSV. */
@QuarkusTest
class CustomerCountryApiTest {

    /** {@code +4670…} as a Swede writes it at home: {@code 070…}. */
    private static String nationalSwedish(String e164) {
        return "0" + e164.substring(3);
    }

    @Test
    void aSwedishNumberWithCountrySeIsSwedishNotNorwegian() {
        String swede = TestData.swedishMobile();
        String id = TestData.id("se");
        given().body(Map.of("phone", nationalSwedish(swede), "country", "se"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201)
                .body("phone", equalTo(swede))
                .body("locale", equalTo("sv-SE"))
                .body("timeZone", equalTo("Europe/Stockholm"))
                .body("attributes.country", equalTo("SE"));
        given().body(Map.of("phone", nationalSwedish(TestData.swedishMobile())))
                .put("/api/customers/" + TestData.id("no-country"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("phone"))
                .body("errors[0].message", containsString("Norway (NO)"));
    }

    @Test
    void danishAndFinnishNumbersAreReadInTheirCountryInACsvFile() {
        String dane = TestData.danishNumber(), finn = TestData.finnishMobile(), norwegian = TestData.norwegianMobile();
        String d = TestData.id("dk"), f = TestData.id("fi"), n = TestData.id("no");
        String file = String.join(
                "\n",
                "externalId,phone,country",
                d + "," + dane.substring(3) + ",DK", // 26 xx xx xx: also a valid Norwegian number
                f + ",0" + finn.substring(4) + ",fi",
                n + "," + norwegian.substring(3) + ",",
                TestData.id("bad") + ",12345678,Sverige",
                "");
        Api.csv(file)
                .post("/api/import/customers")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("imported", equalTo(3))
                .body("rejected[0].line", equalTo(5))
                .body("rejected[0].field", equalTo("country"))
                .body("rejected[0].reason", containsString("ISO 3166"));
        given().get("/api/customers/" + d)
                .then()
                .body("phone", equalTo(dane))
                .body("attributes.country", equalTo("DK"));
        given().get("/api/customers/" + f)
                .then()
                .body("phone", equalTo(finn))
                .body("attributes.country", equalTo("FI"));
        given().get("/api/customers/" + n).then().body("phone", equalTo(norwegian));
    }

    @Test
    void whoWritesPlus45IsToldWhatIsWrongNotToWriteInInternationalForm() {
        given().body(Map.of("phone", "+45 12 34", "country", "SE"))
                .put("/api/customers/" + TestData.id("dk-short"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("phone"))
                .body(
                        "errors[0].message",
                        matchesPattern("'\\+45 12 34' is too short for Denmark \\(DK\\): 8 digits after \\+45, not 4;"
                                + " a mobile number there looks like \\+45( \\d\\d){4}"))
                .body("detail", not(containsString("international form")));
        given().body(Map.of("phone", TestData.norwegianMobile(), "country", "Norway"))
                .put("/api/customers/" + TestData.id("bad-country"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("country"));
    }
}
