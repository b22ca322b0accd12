package io.comeback.shops;

import static io.comeback.shops.ShopifyDeliveries.customer;
import static io.comeback.shops.ShopifyDeliveries.delivery;
import static io.comeback.shops.ShopifyDeliveries.order;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.DatabaseText;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shopify's topics applied to customers, consent and orders, whatever order the deliveries come in. Workers are off
 * ({@link ManualRuntimeProfile}): the test applies what is stored itself ({@link #applyStored()}).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ShopifyTopicsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ShopWebhookProcessor processor;

    private void applyStored() {
        while (processor.processDue() > 0) {
            // until nothing is due
        }
    }

    private static void send(String topic, Map<String, Object> resource) {
        delivery(topic, resource).send().then().statusCode(200).body("received", equalTo("stored"));
    }

    @Test
    void aNewCustomerIsCreatedWithTheirConsentAndLaterChangesFollowInTheLedger() {
        long id = ShopifyDeliveries.id();
        String phone = TestData.norwegianMobile();
        String email = TestData.letters() + "@example.com";
        Instant t1 = Instant.parse("2026-02-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-02-03T10:00:00Z");
        send("customers/create", customer(id, email, phone, "Kari", t1, "subscribed", t1.minusSeconds(60)));
        applyStored();
        given().get("/api/customers/shopify-" + id)
                .then()
                .statusCode(200)
                .body("phone", equalTo(phone))
                .body("email", equalTo(email))
                .body("consent.status", equalTo("opted_in"))
                .body("consent.source", equalTo("shopify (shopify, single_opt_in)"))
                .body("consent.at", equalTo(t1.minusSeconds(60).toString()));

        send("customers/update", customer(id, email, phone, "Kari", t2, "unsubscribed", t2));
        // An older record arriving late (Shopify does not promise order) changes nothing.
        send("customers/update", customer(id, email, phone, "Karianne", t1.plusSeconds(5), "subscribed", t1));
        applyStored();
        given().get("/api/customers/shopify-" + id + "/consent")
                .then()
                .statusCode(200)
                .body("current.status", equalTo("opted_out"))
                .body("current.at", equalTo(t2.toString()))
                .body("history.change", contains("opt_in", "opt_out"))
                .body("history.source", hasItem("shopify (shopify, single_opt_in)"));
        given().get("/api/customers/shopify-" + id).then().body("firstName", equalTo("Kari"));
    }

    @Test
    void aShopCustomerIsFoundByPhoneThenByEmailAndKeepsTheirExternalId() {
        String byPhone = TestData.customerId();
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "firstName", "Ola", "attributes", Map.of("vip", true)))
                .put("/api/customers/" + byPhone)
                .then()
                .statusCode(201);
        String byEmail = TestData.customerId();
        String email = TestData.letters() + "@example.com";
        given().body(Map.of("email", email))
                .put("/api/customers/" + byEmail)
                .then()
                .statusCode(201);

        long first = ShopifyDeliveries.id();
        long second = ShopifyDeliveries.id();
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        // Shopify writes the number its own way; the e-mail in another case.
        String spaced = phone.substring(0, 3) + " " + phone.substring(3, 6) + " " + phone.substring(6);
        send("customers/create", customer(first, null, spaced, "Ola", t, null, null));
        send("customers/create", customer(second, email.toUpperCase(), null, "Per", t, null, null));
        applyStored();

        given().get("/api/customers/" + byPhone)
                .then()
                .statusCode(200)
                .body("lastName", equalTo("Nordmann"))
                .body("attributes.vip", equalTo(true));
        given().get("/api/customers/" + byEmail).then().statusCode(200).body("firstName", equalTo("Per"));
        given().get("/api/customers/shopify-" + first).then().statusCode(404);
        given().get("/api/customers/shopify-" + second).then().statusCode(404);

        // From now on the link finds them, whatever their number or e-mail becomes.
        long orderId = ShopifyDeliveries.id();
        send(
                "orders/create",
                order(
                        orderId,
                        customer(first, null, null, "Ola", t.plusSeconds(60), null, null),
                        "100.00",
                        t.plusSeconds(60),
                        t.plusSeconds(60),
                        "paid",
                        null,
                        List.of(new ShopifyDeliveries.Line("SOCK-1", "Sokker", 1, "100.00"))));
        applyStored();
        given().get("/api/orders/shopify-" + orderId).then().statusCode(200).body("customerId", equalTo(byPhone));
    }

    @Test
    void anUpdateBeforeTheCreateLeavesTheNewerStateWithItsLines() {
        long customerId = ShopifyDeliveries.id();
        long orderId = ShopifyDeliveries.id();
        Instant placed = Instant.parse("2026-03-01T12:00:00Z");
        Map<String, Object> buyer = customer(
                customerId,
                TestData.letters() + "@example.com",
                TestData.norwegianMobile(),
                "Kari",
                placed,
                null,
                null);
        List<ShopifyDeliveries.Line> lines = List.of(
                new ShopifyDeliveries.Line("TEE-1", "T-skjorte", 2, "249.50"),
                new ShopifyDeliveries.Line("SOCK-1", "Sokker", 1, "99.00"));
        Map<String, Object> created = order(orderId, buyer, "598.00", placed, placed, "pending", null, lines);
        Map<String, Object> paid =
                order(orderId, buyer, "598.00", placed, placed.plusSeconds(120), "paid", null, lines);
        send("orders/updated", paid);
        applyStored();
        send("orders/create", created);
        applyStored();

        given().get("/api/orders/shopify-" + orderId)
                .then()
                .statusCode(200)
                .body("customerId", equalTo("shopify-" + customerId))
                .body("status", equalTo("paid"))
                .body("total", equalTo(598.0f))
                .body("currency", equalTo("NOK"))
                .body("placedAt", equalTo(placed.toString()))
                .body("items.sku", contains("TEE-1", "SOCK-1"))
                .body("items.name", contains("T-skjorte", "Sokker"))
                .body("items.quantity", contains(2, 1))
                .body("items[0].price", equalTo(249.5f));
        given().get("/api/customers/shopify-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(598.0f));
    }

    @Test
    void aRefundLowersTheReportAndIsCountedOnceWhereverItIsListed() {
        long customerId = ShopifyDeliveries.id();
        long orderId = ShopifyDeliveries.id();
        long refundId = ShopifyDeliveries.id();
        // August 2014: no other test has orders then, so the month's revenue is this order's.
        Instant placed = Instant.parse("2014-08-10T12:00:00Z");
        Map<String, Object> buyer =
                customer(customerId, TestData.letters() + "@example.com", null, "Kari", placed, null, null);
        List<ShopifyDeliveries.Line> lines = List.of(new ShopifyDeliveries.Line("COAT-1", "Kåpe", 1, "1000.00"));
        send("orders/create", order(orderId, buyer, "1000.00", placed, placed, "paid", null, lines));
        applyStored();
        assertThat(august2014().getDouble("total.revenue")).isEqualTo(1000.0);

        send("refunds/create", ShopifyDeliveries.refund(refundId, orderId, "300.00", placed.plusSeconds(86_400)));
        applyStored();
        assertThat(august2014().getDouble("total.revenue")).isEqualTo(700.0);
        assertThat(august2014().getLong("total.orders")).isEqualTo(1);

        // The order record that follows lists the same refund: it is one refund, not two.
        Map<String, Object> updated =
                order(orderId, buyer, "1000.00", placed, placed.plusSeconds(86_401), "partially_refunded", null, lines);
        @SuppressWarnings("unchecked")
        List<Object> refunds = (List<Object>) updated.get("refunds");
        refunds.add(ShopifyDeliveries.refund(refundId, orderId, "300.00", placed.plusSeconds(86_400)));
        send("orders/updated", updated);
        applyStored();
        assertThat(august2014().getDouble("total.revenue")).isEqualTo(700.0);
        given().get("/api/orders/shopify-" + orderId)
                .then()
                .body("status", equalTo("partially_refunded"))
                .body("total", equalTo(1000.0f))
                .body("refunded", equalTo(300.0f));
        given().get("/api/customers/shopify-" + customerId).then().body("facts.totalSpent", equalTo(700.0f));
    }

    private static JsonPath august2014() {
        return given().queryParam("from", "2014-08-01")
                .queryParam("to", "2014-09-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void aShopsErasureRequestErasesThePerson() throws Exception {
        long id = ShopifyDeliveries.id();
        long orderId = ShopifyDeliveries.id();
        String phone = TestData.norwegianMobile();
        String email = TestData.letters() + "@example.com";
        String name = TestData.letters();
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        Map<String, Object> person = customer(id, email, phone, name, t, "subscribed", t);
        send("customers/create", person);
        send(
                "orders/create",
                order(
                        orderId,
                        person,
                        "100.00",
                        t,
                        t,
                        "paid",
                        null,
                        List.of(new ShopifyDeliveries.Line("SOCK-1", name + " sokker", 1, "100.00"))));
        applyStored();
        given().get("/api/customers/shopify-" + id).then().statusCode(200);

        send("customers/redact", ShopifyDeliveries.redact(id, email, phone, List.of(orderId)));
        applyStored();
        given().get("/api/customers/shopify-" + id).then().statusCode(404);
        List<String> needles = new ArrayList<>(DatabaseText.spellings(phone, "47"));
        needles.addAll(List.of(email, name, Long.toString(id), Long.toString(orderId)));
        assertThat(DatabaseText.find(dataSource, needles)).isEmpty();
    }

    @Test
    void aFailingDeliveryIsTriedAgainLaterThenSetAsideWithoutHoldingUpOthers() {
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        long orderId = ShopifyDeliveries.id();
        Map<String, Object> bad = order(
                orderId,
                customer(ShopifyDeliveries.id(), TestData.letters() + "@example.com", null, "Kari", t, null, null),
                "100.00",
                t,
                t,
                "paid",
                null,
                List.of());
        // More than NUMERIC(14, 2) holds: storing it fails every time. (A currency without a rate is set aside at
        // once instead: ShopifyOrderCurrencyTest.)
        bad.put("total_price", "1000000000000000.00");
        ShopifyDeliveries.Delivery failing = delivery("orders/create", bad);
        failing.send().then().statusCode(200);
        ShopifyDeliveries.Delivery unreadable =
                new ShopifyDeliveries.Delivery(TestData.id("broken"), "customers/update", "{\"id\": ".getBytes());
        unreadable.send().then().statusCode(200);
        long good = ShopifyDeliveries.id();
        send("customers/create", customer(good, TestData.letters() + "@example.com", null, "Per", t, null, null));

        processor.processDue();
        given().get("/api/customers/shopify-" + good).then().statusCode(200);
        assertThat(ShopWebhookRows.shopify(dataSource, unreadable.webhookId()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.status()).isEqualTo("failed");
                    assertThat(row.lastError()).startsWith("unreadable: the body is not JSON");
                });
        ShopWebhookRows.Row first =
                ShopWebhookRows.shopify(dataSource, failing.webhookId()).get(0);
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.attempts()).isEqualTo(1);

        // Not again before the pause (30 s, then doubling) is over.
        processor.processDue();
        assertThat(ShopWebhookRows.shopify(dataSource, failing.webhookId())
                        .get(0)
                        .attempts())
                .isEqualTo(1);
        TestClockProducer.CLOCK.advance(Duration.ofSeconds(31));
        processor.processDue();
        assertThat(ShopWebhookRows.shopify(dataSource, failing.webhookId())
                        .get(0)
                        .attempts())
                .isEqualTo(2);
        for (int attempt = 3; attempt <= 8; attempt++) {
            TestClockProducer.CLOCK.advance(Duration.ofHours(2));
            processor.processDue();
        }
        ShopWebhookRows.Row setAside =
                ShopWebhookRows.shopify(dataSource, failing.webhookId()).get(0);
        assertThat(setAside.status()).isEqualTo("failed");
        assertThat(setAside.attempts()).isEqualTo(8);
        assertThat(setAside.lastError()).contains("numeric field overflow");
        given().get("/api/shops/webhooks?status=failed&limit=1000")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) setAside.id()))
                .body("find { it.id == " + setAside.id() + " }.topic", equalTo("orders/create"));
        given().get("/api/orders/shopify-" + orderId).then().statusCode(404);
    }
}
