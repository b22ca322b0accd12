package io.comeback.shops;

import static io.comeback.shops.WooCommerceDeliveries.delivery;
import static io.comeback.shops.WooCommerceDeliveries.order;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WooCommerce's webhooks: its ping, its signature, its delivery ids, and its customers and orders through their
 * statuses (waiting for payment is no purchase yet; paid is; refunded counts what is left; in the bin is none).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class WooCommerceWebhookTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ShopWebhookProcessor processor;

    private void applyStored() {
        while (processor.processDue() > 0) {
            // until nothing is due
        }
    }

    private static long id() {
        return ShopifyDeliveries.id() % 1_000_000_000L;
    }

    @Test
    void thePingWhenAWebhookIsSavedIsAnsweredAndNotStored() {
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .header("User-Agent", "WooCommerce/9.8.0 Hookshot (WordPress/6.8)")
                .body("webhook_id=17")
                .post("/webhooks/woocommerce")
                .then()
                .statusCode(200)
                .body("received", equalTo("ping"));
        // Anything else unsigned is refused.
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .body("webhook_id=17&evil=1")
                .post("/webhooks/woocommerce")
                .then()
                .statusCode(401);
    }

    @Test
    void forgedAndUnsignedDeliveriesAreRefusedAndNothingIsStored() {
        String deliveryId = TestData.id("wc");
        WooCommerceDeliveries.Delivery d = delivery(
                "customer.created",
                deliveryId,
                WooCommerceDeliveries.customer(id(), "a@example.com", null, "Kari", Instant.now()));
        d.sendSigned(ShopifyDeliveries.signature(d.body(), "not-the-secret"))
                .then()
                .statusCode(401);
        d.sendSigned(null).then().statusCode(401);
        assertThat(ShopWebhookRows.byKey(dataSource, "woocommerce", deliveryId)).isEmpty();
    }

    @Test
    void aDeliverySentAgainIsStoredOnceButAnotherWithTheSameIdIsItsOwn() {
        // WooCommerce's delivery id is a hash of the webhook and the second: two deliveries in one second share it.
        String deliveryId = TestData.id("wc");
        Instant now = Instant.now();
        WooCommerceDeliveries.Delivery kari =
                delivery("customer.created", deliveryId, WooCommerceDeliveries.customer(id(), null, null, "Kari", now));
        WooCommerceDeliveries.Delivery per =
                delivery("customer.created", deliveryId, WooCommerceDeliveries.customer(id(), null, null, "Per", now));
        kari.send().then().statusCode(200).body("received", equalTo("stored"));
        kari.send().then().statusCode(200).body("received", equalTo("duplicate"));
        per.send().then().statusCode(200).body("received", equalTo("stored"));
        assertThat(ShopWebhookRows.byKey(dataSource, "woocommerce", deliveryId)).hasSize(2);
    }

    @Test
    void anOrderCountsOncePaidRefundsLowerItAndTheBinRemovesIt() {
        long customerId = id();
        long orderId = id();
        String phone = TestData.norwegianMobile();
        String email = TestData.letters() + "@example.com";
        Instant created = Instant.parse("2026-04-01T10:00:00Z");
        delivery(
                        "customer.created",
                        TestData.id("wc"),
                        WooCommerceDeliveries.customer(customerId, email, phone, "Kari", created))
                .send()
                .then()
                .statusCode(200);
        sendOrder("order.created", orderId, customerId, email, phone, "pending", created, created, List.of());
        applyStored();
        given().get("/api/customers/woo-" + customerId)
                .then()
                .statusCode(200)
                .body("phone", equalTo(phone))
                .body("facts.ordersCount", equalTo(0));
        given().get("/api/orders/woo-" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("pending"))
                .body("items[0].sku", equalTo("SOCK-1"))
                .body("items[0].quantity", equalTo(2));

        sendOrder(
                "order.updated",
                orderId,
                customerId,
                email,
                phone,
                "processing",
                created,
                created.plusSeconds(60),
                List.of());
        applyStored();
        given().get("/api/orders/woo-" + orderId).then().body("status", equalTo("paid"));
        given().get("/api/customers/woo-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(200.0f));

        sendOrder(
                "order.updated",
                orderId,
                customerId,
                email,
                phone,
                "completed",
                created,
                created.plusSeconds(120),
                List.of("-50.00"));
        applyStored();
        given().get("/api/orders/woo-" + orderId)
                .then()
                .body("status", equalTo("partially_refunded"))
                .body("refunded", equalTo(50.0f));
        given().get("/api/customers/woo-" + customerId).then().body("facts.totalSpent", equalTo(150.0f));

        delivery("order.deleted", TestData.id("wc"), Map.of("id", orderId))
                .send()
                .then()
                .statusCode(200);
        applyStored();
        given().get("/api/orders/woo-" + orderId).then().body("status", equalTo("cancelled"));
        given().get("/api/customers/woo-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(0))
                .body("facts.totalSpent", equalTo(0.0f));
    }

    @Test
    void guestsAreFoundAgainByTheirEmail() {
        String email = TestData.letters() + "@example.com";
        long first = id();
        long second = id();
        Instant at = Instant.parse("2026-04-02T10:00:00Z");
        sendOrder("order.created", first, 0, email, null, "processing", at, at, List.of());
        sendOrder("order.created", second, 0, email.toUpperCase(), null, "on-hold", at, at.plusSeconds(60), List.of());
        applyStored();
        given().get("/api/orders/woo-" + first).then().body("customerId", equalTo("woo-guest-" + first));
        given().get("/api/orders/woo-" + second)
                .then()
                .body("customerId", equalTo("woo-guest-" + first))
                .body("status", equalTo("placed"));
        given().get("/api/customers/woo-guest-" + first).then().body("facts.ordersCount", equalTo(2));
    }

    private static void sendOrder(
            String topic,
            long orderId,
            long customerId,
            String email,
            String phone,
            String status,
            Instant created,
            Instant modified,
            List<String> refunds) {
        delivery(
                        topic,
                        TestData.id("wc"),
                        order(
                                orderId,
                                customerId,
                                email,
                                phone,
                                status,
                                "200.00",
                                created,
                                modified,
                                List.of(),
                                refunds))
                .send()
                .then()
                .statusCode(200)
                .body("received", equalTo("stored"));
    }
}
