package io.comeback.shops;

import static io.comeback.shops.ShopifyDeliveries.customer;
import static io.comeback.shops.ShopifyDeliveries.delivery;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Only deliveries signed with the shop's secret are stored, and each once: a forged signature, no signature, or a
 * body changed after signing is refused with 401 before anything is kept; a delivery sent again (Shopify retries
 * when it missed our answer) is recognised by its webhook id and applied once. Workers are off
 * ({@link ManualRuntimeProfile}): the test applies what is stored itself.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ShopifyWebhookSignatureTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ShopWebhookProcessor processor;

    private static ShopifyDeliveries.Delivery newCustomer() {
        long id = ShopifyDeliveries.id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return delivery(
                "customers/create",
                customer(id, TestData.letters() + "@example.com", TestData.norwegianMobile(), "Kari", now, null, null));
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsStored() {
        ShopifyDeliveries.Delivery d = newCustomer();
        d.sendSigned(ShopifyDeliveries.signature(d.body(), "not-the-shops-secret"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("X-Shopify-Hmac-Sha256"));
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void anUnsignedDeliveryIsRefusedAndNothingIsStored() {
        ShopifyDeliveries.Delivery d = newCustomer();
        d.sendSigned(null).then().statusCode(401).body("detail", containsString("missing"));
        d.sendSigned("not base64 at all!").then().statusCode(401);
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        ShopifyDeliveries.Delivery d = newCustomer();
        String signed = ShopifyDeliveries.signature(d.body(), ShopifyDeliveries.SECRET);
        byte[] tampered = new String(d.body(), StandardCharsets.UTF_8)
                .replace("\"Kari\"", "\"Mallory\"")
                .getBytes(StandardCharsets.UTF_8);
        new ShopifyDeliveries.Delivery(d.webhookId(), d.topic(), tampered)
                .sendSigned(signed)
                .then()
                .statusCode(401);
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void aReplayedDeliveryIsStoredOnceAndAppliedOnce() {
        ShopifyDeliveries.Delivery d = newCustomer();
        d.send().then().statusCode(200).body("received", equalTo("stored"));
        d.send().then().statusCode(200).body("received", equalTo("duplicate"));
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).hasSize(1);

        processor.processDue();
        d.send().then().statusCode(200).body("received", equalTo("duplicate"));
        processor.processDue();
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.status()).isEqualTo("applied");
                    assertThat(row.outcome()).isEqualTo("customer created");
                    assertThat(row.attempts()).isEqualTo(1);
                    assertThat(row.hasBody()).as("the body goes once applied").isFalse();
                });
    }

    @Test
    void aSignedDeliveryWithoutItsIdIsRefusedNamingTheHeader() {
        ShopifyDeliveries.Delivery d = newCustomer();
        RestAssured.given()
                .contentType("application/json")
                .header("X-Shopify-Topic", d.topic())
                .header("X-Shopify-Hmac-Sha256", ShopifyDeliveries.signature(d.body(), ShopifyDeliveries.SECRET))
                .body(d.body())
                .post("/webhooks/shopify")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("X-Shopify-Webhook-Id"));
    }

    @Test
    void aTopicComebackDoesNotUseIsAnsweredButNotStored() {
        ShopifyDeliveries.Delivery d = delivery("products/update", java.util.Map.of("id", 42));
        d.send().then().statusCode(200).body("received", equalTo("ignored"));
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void aBodyOverTheShopWebhookLimitIsRefusedBeforeItIsRead() {
        byte[] huge = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        ShopifyDeliveries.Delivery d = new ShopifyDeliveries.Delivery(TestData.id("big"), "orders/create", huge);
        d.send().then().statusCode(413).body("detail", containsString("comeback.limits.shop-webhook-body-size"));
        assertThat(ShopWebhookRows.shopify(dataSource, d.webhookId())).isEmpty();
    }

    @Test
    void theDeliveriesAreListedForOperators() {
        ShopifyDeliveries.Delivery d = newCustomer();
        d.send().then().statusCode(200);
        long id = ShopWebhookRows.shopify(dataSource, d.webhookId()).get(0).id();
        given().get("/api/shops/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("topic", equalTo("customers/create"))
                .body("status", equalTo("pending"));
        RestAssured.given().get("/api/shops/webhooks/" + id).then().statusCode(401);
    }
}
