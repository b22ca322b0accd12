package io.comeback.web;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

/** Request helpers shared by the API tests. */
final class Api {
    static final String KEY = "test-key";

    private Api() {
    }

    static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    /** Tests share one database per run; unique ids keep them independent. */
    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid Norwegian mobile number nobody else in this run uses. */
    static String uniqueNorwegianMobile() {
        int n = (int) (Math.random() * 9_000_000) + 1_000_000;
        return "+479" + n;
    }
}
