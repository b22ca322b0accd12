package io.comeback.shops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Without a webhook secret nothing can be verified, so every delivery is refused, however it is signed, and
 * WooCommerce's ping too: a webhook saved against an unconfigured Comeback fails at once instead of silently.
 */
@QuarkusTest
@TestProfile(NoShopSecretsProfile.class)
class ShopWebhooksWithoutSecretTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyShopifyDeliveryIsRefused() {
        ShopifyDeliveries.Delivery d = ShopifyDeliveries.delivery(
                "customers/create",
                ShopifyDeliveries.customer(
                        ShopifyDeliveries.id(), "x@example.com", null, "Kari", Instant.now(), null, null));
        d.send().then().statusCode(401).body("detail", containsString("COMEBACK_SHOPIFY_WEBHOOK_SECRET"));
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void everyWooCommerceDeliveryIsRefusedPingIncluded() {
        String deliveryId = TestData.id("wc");
        WooCommerceDeliveries.delivery("customer.created", deliveryId, java.util.Map.of("id", 7))
                .send()
                .then()
                .statusCode(401)
                .body("detail", containsString("COMEBACK_WOOCOMMERCE_WEBHOOK_SECRET"));
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .body("webhook_id=12")
                .post("/webhooks/woocommerce")
                .then()
                .statusCode(401);
        assertThat(ShopWebhookRows.byKey(dataSource, "woocommerce", deliveryId)).isEmpty();
    }
}
