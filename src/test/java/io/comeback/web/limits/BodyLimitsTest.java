package io.comeback.web.limits;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
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
 * Bodies are limited before anything parses them (README "Limits"): 64 KB and 100 form parameters for webhooks,
 * which anyone can call, 1 MB for every other body except the streamed CSV imports. Each case sends a body just
 * over its limit, or a large one made on the fly, and checks the precise 413 and that the service still serves.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int WEBHOOK_LIMIT = 64 * 1024;
    private static final int BODY_LIMIT = 1024 * 1024;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @AfterEach
    void serviceStillServes() {
        RestAssured.given()
                .get("http://localhost:" + management.getPort() + "/q/health/live")
                .then()
                .statusCode(200);
        given().get("/api/flows").then().statusCode(200);
    }

    @Test
    void unsignedWebhookFormOneByteOverTheLimitIsRefusedBeforeItIsParsed() {
        // Over a socket that reads the answer while it sends: the service answers (and closes) before the last byte.
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/webhooks/twilio/inbound",
                Map.of("Content-Type", FORM),
                WEBHOOK_LIMIT + 1,
                false,
                StreamedUpload.startingWith("Body=", StreamedUpload.repeated('a')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.head()).containsIgnoringCase(ProblemDetails.MEDIA_TYPE);
        assertThat(outcome.body())
                .contains("https://comeback.io/problems/too-large")
                .contains("\"field\":\"body\"")
                .contains("at most 65536 bytes for webhooks")
                .contains("comeback.limits.webhook-body-size");
    }

    @Test
    void webhookFormAtTheLimitGoesOnToTheSignatureCheck() {
        String form = "Body=" + "a".repeat(WEBHOOK_LIMIT - 5);
        RestAssured.given()
                .contentType(FORM)
                .body(form)
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(403);
    }

    @Test
    void streamedWebhookBodyOfTwentyMegabytesIsCutOffAtTheLimit() {
        long size = 20L * 1024 * 1024;
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/webhooks/twilio/inbound",
                Map.of("Content-Type", FORM),
                size,
                true,
                StreamedUpload.startingWith("Body=", StreamedUpload.repeated('a')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body()).contains("at most 65536 bytes for webhooks");
        // The service stopped reading at the limit: most of the body was never taken off the connection.
        assertThat(outcome.bytesSent()).isLessThan(size);
    }

    @Test
    void webhookDeclaringTwoHundredMegabytesIsAnsweredBeforeTheBodyIsSent() {
        long size = 200L * 1024 * 1024;
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "POST",
                "/webhooks/twilio/status",
                Map.of("Content-Type", FORM),
                size,
                false,
                StreamedUpload.startingWith("Body=", StreamedUpload.repeated('a')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body()).contains("this one declares 209715200 bytes");
        assertThat(outcome.bytesSent()).isLessThan(size);
    }

    @Test
    void webhookFormWithOneParameterTooManyIsRefusedBeforeItIsParsed() {
        RestAssured.given()
                .contentType(FORM)
                .body(form(101))
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(413)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("title", equalTo("Too many form parameters"))
                .body("detail", containsString("at most 100 parameters"))
                .body("detail", containsString("comeback.limits.form-parameters"));
        RestAssured.given()
                .contentType(FORM)
                .body(form(100))
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(403);
    }

    @Test
    void jsonBodyOneByteOverOneMegabyteIsRefusedBeforeItIsParsed() {
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "PUT",
                "/api/customers/" + TestData.id("big"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Api.KEY),
                BODY_LIMIT + 1,
                false,
                StreamedUpload.startingWith("{\"attributes\":{\"a\":\"", StreamedUpload.repeated('x')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.head()).containsIgnoringCase(ProblemDetails.MEDIA_TYPE);
        assertThat(outcome.body())
                .contains("at most 1048576 bytes for request bodies")
                .contains("comeback.limits.body-size");
    }

    @Test
    void jsonBodyOfOneMegabyteIsRead() {
        // Just at the limit, the body reaches the resource, whose own checks answer (too many attributes).
        given().body(jsonOfLength(BODY_LIMIT))
                .put("/api/customers/" + TestData.id("big"))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("attributes"));
    }

    @Test
    void chunkedJsonBodyOfFiftyMegabytesIsCutOffAtTheLimit() {
        long size = 50L * 1024 * 1024;
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "PUT",
                "/api/customers/" + TestData.id("big"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Api.KEY),
                size,
                true,
                StreamedUpload.startingWith("{\"attributes\":{\"a\":\"", StreamedUpload.repeated('x')));

        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.body()).contains("comeback.limits.body-size");
        assertThat(outcome.bytesSent()).isLessThan(size);
    }

    @Test
    void bodyWithoutAnApiKeyIsRefusedBeforeItIsRead() {
        StreamedUpload.Outcome outcome = StreamedUpload.send(
                RestAssured.port,
                "PUT",
                "/api/customers/" + TestData.id("big"),
                Map.of("Content-Type", "application/json"),
                50L * 1024 * 1024,
                false,
                StreamedUpload.repeated('x'));
        assertThat(outcome.status()).isEqualTo(401);
    }

    /** {@code n} parameters {@code p1=v&p2=v…}. */
    private static String form(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i + "=v").collect(Collectors.joining("&"));
    }

    /** A customer body of exactly {@code length} bytes, made of many small attributes. */
    private static String jsonOfLength(int length) {
        StringBuilder json = new StringBuilder("{\"attributes\":{");
        int i = 0;
        while (json.length() < length - 40) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\"a").append(i++).append("\":\"v\"");
        }
        json.append(",\"pad\":\"");
        while (json.length() < length - 3) {
            json.append('p');
        }
        json.append("\"}}");
        assertThat(json.length()).isEqualTo(length);
        return json.toString();
    }
}
