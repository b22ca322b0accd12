package io.comeback.shops;

import static io.comeback.shops.ShopifyDeliveries.customer;
import static io.comeback.shops.ShopifyDeliveries.delivery;
import static io.comeback.shops.ShopifyDeliveries.order;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shopify orders in the shop's other currencies: one in euros counts its value in kroner (the test profile's rate
 * 11.50), a euro refund lowers it by the refund's value in kroner, and one in a currency without a rate is set aside
 * with the reason, at once, never summed unconverted.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ShopifyOrderCurrencyTest {

    @Inject
    ShopWebhookProcessor processor;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void euroOrdersCountInKronerAndAnOrderWithoutARateIsSetAside() {
        long customerId = ShopifyDeliveries.id();
        Instant at = Instant.parse("2012-02-01T12:00:00Z");
        Map<String, Object> buyer = customer(
                customerId,
                TestData.letters() + "@example.com",
                TestData.norwegianMobile(),
                TestData.letters(),
                at,
                "subscribed",
                at);
        long euroOrder = ShopifyDeliveries.id();
        send(inCurrency(order(euroOrder, buyer, "80.00", at, at, "paid", null, lines()), "EUR"));
        ShopifyDeliveries.Delivery yen = delivery(
                "orders/create",
                inCurrency(order(ShopifyDeliveries.id(), buyer, "9000", at, at, "paid", null, lines()), "JPY"));
        yen.send().then().statusCode(200);
        applyStored();

        given().get("/api/orders/shopify-" + euroOrder)
                .then()
                .statusCode(200)
                .body("total", equalTo(80.0f))
                .body("currency", equalTo("EUR"))
                .body("counted.total", equalTo(920.0f));
        given().get("/api/customers/shopify-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(920.0f))
                .body("facts.currency", equalTo("NOK"));
        List<ShopWebhookRows.Row> setAside = ShopWebhookRows.shopify(dataSource, yen.webhookId());
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0).status()).isEqualTo("failed");
        assertThat(setAside.get(0).attempts())
                .as("set aside at once: a retry cannot help")
                .isEqualTo(1);
        assertThat(setAside.get(0).lastError())
                .startsWith("currency: no exchange rate from JPY into the reporting currency NOK");

        // 20 euros back: 230 kroner less.
        Map<String, Object> refund =
                ShopifyDeliveries.refund(ShopifyDeliveries.id(), euroOrder, "20.00", at.plusSeconds(60));
        @SuppressWarnings("unchecked")
        Map<String, Object> transaction = ((List<Map<String, Object>>) refund.get("transactions")).get(0);
        transaction.put("currency", "EUR");
        send("refunds/create", refund);
        applyStored();
        given().get("/api/customers/shopify-" + customerId).then().body("facts.totalSpent", equalTo(690.0f));
    }

    private static Map<String, Object> inCurrency(Map<String, Object> order, String currency) {
        order.put("currency", currency);
        order.put("presentment_currency", currency);
        return order;
    }

    private static List<ShopifyDeliveries.Line> lines() {
        return List.of(new ShopifyDeliveries.Line("HAT-1", "Lue", 1, "80.00"));
    }

    private void applyStored() {
        while (processor.processDue() > 0) {
            // until nothing is due
        }
    }

    private static void send(Map<String, Object> order) {
        send("orders/create", order);
    }

    private static void send(String topic, Map<String, Object> resource) {
        delivery(topic, resource).send().then().statusCode(200).body("received", equalTo("stored"));
    }
}
