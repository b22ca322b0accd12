package io.comeback.web;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

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

    /** Signs in to the dashboard as this user (created with this role on first use); the session cookie's value. */
    public static String signIn(String username, String role) {
        user(username, role);
        io.restassured.response.Response ok = RestAssured.given().redirects().follow(false)
                .contentType(ContentType.URLENC).formParam("username", username).formParam("password", password(username))
                .post("/login");
        if (ok.statusCode() != 303) {
            throw new AssertionError("sign-in as " + username + " answered " + ok.statusCode());
        }
        return ok.getCookie("comeback_session");
    }

    public static String password(String username) {
        return "pw-of-" + username + "-for-tests";
    }

    /** Tests share one database per run; unique ids keep them independent. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid Norwegian mobile number nobody else in this run uses. */
    public static String uniqueNorwegianMobile() {
        int n = (int) (Math.random() * 9_000_000) + 1_000_000;
        return "+479" + n;
    }
}
