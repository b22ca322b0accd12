package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CsvImportApiTest {

    @Test
    void goodRowsLandWhileEachBadRowIsReportedOnItsLine() {
        String a = TestData.id("csv-a"), b = TestData.id("csv-b"), c = TestData.id("csv-c"), d = TestData.id("csv-d");
        String phoneA = TestData.norwegianMobile(),
                phoneC = TestData.norwegianMobile(),
                phoneD = TestData.norwegianMobile();
        String file = String.join(
                "\n",
                "externalId,phone,firstName,timeZone,consentStatus,consentSource,consentAt,favouriteShop", // line 1
                a + "," + phoneA + ",Anna,,opted_in,checkout,2026-02-01T10:00:00Z,Oslo", // 2 ok
                b + ",12,Bjørn,,,,,", // 3 bad phone
                c + "," + phoneC + ",\"Cecilie, the \"\"first\"\"\",Europe/Oslo,,,,Bergen", // 4 ok, quoted
                c + "," + phoneC + ",Cecilie,,,,,", // 5 duplicate of 4
                d + "," + phoneD + ",\"broken\"quote,,,,,", // 6 malformed
                d + "," + phoneD + ",Dag,Mars/Base,,,,", // 7 bad zone
                "only,three,fields", // 8 malformed
                "");
        Api.csv(file)
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(2))
                .body("updated", equalTo(0))
                .body("rejectedCount", equalTo(5))
                .body("rejected.line", contains(3, 5, 6, 7, 8))
                .body("rejected[0].field", equalTo("phone"))
                .body("rejected[1].field", equalTo("externalId"))
                .body("rejected[1].reason", containsString("line 4"))
                .body("rejected[2].reason", containsString("malformed"))
                .body("rejected[3].field", equalTo("timeZone"))
                .body("rejected[4].reason", containsString("expected 8 fields"));

        given().get("/api/customers/" + a)
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Anna"))
                .body("consent.status", equalTo("opted_in"))
                .body("attributes.favouriteShop", equalTo("Oslo"))
                .body("timeZone", equalTo("Europe/Oslo"));
        given().get("/api/customers/" + c).then().statusCode(200).body("firstName", equalTo("Cecilie, the \"first\""));
        given().get("/api/customers/" + b).then().statusCode(404);
        given().get("/api/customers/" + d).then().statusCode(404);

        // Re-importing updates; columns absent from the file keep their values.
        Api.csv("externalId,email\n" + a + ",anna@example.com\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("updated", equalTo(1))
                .body("rejected", hasSize(0));
        given().get("/api/customers/" + a)
                .then()
                .body("email", equalTo("anna@example.com"))
                .body("firstName", equalTo("Anna"))
                .body("consent.status", equalTo("opted_in"))
                .body("attributes.favouriteShop", equalTo("Oslo"));
    }

    @Test
    void ordersImportIsIdempotentAndFoldsFacts() {
        String customer = TestData.id("csv-buyer");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String o1 = TestData.id("o"), o2 = TestData.id("o");
        String file = String.join(
                "\r\n",
                "orderId,customerId,total,currency,placedAt,couponCode",
                o1 + "," + customer + ",100.00,NOK,2026-01-01T10:00:00Z,",
                o2 + "," + customer + ",250.50,nok,2026-02-01T10:00:00+01:00,WELCOME10",
                o2 + "," + customer + ",250.50,NOK,2026-02-01T10:00:00Z,",
                TestData.id("o") + ",nobody-" + customer + ",10,NOK,2026-01-01T10:00:00Z,",
                TestData.id("o") + "," + customer + ",ten,NOK,2026-01-01T10:00:00Z,",
                "");
        Api.csv(file)
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(2))
                .body("rejected.line", contains(4, 5, 6))
                .body("rejected.field", contains("orderId", "customerId", "total"));
        Api.csv(file)
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("unchanged", equalTo(2));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(2))
                .body("facts.totalSpent", equalTo(350.5f))
                .body("facts.firstOrderAt", equalTo("2026-01-01T10:00:00Z"))
                .body("facts.lastOrderAt", equalTo("2026-02-01T09:00:00Z"));
        given().get("/api/orders/" + o2)
                .then()
                .statusCode(200)
                .body("couponCode", equalTo("WELCOME10"))
                .body("currency", equalTo("NOK"));
    }

    @Test
    void duplicatesFarApartInABigFileAreCaughtAcrossBatches() {
        // The test profile merges three rows per batch, so these duplicates land in later batches.
        String first = TestData.id("far"), customer = TestData.id("far-buyer");
        StringBuilder customers =
                new StringBuilder("externalId,firstName\n").append(first).append(",First\n");
        for (int i = 0; i < 5; i++) {
            customers.append(TestData.id("filler")).append(",Filler\n");
        }
        customers.append(first).append(",Second\n");
        Api.csv(customers.toString())
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(6))
                .body("rejected.line", contains(8))
                .body("rejected[0].reason", containsString("earlier line of this file"));
        given().get("/api/customers/" + first).then().body("firstName", equalTo("First"));

        Api.csv("externalId\n" + customer + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200);
        String order = TestData.id("far-o");
        StringBuilder orders = new StringBuilder("orderId,customerId,total,currency,placedAt,couponCode\n")
                .append(order)
                .append(',')
                .append(customer)
                .append(",10,NOK,2026-01-01T10:00:00Z,\n");
        for (int i = 0; i < 5; i++) {
            orders.append(TestData.id("o")).append(',').append(customer).append(",1,NOK,2026-01-02T10:00:00Z,\n");
        }
        orders.append(order).append(',').append(customer).append(",99,NOK,2026-01-01T10:00:00Z,\n");
        Api.csv(orders.toString())
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(6))
                .body("rejected.line", contains(8))
                .body("rejected[0].field", equalTo("orderId"));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(6))
                .body("facts.totalSpent", equalTo(15.0f));
    }

    @Test
    void orderLanesKeepTheFirstLineOfEveryOrderIdWhereverItsRepeatsFall() {
        // Orders are stored by two lanes (by orderId) in batches of three: repeats of five orderIds,
        // spread over the file, must each be rejected with their own line while the first line stays.
        String customer = TestData.id("lanes-buyer");
        Api.csv("externalId\n" + customer + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200);
        List<String> repeated = new ArrayList<>();
        StringBuilder file = new StringBuilder("orderId,customerId,total,currency,placedAt\n");
        List<Integer> expectedRejected = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < 30; i++) {
            String order = TestData.id("lane-o");
            if (i % 6 == 0) {
                repeated.add(order);
            }
            file.append(order).append(',').append(customer).append(",1,NOK,2026-01-02T10:00:00Z\n");
            line++;
        }
        for (String order : repeated) {
            file.append(order).append(',').append(customer).append(",1000,NOK,2026-01-03T10:00:00Z\n");
            expectedRejected.add(++line);
        }
        Api.csv(file.toString())
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(30))
                .body("rejectedCount", equalTo(repeated.size()))
                .body("rejected.line", equalTo(expectedRejected))
                .body("rejected.field", everyItem(equalTo("orderId")));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(30))
                .body("facts.totalSpent", equalTo(30.0f));
    }

    @Test
    void aNumberThatBelongsToSomeoneElseIsRejected() {
        String owner = TestData.id("owner"), other = TestData.id("other");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone))
                .put("/api/customers/" + owner)
                .then()
                .statusCode(201);
        Api.csv("externalId,phone\n" + other + "," + phone.substring(3) + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("rejected.line", contains(2))
                .body("rejected[0].field", equalTo("phone"))
                .body("rejected[0].reason", containsString("already belongs to customer '" + owner + "'"));
    }

    @Test
    void aFileThatCannotBeImportedIsRefusedWhole() {
        Api.csv("orderId,customerId,total\n1,2,3\n")
                .post("/api/import/orders")
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].line", equalTo(1))
                .body("detail", containsString("currency"));
        Api.csv("").post("/api/import/customers").then().statusCode(422).body("errors[0].line", equalTo(1));
        Api.csv("phone,first name\n")
                .post("/api/import/customers")
                .then()
                .statusCode(422)
                .body("detail", containsString("externalId"));
        RestAssured.given()
                .contentType("text/csv")
                .body("externalId\nx\n")
                .post("/api/import/customers")
                .then()
                .statusCode(401);
    }

    @Test
    void theCharsetOfTheContentTypeIsHonouredAndBadBytesAreRejectedByRow() {
        String latin = TestData.id("latin"), broken = TestData.id("broken");
        byte[] file =
                ("externalId,firstName\n" + latin + ",Bjørn\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        RestAssured.given()
                .header("Authorization", "Bearer " + Api.KEY)
                .contentType("text/csv; charset=ISO-8859-1")
                .body(file)
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));
        given().get("/api/customers/" + latin).then().body("firstName", equalTo("Bjørn"));

        // No charset stated: the first 64 KiB are plain ASCII, so the file is read as UTF-8, and a Latin-1 byte
        // far below is rejected on its own row, saying how the file was read.
        StringBuilder ascii = new StringBuilder("externalId,firstName\n");
        int line = 1;
        while (ascii.length() < 70_000) {
            ascii.append(TestData.id("ascii")).append(",Bjorn\n");
            line++;
        }
        byte[] head = ascii.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = (broken + ",Bjørn\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] late = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, late, head.length, tail.length);
        RestAssured.given()
                .config(RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", "Bearer " + Api.KEY)
                .contentType("text/csv")
                .body(late)
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("format.encoding", equalTo("utf-8"))
                .body("rejectedCount", equalTo(1))
                .body("rejected[0].line", equalTo(line + 1))
                .body("rejected[0].reason", containsString("not UTF-8"))
                .body("rejected[0].reason", containsString("charset=windows-1252"));
    }

    @Test
    void rejectionListIsCappedButCounted() {
        StringBuilder file = new StringBuilder("externalId,phone\n");
        for (int i = 0; i < 2500; i++) {
            file.append(TestData.id("bad")).append(",12\n");
        }
        Api.csv(file.toString())
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("rejectedCount", equalTo(2500))
                .body("rejected", hasSize(1000))
                .body("rejectedTruncated", equalTo(true))
                .body("rejected[999].line", equalTo(1001));
    }
}
