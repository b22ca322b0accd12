package io.comeback.testing;

import static org.hamcrest.Matchers.containsString;

import io.restassured.response.ValidatableResponse;
import java.util.Map;

/**
 * What the consent and suppression tests do again and again: the consent a customer gives at checkout, and a STOP
 * or START texted from a number through the simulator.
 */
public final class ConsentSteps {

    private ConsentSteps() {}

    /** An opt-in given at checkout at {@code at} (an instant or its text), as the customer API takes it. */
    public static Map<String, Object> checkoutOptIn(Object at) {
        return Map.of("status", "opted_in", "source", "checkout", "at", at.toString());
    }

    /** The same with the words the customer agreed to. */
    public static Map<String, Object> checkoutOptIn(Object at, String text) {
        return Map.of("status", "opted_in", "source", "checkout", "text", text, "at", at.toString());
    }

    /** A text from the number to the simulator, answered 200; what it answered is for the caller to check. */
    public static ValidatableResponse texts(String phone, String body) {
        return Api.given()
                .body(Map.of("from", phone, "body", body))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
    }

    /** STOPP from the number, confirmed as an opt-out. */
    public static void stop(String phone) {
        texts(phone, "STOPP").body("answer", containsString("meldt av"));
    }

    /** START from the number, welcomed back. */
    public static void start(String phone) {
        texts(phone, "START").body("answer", containsString("Velkommen tilbake"));
    }

    /** Creates a customer (a new id from {@code idPrefix}) with only this phone: 201, for the caller to check. */
    public static ValidatableResponse newCustomerWith(String phone, String idPrefix) {
        return Api.given()
                .body(Map.of("phone", phone))
                .put("/api/customers/" + TestData.id(idPrefix))
                .then()
                .statusCode(201);
    }
}
