package io.comeback.web;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the API tests. */
public final class Api {
    public static final String KEY = "test-key";

    private Api() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    /** Creates (or keeps) a dashboard user with this role; their password is {@link #password(String)}. */
    public static void user(String username, String role) {
        given().body(java.util.Map.of("role", role, "password", password(username))).put("/api/users/" + username)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    public static String password(String username) {
        return "pw-of-" + username + "-for-tests";
    }
}
