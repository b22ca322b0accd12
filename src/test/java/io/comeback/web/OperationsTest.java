package io.comeback.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OperationsTest {

    @Test
    void healthMetricsAndOpenApiAreServedWithoutAKey() {
        RestAssured.get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/customers/{externalId}"))
                .body(containsString("/api/import/customers"));
    }
}
