package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files as Nordic spreadsheets save them: the import finds separator, encoding and decimal mark by itself. */
@QuarkusTest
class NordicCsvImportApiTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** An upload whose Content-Type states no charset, as a browser or curl sends a file. */
    private static RequestSpecification upload(byte[] body) {
        return RestAssured.given()
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", "Bearer " + Api.KEY)
                .contentType("text/csv")
                .body(body);
    }

    @Test
    void aSemicolonWindows1252FileWithDecimalCommasImportsRightAndTheAnswerNamesItsFormat() {
        String customer = TestData.id("nordic");
        String customers = String.join(
                "\r\n",
                "externalId;phone;firstName;lastName;favouriteShop",
                customer + ";" + TestData.norwegianMobile() + ";Bjørn;Ærø-Åsen;Tromsø, sentrum",
                "");
        upload(customers.getBytes(WINDOWS_1252))
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("format.separator", equalTo(";"))
                .body("format.encoding", equalTo("windows-1252"))
                .body("format.encodingFrom", equalTo("bytes"))
                .body("format.decimal", equalTo(","))
                .body("format.keySet()", containsInAnyOrder("separator", "encoding", "encodingFrom", "bom", "decimal"));
        given().get("/api/customers/" + customer)
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Bjørn"))
                .body("lastName", equalTo("Ærø-Åsen"))
                .body("attributes.favouriteShop", equalTo("Tromsø, sentrum"));

        String o1 = TestData.orderId(), o2 = TestData.orderId(), o3 = TestData.orderId(), o4 = TestData.orderId();
        String orders = String.join(
                "\r\n",
                "orderId;customerId;total;currency;placedAt;couponCode",
                o1 + ";" + customer + ";1 234,50;NOK;2026-01-01T10:00:00Z;",
                o2 + ";" + customer + ";1234,5;NOK;2026-01-02T10:00:00Z;SOMMER",
                o3 + ";" + customer + ";\"1.000,25\";NOK;2026-01-03T10:00:00Z;",
                o4 + ";" + customer + ";12,3,4;NOK;2026-01-04T10:00:00Z;",
                "");
        upload(orders.getBytes(WINDOWS_1252))
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(3))
                .body("rejected.line", contains(5))
                .body("rejected.field", contains("total"))
                .body("format.decimal", equalTo(","));
        given().get("/api/orders/" + o1).then().statusCode(200).body("total", equalTo(1234.5f));
        given().get("/api/orders/" + o3).then().statusCode(200).body("total", equalTo(1000.25f));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(3))
                .body("facts.totalSpent", equalTo(3469.25f));
    }

    @Test
    void aTabSeparatedUtf8FileWithAByteOrderMarkImports() {
        String customer = TestData.id("tab");
        String file = "\uFEFF"
                + String.join(
                        "\n",
                        "externalId\tphone\tfirstName\tnote",
                        customer + "\t" + TestData.swedishMobile() + "\tÅsa\t\"ja, nej; kanske\"",
                        "");
        upload(file.getBytes(StandardCharsets.UTF_8))
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("format.separator", equalTo("\t"))
                .body("format.encoding", equalTo("utf-8"))
                .body("format.bom", equalTo(true))
                .body("format.decimal", equalTo("."));
        given().get("/api/customers/" + customer)
                .then()
                .body("firstName", equalTo("Åsa"))
                .body("attributes.note", equalTo("ja, nej; kanske"));
    }

    @Test
    void aCommaUtf8FileWithoutMarkKeepsItsDecimalPoint() {
        String customer = TestData.id("plain");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String order = TestData.orderId();
        upload(("orderId,customerId,total,currency,placedAt\n" + order + "," + customer
                                + ",99.90,NOK,2026-01-01T10:00:00Z\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("format.separator", equalTo(","))
                .body("format.encoding", equalTo("utf-8"))
                .body("format.bom", equalTo(false))
                .body("format.decimal", equalTo("."));
        given().get("/api/orders/" + order).then().body("total", equalTo(99.9f));
    }
}
