package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.Api;
import io.comeback.testing.DatabaseProxy;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away (every connection dropped, new ones refused) is answered 503 with Retry-After, as
 * problem+json, by every kind of request, not 500; once it is back the service answers again by itself.
 */
@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
class DatabaseOutageTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @AfterEach
    void databaseBack() {
        DatabaseProxy.restore();
    }

    @Test
    void databaseOutageIsA503WithRetryAfterAndTheServiceRecoversWhenItIsBack() {
        String id = TestData.id("outage");
        given().body(Map.of("firstName", "Olga"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);

        DatabaseProxy.cut();

        given().get("/api/customers/" + id)
                .then()
                .statusCode(503)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://comeback.io/problems/unavailable"))
                .body("detail", containsString("database cannot be reached"));
        given().body(Map.of("firstName", "Oda"))
                .put("/api/customers/" + TestData.id("outage"))
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"));
        RestAssured.given()
                .header("Authorization", "Bearer " + Api.KEY)
                .contentType("text/csv")
                .body("externalId,firstName\n" + TestData.id("outage") + ",Ola\n")
                .post("/api/import/customers")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"));
        given().get("/api/consent/export").then().statusCode(503);

        DatabaseProxy.restore();

        // Each pooled connection broken by the outage fails once and is replaced: within a pool's worth of
        // requests the service answers from the database again, with no restart.
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt <= DatabaseOutageProfile.POOL_SIZE + 1; attempt++) {
            Response reply = given().get("/api/customers/" + id);
            statuses.add(reply.statusCode());
            if (reply.statusCode() == 200) {
                assertThat(reply.jsonPath().getString("firstName")).isEqualTo("Olga");
                break;
            }
            assertThat(reply.statusCode())
                    .as("while stale connections are replaced")
                    .isEqualTo(503);
        }
        assertThat(statuses).last().isEqualTo(200);
    }

    @Test
    void theDatabaseUpGaugeFallsToZeroWhileTheDatabaseIsUnreachableAndRisesWhenItIsBack() {
        assertThat(databaseUp()).isEqualTo("1.0");

        DatabaseProxy.cut();
        assertThat(databaseUp())
                .as("comeback_database_up while PostgreSQL cannot be reached")
                .isEqualTo("0.0");
        assertThat(scrape()).as("the queue gauges have no value then").contains("comeback_texts_pending NaN");

        DatabaseProxy.restore();
        List<String> readings = new ArrayList<>();
        for (int scrape = 0; scrape <= DatabaseOutageProfile.POOL_SIZE + 1 && !readings.contains("1.0"); scrape++) {
            readings.add(databaseUp()); // each pooled connection broken by the outage fails once
        }
        assertThat(readings).last().isEqualTo("1.0");
    }

    private String scrape() {
        return RestAssured.get("http://localhost:" + management.getPort() + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private String databaseUp() {
        return scrape().lines()
                .filter(l -> l.startsWith("comeback_database_up "))
                .findFirst()
                .orElseThrow()
                .substring("comeback_database_up ".length());
    }
}
