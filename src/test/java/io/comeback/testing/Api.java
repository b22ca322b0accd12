package io.comeback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request helpers shared by the API and dashboard tests: the API key, dashboard users and their sessions. */
public final class Api {
    public static final String KEY = "test-key";

    private Api() {}

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    /** A CSV upload with the API key, as the import endpoints take it. */
    public static RequestSpecification csv(String body) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + KEY)
                .contentType("text/csv; charset=UTF-8")
                .body(body);
    }

    /** Creates (or keeps) a dashboard user with this role; their password is {@link #password(String)}. */
    public static void user(String username, String role) {
        given().body(java.util.Map.of("role", role, "password", password(username)))
                .put("/api/users/" + username)
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    public static String password(String username) {
        return "pw-of-" + username + "-for-tests";
    }

    /** Signs in to the dashboard as this user (created with the role on first use); returns the session cookie. */
    public static String signIn(String username, String role) {
        user(username, role);
        Response ok = RestAssured.given()
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("username", username)
                .formParam("password", password(username))
                .post("/login");
        assertThat(ok.statusCode()).isEqualTo(303);
        return ok.getCookie("comeback_session");
    }

    /** The CSRF token of a dashboard page's forms. */
    public static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }
}
