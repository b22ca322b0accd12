package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PATCH /api/orders/{id}: status, amount and refunds of a stored order, and what they do to the customer's facts. */
@QuarkusTest
class OrderChangesApiTest {

    private static String customer() {
        String id = TestData.customerId();
        given().body(Map.of("firstName", "Kari"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static String order(String customer, String placedAt, String total) {
        String orderId = TestData.orderId();
        given().body(Map.of(
                        "orderId",
                        orderId,
                        "customerId",
                        customer,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        placedAt))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("status", equalTo("placed"));
        return orderId;
    }

    @Test
    void aCancelledOrderIsNoPurchaseUntilItCountsAgain() {
        String customer = customer();
        order(customer, "2026-01-10T10:00:00Z", "300.00");
        String second = order(customer, "2026-02-10T10:00:00Z", "200.00");
        given().body(Map.of("status", "cancelled"))
                .patch("/api/orders/" + second)
                .then()
                .statusCode(200)
                .header("Comeback-Order", "updated")
                .body("status", equalTo("cancelled"))
                .body("total", equalTo(200.0f));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(300.0f))
                .body("facts.lastOrderAt", equalTo("2026-01-10T10:00:00Z"));
        given().body(Map.of("status", "cancelled"))
                .patch("/api/orders/" + second)
                .then()
                .statusCode(200)
                .header("Comeback-Order", "unchanged");

        given().body(Map.of("status", "paid"))
                .patch("/api/orders/" + second)
                .then()
                .body("status", equalTo("paid"));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(2))
                .body("facts.totalSpent", equalTo(500.0f))
                .body("facts.lastOrderAt", equalTo("2026-02-10T10:00:00Z"));
    }

    @Test
    void refundsLowerWhatTheOrderIsWorth() {
        String customer = customer();
        String orderId = order(customer, "2026-01-10T10:00:00Z", "300.00");
        given().body(Map.of("refunded", "120.50"))
                .patch("/api/orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("partially_refunded"))
                .body("total", equalTo(300.0f))
                .body("refunded", equalTo(120.5f));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(179.5f));
        given().body(Map.of("status", "refunded"))
                .patch("/api/orders/" + orderId)
                .then()
                .body("status", equalTo("refunded"))
                .body("refunded", equalTo(300.0f));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(0.0f));
        // A new amount (an edited order) with the refund kept.
        given().body(Map.of("total", "400.00", "refunded", "100.00"))
                .patch("/api/orders/" + orderId)
                .then()
                .body("status", equalTo("partially_refunded"))
                .body("total", equalTo(400.0f));
        given().get("/api/customers/" + customer).then().body("facts.totalSpent", equalTo(300.0f));
    }

    @Test
    void badChangesAreRefusedNamingTheField() {
        String customer = customer();
        String orderId = order(customer, "2026-01-10T10:00:00Z", "300.00");
        given().body(Map.of("status", "lost", "refunded", "-1"))
                .patch("/api/orders/" + orderId)
                .then()
                .statusCode(422)
                .body("errors.field", contains("refunded", "status"));
        given().body(Map.of("refunded", "300.01"))
                .patch("/api/orders/" + orderId)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("refunded"));
        given().body(Map.of("status", "partially_refunded"))
                .patch("/api/orders/" + orderId)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("refunded"));
        given().body(Map.of("status", "paid"))
                .patch("/api/orders/" + TestData.orderId())
                .then()
                .statusCode(404);
        // Sent again under another customer: an order cannot move.
        given().body(Map.of(
                        "orderId",
                        orderId,
                        "customerId",
                        customer(),
                        "total",
                        "300.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2026-01-10T10:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("customerId"));
    }
}
