package io.comeback.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named keys: a key reads, writes or administers as its scope says, and stops working when revoked. */
@QuarkusTest
class ApiKeyScopesTest {

    private static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    private static String issue(String name, String scope) {
        return Api.given()
                .body(Map.of("name", name, "scope", scope))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .body("info.scope", equalTo(scope.toUpperCase()))
                .body("info.name", equalTo(name))
                .extract()
                .path("key");
    }

    @Test
    void aReadKeyReadsButChangesNothing() {
        String key = issue(TestData.id("reader"), "read");
        String customer = TestData.id("scoped");
        as(key).get("/api/flows").then().statusCode(200);
        as(key).body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("'write'"));
        Api.given().get("/api/customers/" + customer).then().statusCode(404);
        as(key).get("/api/keys").then().statusCode(403);
    }

    @Test
    void aWriteKeyChangesDataButCannotManageKeysOrUsers() {
        String key = issue(TestData.id("writer"), "write");
        String customer = TestData.id("scoped");
        as(key).body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        as(key).body(Map.of("name", "escalate", "scope", "admin"))
                .post("/api/keys")
                .then()
                .statusCode(403);
        as(key).body(Map.of("role", "admin", "password", "long-enough-password"))
                .put("/api/users/mallory")
                .then()
                .statusCode(403);
        Api.given()
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("username", not(org.hamcrest.Matchers.hasItem("mallory")));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndItsUseWasRecorded() {
        String name = TestData.id("revoked");
        String key = issue(name, "admin");
        as(key).get("/api/keys")
                .then()
                .statusCode(200)
                .body("find { it.name == '" + name + "' }.lastUsedAt", notNullValue())
                .body("find { it.name == '" + name + "' }.prefix", equalTo(key.substring(0, 13)))
                .body(not(containsString(key)));
        Api.given().delete("/api/keys/" + name).then().statusCode(204);
        as(key).get("/api/flows").then().statusCode(401);
        Api.given()
                .get("/api/keys")
                .then()
                .statusCode(200)
                .body("find { it.name == '" + name + "' }.revokedAt", notNullValue());
        Api.given().delete("/api/keys/" + name).then().statusCode(404);
    }

    @Test
    void aKeyWithTheRightPrefixAndAWrongSecretIsRefused() {
        String key = issue(TestData.id("forged"), "admin");
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        as(forged).get("/api/flows").then().statusCode(401);
    }

    @Test
    void keysAreNamedOnceAndScopesAreChecked() {
        String name = TestData.id("twice");
        issue(name, "read");
        Api.given()
                .body(Map.of("name", name, "scope", "read"))
                .post("/api/keys")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("name"));
        Api.given()
                .body(Map.of("name", TestData.id("bad"), "scope", "root"))
                .post("/api/keys")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("scope"));
    }

    @Test
    void usersAreCreatedWithARoleAndAPasswordThatNeverComesBack() {
        String name = TestData.id("user");
        Api.given()
                .body(Map.of("role", "viewer"))
                .put("/api/users/" + name)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("password"));
        Api.given()
                .body(Map.of("role", "viewer", "password", "short"))
                .put("/api/users/" + name)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("password"));
        Api.given()
                .body(Map.of("role", "owner", "password", "long-enough-password"))
                .put("/api/users/" + name)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("role"));
        Api.given()
                .body(Map.of("role", "viewer", "password", "long-enough-password"))
                .put("/api/users/" + name)
                .then()
                .statusCode(201)
                .body("role", equalTo("viewer"))
                .body("password", nullValue());
        Api.given()
                .body(Map.of("role", "marketer"))
                .put("/api/users/" + name)
                .then()
                .statusCode(200)
                .body("role", equalTo("marketer"));
        String all =
                Api.given().get("/api/users").then().statusCode(200).extract().asString();
        assertThat(all).contains(name).doesNotContain("long-enough-password").doesNotContain("$2b$");
        Api.given().delete("/api/users/" + name).then().statusCode(204);
        Api.given().delete("/api/users/" + name).then().statusCode(404);
    }
}
