package io.comeback.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementPortOnly() {
        String base = "http://localhost:" + management.getPort();
        RestAssured.get(base + "/q/health").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get(base + "/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.get(base + "/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/customers/{externalId}"))
                .body(containsString("/api/import/customers"));

        RestAssured.get("/q/health").then().statusCode(404);
        RestAssured.get("/q/metrics").then().statusCode(404);
        RestAssured.get("/q/openapi").then().statusCode(404);
    }

    @Test
    void theApiDocumentListsTheApiAndNoInternalTypes() {
        String base = "http://localhost:" + management.getPort();
        String document = RestAssured.get(base + "/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(document).doesNotContain("TemplateInstance");
        java.util.Map<String, Object> paths =
                io.restassured.path.json.JsonPath.from(document).getMap("paths");
        org.assertj.core.api.Assertions.assertThat(paths.keySet())
                .contains("/api/customers/{externalId}")
                .allMatch(
                        p -> p.startsWith("/api/") || p.startsWith("/simulator/") || p.startsWith("/webhooks/"),
                        "an API path");
    }
}
