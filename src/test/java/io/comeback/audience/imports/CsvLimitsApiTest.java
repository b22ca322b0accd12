package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.Api;
import io.comeback.testing.StreamedUpload;
import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CSV imports stream files of any size, so their limits are per record (README "Limits"): 10,000 characters
 * a field, 200 columns, 100,000 characters a record. A record past one stops the import with 413 naming its line
 * and the limit, as soon as the limit is passed; the service never reads the rest of such a file into memory.
 */
@QuarkusTest
class CsvLimitsApiTest {

    private static final Map<String, String> CSV_HEADERS =
            Map.of("Content-Type", "text/csv; charset=UTF-8", "Authorization", "Bearer " + Api.KEY);

    @AfterEach
    void serviceStillServes() {
        String id = TestData.id("after");
        Api.csv("externalId,firstName\n" + id + ",After\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));
        given().get("/api/customers/" + id).then().statusCode(200).body("firstName", equalTo("After"));
    }

    @Test
    void fieldOneCharacterOverTheLimitStopsTheImportNamingItsLine() {
        String file = "externalId,firstName\n" + TestData.id("ok") + ",Ann\n" + TestData.id("long") + ","
                + "a".repeat(10_001) + "\n";
        Api.csv(file)
                .post("/api/import/customers")
                .then()
                .statusCode(413)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("type", equalTo("https://comeback.io/problems/too-large"))
                .body("errors[0].line", equalTo(3))
                .body("detail", containsString("line 3: field 2 is longer than 10000 characters"))
                .body("detail", containsString("comeback.limits.csv.max-field-length"));
    }

    @Test
    void fieldOfTenThousandCharactersIsReadAndJudgedByTheCustomerRules() {
        String id = TestData.id("at-limit");
        Api.csv("externalId,note\n" + id + "," + "a".repeat(10_000) + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("rejected[0].field", equalTo("note"))
                .body("rejected[0].reason", containsString("at most 1000 characters per attribute value"));
    }

    @Test
    void streamedFieldOfTwentyMegabytesIsRefusedWithoutReadingTheRest() {
        long size = 20L * 1024 * 1024;
        String head = "externalId,firstName\n" + TestData.id("ok") + ",Ann\n" + TestData.id("huge") + ",";
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/api/import/customers",
                CSV_HEADERS,
                size,
                true,
                StreamedUpload.startingWith(head, StreamedUpload.repeated('a')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body()).contains("line 3: field 2 is longer than 10000 characters");
        assertThat(outcome.bytesSent()).isLessThan(size);
    }

    @Test
    void unclosedQuoteIsCaughtAtTheFieldLimitInsteadOfSwallowingTheFile() {
        long size = 20L * 1024 * 1024;
        String head = "externalId,firstName\n" + TestData.id("quote") + ",\"never closed\n";
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/api/import/customers",
                CSV_HEADERS,
                size,
                true,
                StreamedUpload.startingWith(head, StreamedUpload.repeated("x-1,Ann\n")));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body())
                .contains("line 2: field 2 is longer than 10000 characters")
                .contains("is its closing quote missing?");
        assertThat(outcome.bytesSent()).isLessThan(size);
    }

    @Test
    void unclosedQuoteInASmallFileIsOneRejectedRow() {
        String id = TestData.id("ok");
        Api.csv("externalId,firstName\n" + id + ",Ann\n" + TestData.id("quote") + ",\"never closed\nx,y\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("rejected.line", contains(3))
                .body("rejected[0].reason", containsString("never closed"));
    }

    @Test
    void headerWithOneColumnOverTheLimitIsRefused() {
        String header = "externalId,"
                + IntStream.rangeClosed(1, 200).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        Api.csv(header + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(413)
                .body("errors[0].line", equalTo(1))
                .body("detail", containsString("line 1: more than 200 columns (comeback.limits.csv.max-columns)"));
    }

    @Test
    void aMillionColumnsAreRefusedAtTheColumnLimit() {
        long size = 2L * 1_000_000;
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/api/import/orders",
                CSV_HEADERS,
                size,
                true,
                StreamedUpload.startingWith("orderId", StreamedUpload.repeated(",c")));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body()).contains("line 1: more than 200 columns");
    }

    @Test
    void dataRowWithMoreColumnsThanTheLimitIsRefusedNamingItsLine() {
        String row = TestData.id("wide") + ",Ann" + ",x".repeat(199);
        Api.csv("externalId,firstName\n" + row + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(413)
                .body("errors[0].line", equalTo(2))
                .body("detail", containsString("more than 200 columns"));
    }

    @Test
    void recordOverTheRecordLengthIsRefusedNamingItsLine() {
        String header = "externalId,"
                + IntStream.rangeClosed(1, 19).mapToObj(i -> "a" + i).collect(Collectors.joining(","));
        String row = TestData.id("rec") + ",".concat("b".repeat(5_300)).repeat(19);
        Api.csv(header + "\n" + row + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(413)
                .body("errors[0].line", equalTo(2))
                .body(
                        "detail",
                        containsString(
                                "the record is longer than 100000 characters (comeback.limits.csv.max-record-length)"));
    }

    @Test
    void moreAttributeColumnsThanACustomerMayHaveAreRefusedAtTheHeader() {
        String header = "externalId,"
                + IntStream.rangeClosed(1, 101).mapToObj(i -> "a" + i).collect(Collectors.joining(","));
        Api.csv(header + "\n")
                .post("/api/import/customers")
                .then()
                .statusCode(422)
                .body("errors[0].line", equalTo(1))
                .body(
                        "detail",
                        containsString(
                                "at most 100 attribute columns (comeback.limits.attributes.max-count); this file has 101"));
    }

    @Test
    void nulCharacterInAFieldRejectsItsRowNamingTheColumn() {
        String good = TestData.id("ok"), bad = TestData.id("nul");
        Api.csv("externalId,firstName\n" + good + ",Ann\n" + bad + ",An\u0000n\n")
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("rejected.line", contains(3))
                .body("rejected[0].field", equalTo("firstName"))
                .body("rejected[0].reason", containsString("NUL"));
        given().get("/api/customers/" + bad).then().statusCode(404);
    }
}
