package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An orders file may say where each order stands (status, refunded) and what was in it (items): a cancelled order is
 * kept but is no purchase, a refund lowers what the order is worth, as through the API and the shops' webhooks.
 */
@QuarkusTest
class OrderStateCsvImportTest {

    @Test
    void cancelledOrdersCountNowhereAndRefundsLowerTheWorth() {
        String customer = TestData.id("csv-state");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String paid = TestData.id("o"), cancelled = TestData.id("o"), part = TestData.id("o"), all = TestData.id("o");
        String file = String.join(
                "\n",
                "orderId,customerId,total,currency,placedAt,status,refunded,items",
                paid + "," + customer
                        + ",300.00,NOK,2026-01-01T10:00:00Z,paid,,\"[{\"\"sku\"\":\"\"MUG-1\"\",\"\"name\"\":\"\"Mug\"\",\"\"quantity\"\":2,\"\"price\"\":\"\"150.00\"\"}]\"",
                cancelled + "," + customer + ",999.00,NOK,2026-01-02T10:00:00Z,cancelled,,",
                part + "," + customer + ",200.00,NOK,2026-01-03T10:00:00Z,paid,50.00,",
                all + "," + customer + ",80.00,NOK,2026-01-04T10:00:00Z,refunded,,",
                TestData.id("o") + "," + customer + ",80.00,NOK,2026-01-04T10:00:00Z,lost,,", // 6
                TestData.id("o") + "," + customer + ",80.00,NOK,2026-01-04T10:00:00Z,paid,90.00,", // 7
                TestData.id("o") + "," + customer + ",80.00,NOK,2026-01-04T10:00:00Z,partially_refunded,,", // 8
                TestData.id("o") + "," + customer + ",80.00,NOK,2026-01-04T10:00:00Z,,,{not json", // 9
                "");
        Api.csv(file)
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(4))
                .body("rejected.line", contains(6, 7, 8, 9))
                .body("rejected.field", contains("status", "refunded", "refunded", "items"))
                .body("rejected[1].reason", containsString("more than the total"));
        // 300 + 150 + 0; the cancelled order is no purchase, the fully refunded one still an order worth 0.
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(3))
                .body("facts.totalSpent", equalTo(450.0f));
        given().get("/api/orders/" + paid)
                .then()
                .body("status", equalTo("paid"))
                .body("items[0].sku", equalTo("MUG-1"))
                .body("items[0].quantity", equalTo(2));
        given().get("/api/orders/" + cancelled)
                .then()
                .body("status", equalTo("cancelled"))
                .body("total", equalTo(999.0f));
        given().get("/api/orders/" + part)
                .then()
                .body("status", equalTo("partially_refunded"))
                .body("total", equalTo(200.0f))
                .body("refunded", equalTo(50.0f));
        given().get("/api/orders/" + all)
                .then()
                .body("status", equalTo("refunded"))
                .body("refunded", equalTo(80.0f));
        // Sent again: every order, the cancelled one too, is known and unchanged.
        Api.csv(file)
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("unchanged", equalTo(4));
    }
}
