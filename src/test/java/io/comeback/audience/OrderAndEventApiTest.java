package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrderAndEventApiTest {

    private static String customer() {
        String id = TestData.id("buyer");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void resendingAnOrderCountsItOnceAndOtherContentUpdatesIt() {
        String customer = customer();
        String orderId = TestData.id("order");
        Map<String, Object> order = Map.of(
                "orderId",
                orderId,
                "customerId",
                customer,
                "total",
                499.00,
                "currency",
                "NOK",
                "placedAt",
                "2026-03-01T12:00:00Z",
                "couponCode",
                "SPRING",
                "items",
                List.of(Map.of(
                        "sku", "TEE-1", "name", "T-skjorte", "category", "clothes", "quantity", 2, "price", "249.50")));
        given().body(order)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .header("Location", containsString(orderId))
                .body("items[0].sku", equalTo("TEE-1"));
        given().body(order)
                .post("/api/orders")
                .then()
                .statusCode(200)
                .header("Comeback-Order", "unchanged")
                .body("total", equalTo(499.0f));
        Map<String, Object> changed = new java.util.HashMap<>(order);
        changed.put("total", 1.00);
        given().body(changed)
                .post("/api/orders")
                .then()
                .statusCode(200)
                .header("Comeback-Order", "updated")
                .body("orderId", equalTo(orderId))
                .body("total", equalTo(1.0f));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(1.0f));
    }

    @Test
    void concurrentResendsStoreOneOrder() throws Exception {
        String customer = customer();
        String orderId = TestData.id("race");
        Map<String, Object> order = Map.of(
                "orderId",
                orderId,
                "customerId",
                customer,
                "total",
                "10",
                "currency",
                "NOK",
                "placedAt",
                "2026-03-01T12:00:00Z");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(
                    pool.submit(() -> given().body(order).post("/api/orders").statusCode()));
        }
        int created = 0;
        for (var s : statuses) {
            int status = s.get();
            org.assertj.core.api.Assertions.assertThat(status).isIn(200, 201);
            created += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        org.assertj.core.api.Assertions.assertThat(created).isEqualTo(1);
        given().get("/api/customers/" + customer).then().body("facts.ordersCount", equalTo(1));
    }

    @Test
    void badOrdersNameEveryField() {
        given().body(Map.of(
                        "orderId",
                        "",
                        "customerId",
                        "x",
                        "total",
                        "-5",
                        "currency",
                        "KRONER",
                        "placedAt",
                        "yesterday",
                        "items",
                        List.of(Map.of("quantity", 0))))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body(
                        "errors.field",
                        hasItems("orderId", "total", "currency", "placedAt", "items[0].quantity", "items[0].sku"));
        given().body(Map.of(
                        "orderId",
                        TestData.id("o"),
                        "customerId",
                        "ghost",
                        "total",
                        "5",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2026-01-01T00:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("customerId"));
        given().body(Map.of(
                        "orderId",
                        TestData.id("o"),
                        "customerId",
                        "ghost",
                        "total",
                        "5",
                        "currency",
                        "NOK",
                        "placedAt",
                        "2999-01-01T00:00:00Z"))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("placedAt"));
    }

    @Test
    void engagementEventsAreRecordedForKnownCustomers() {
        String customer = customer();
        given().body(Map.of(
                        "customerId",
                        customer,
                        "type",
                        "site_visit",
                        "at",
                        "2026-03-02T08:00:00Z",
                        "properties",
                        Map.of("page", "/sale")))
                .post("/api/events")
                .then()
                .statusCode(201)
                .body("type", equalTo("site_visit"))
                .body("properties.page", equalTo("/sale"));
        given().body(Map.of("customerId", customer, "type", "wishlist_add"))
                .post("/api/events")
                .then()
                .statusCode(201);
        given().body(Map.of("customerId", customer, "type", "Site Visit"))
                .post("/api/events")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("type"));
        given().body(Map.of("customerId", "ghost", "type", "link_click"))
                .post("/api/events")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("customerId"));
    }
}
