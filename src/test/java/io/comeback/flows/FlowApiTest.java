package io.comeback.flows;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.comeback.testing.Api;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlowApiTest {

    private static final io.restassured.config.RestAssuredConfig YAML_AS_TEXT = RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));

    private static io.restassured.specification.RequestSpecification yaml(String body) {
        return RestAssured.given()
                .config(YAML_AS_TEXT)
                .header("Authorization", "Bearer " + Api.KEY)
                .contentType("application/yaml; charset=UTF-8")
                .body(body);
    }

    @Test
    void theShippedFlowsAreActive() {
        given().get("/api/flows")
                .then()
                .statusCode(200)
                .body("id", hasItems("welcome", "feedback", "winback"))
                .body("status", everyItem(equalTo("active")))
                .body("find { it.id == 'welcome' }.version", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theListNamesFilesWithoutTheServersFolders() {
        given().get("/api/flows")
                .then()
                .statusCode(200)
                .body("file", everyItem(org.hamcrest.Matchers.matchesPattern("[^/\\\\]+\\.ya?ml")));
    }

    @Test
    void aShippedFlowValidatesClean() throws Exception {
        yaml(Files.readString(Path.of("flows/feedback.yaml")))
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("problems", hasSize(0));
    }

    @Test
    void aBrokenFlowGetsEveryProblemWithLineAndColumn() {
        String broken = String.join(
                "\n",
                "id: broken",
                "trigger: customer_created",
                "settings:",
                "  kind: marketing",
                "steps:",
                "  - id: hello",
                "    send:",
                "      text: \"Hei {{ customer.frstName }}! Svar STOPP for å melde deg av.\"",
                "    next: nowhere",
                "  - id: ask",
                "    wait_for_reply:",
                "      otherwise: hello",
                "");
        yaml(broken)
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.size()", greaterThanOrEqualTo(3))
                .body("problems.findAll { it.severity == 'error' }.line", hasItems(8, 9))
                .body("problems.find { it.line == 9 }.message", containsString("nowhere"))
                .body("problems.find { it.line == 8 }.column", greaterThanOrEqualTo(13))
                .body("problems.message", hasItem(containsString("timeout")));
    }

    @Test
    void aWaitOfAMillionYearsIsRefusedWithItsLineAndTheAllowedRange() {
        String flow = String.join(
                "\n",
                "id: forever",
                "settings:",
                "  kind: transactional",
                "trigger: customer_created",
                "steps:",
                "  - id: pause",
                "    wait: { for: P999999Y }",
                "  - id: hello",
                "    send:",
                "      text: \"Hei!\"",
                "");
        yaml(flow)
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems", hasSize(1))
                .body("problems[0].severity", equalTo("error"))
                .body("problems[0].line", equalTo(7))
                .body("problems[0].column", equalTo(18))
                .body("problems[0].path", equalTo("steps[0].wait.for"))
                .body("problems[0].message", containsString("from PT1S up to P10Y"));
    }

    @Test
    void aBodyNestedThousandsDeepGetsTheValidationAnswerNotAServerError() {
        String deep = "id: deep\ntrigger: customer_created\nsteps: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        yaml(deep)
                .post("/api/flows/validate")
                .then()
                .statusCode(200)
                .contentType(io.restassured.http.ContentType.JSON)
                .body("valid", equalTo(false))
                .body("problems", hasSize(1))
                .body("problems[0].line", equalTo(3))
                .body("problems[0].message", containsString("nested more than 50 levels deep"));
    }

    @Test
    void validationNeedsAKey() {
        RestAssured.given()
                .config(YAML_AS_TEXT)
                .contentType("application/yaml")
                .body("id: x")
                .post("/api/flows/validate")
                .then()
                .statusCode(401);
    }

    @Test
    void aWelcomeAtHalfPastElevenAtNightGoesOutAtEight() {
        Map<String, Object> body = Map.of(
                "customer",
                        Map.of(
                                "firstName",
                                "Kari",
                                "phone",
                                "+4791234567",
                                "locale",
                                "nb-NO",
                                "timeZone",
                                "Europe/Oslo",
                                "attributes",
                                Map.of(),
                                "consent",
                                Map.of("status", "opted_in")),
                "orders", List.of(),
                "start", "2026-11-23T22:30:00Z", // 23:30 in Oslo
                "events", List.of(),
                "until", "2026-11-30T00:00:00Z");
        given().body(body)
                .post("/api/flows/welcome/simulate")
                .then()
                .statusCode(200)
                .body("timeline.find { it.kind == 'send' }.at", equalTo("2026-11-24T07:00:00Z"))
                .body("timeline.find { it.kind == 'send' }.text", containsString("Kari"))
                .body("timeline.find { it.kind == 'defer' }.step", equalTo("welcome"));
    }

    @Test
    void anNpsReplyTiTakesThePromoterBranch() {
        Map<String, Object> body = Map.of(
                "customer",
                        Map.of(
                                "firstName",
                                "Ola",
                                "phone",
                                "+4791234568",
                                "locale",
                                "nb-NO",
                                "timeZone",
                                "Europe/Oslo",
                                "consent",
                                Map.of("status", "opted_in")),
                "orders", List.of(Map.of("placedAt", "2026-11-02T10:00:00Z", "total", 499)),
                "start", "2026-11-02T10:00:00Z",
                "events", List.of(Map.of("at", "2026-11-09T12:00:00Z", "type", "reply", "body", "ti")),
                "until", "2026-11-20T00:00:00Z");
        given().body(body)
                .post("/api/flows/feedback/simulate")
                .then()
                .statusCode(200)
                .body("timeline.findAll { it.kind == 'set' && it.attribute == 'nps' }.value", hasItem("10"));
    }

    @Test
    void simulationOfAnUnknownFlowOrWithBadInputIsRefused() {
        given().body(Map.of(
                        "start",
                        "2026-11-02T10:00:00Z",
                        "until",
                        "2026-11-03T10:00:00Z",
                        "customer",
                        Map.of("timeZone", "Europe/Oslo")))
                .post("/api/flows/nope/simulate")
                .then()
                .statusCode(404)
                .contentType(ProblemDetails.MEDIA_TYPE);
        given().body(Map.of("start", "not a time", "until", "2026-11-03T10:00:00Z"))
                .post("/api/flows/welcome/simulate")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("start"));
        given().body(Map.of(
                        "start",
                        "2026-11-02T10:00:00Z",
                        "until",
                        "2026-11-03T10:00:00Z",
                        "customer",
                        Map.of("timeZone", "Mars/Base")))
                .post("/api/flows/welcome/simulate")
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE);
    }
}
