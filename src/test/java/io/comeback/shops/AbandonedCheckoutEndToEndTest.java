package io.comeback.shops;

import static io.comeback.shops.ShopifyDeliveries.customer;
import static io.comeback.shops.ShopifyDeliveries.delivery;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shopify's checkouts through the shipped flow abandoned-checkout, on the real runtime driven step by step: the
 * checkout becomes a checkout_started event, the link goes an hour later, and the order stops the flow at once.
 * The customer exists before (without consent at first, so the welcome flow passes them by).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class AbandonedCheckoutEndToEndTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** A Wednesday at 13:00 in Oslo: an hour later is well outside quiet hours. */
    private static final Instant WEDNESDAY_13 =
            LocalDateTime.of(2031, 4, 9, 13, 0).atZone(OSLO).toInstant();

    @Inject
    ShopWebhookProcessor processor;

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(WEDNESDAY_13);
    }

    /** A customer of the API, and the shop's record of them. */
    private record Shopper(String externalId, Map<String, Object> shopify) {}

    /** A customer who agreed to marketing texts, known to the shop as {@code shopifyId} by the number. */
    private Shopper shopper(long shopifyId, String phone) {
        String externalId = TestData.customerId();
        given().body(Map.of("phone", phone, "firstName", "Kari", "locale", "nb-NO", "timeZone", "Europe/Oslo"))
                .put("/api/customers/" + externalId)
                .then()
                .statusCode(201);
        runtime.runDue();
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Kari",
                        "locale",
                        "nb-NO",
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + externalId)
                .then()
                .statusCode(200);
        return new Shopper(
                externalId,
                customer(shopifyId, TestData.letters() + "@example.com", phone, "Kari", WEDNESDAY_13, null, null));
    }

    private void applyStored() {
        while (processor.processDue() > 0) {
            // until nothing is due
        }
        runtime.runDue();
    }

    private static void send(String topic, Map<String, Object> resource) {
        delivery(topic, resource).send().then().statusCode(200).body("received", equalTo("stored"));
    }

    private static List<String> texts(String phone) {
        return given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("body");
    }

    @Test
    void aLeftCheckoutGetsItsLinkAfterAnHourAndTheOrderEndsTheFlow() {
        String phone = TestData.norwegianMobile();
        long shopifyId = ShopifyDeliveries.id();
        Shopper shopper = shopper(shopifyId, phone);
        Map<String, Object> kari = shopper.shopify();
        String token = TestData.id("tok");
        String url = "https://comeback-test.myshopify.com/checkouts/" + token + "/recover?key=" + TestData.letters();
        send(
                "checkouts/create",
                ShopifyDeliveries.checkout(token, kari, url, "598.00", WEDNESDAY_13, WEDNESDAY_13, null));
        // Shopify updates a checkout as it is filled in: still one checkout, one enrollment.
        send(
                "checkouts/update",
                ShopifyDeliveries.checkout(
                        token, kari, url, "648.00", WEDNESDAY_13, WEDNESDAY_13.plusSeconds(120), null));
        applyStored();

        runtime.advance(Duration.ofMinutes(59));
        assertThat(texts(phone)).as("nothing before the hour is over").isEmpty();
        runtime.advance(Duration.ofMinutes(2));
        assertThat(texts(phone))
                .singleElement()
                .asString()
                .startsWith("Hei Kari! Du har noe liggende i handlekurven hos")
                .contains(url);

        // The link brought her back: the order ends the flow; the reminder of the next day never goes.
        long orderId = ShopifyDeliveries.id();
        Instant paid = TestClockProducer.CLOCK.instant();
        Map<String, Object> order = ShopifyDeliveries.order(
                orderId,
                kari,
                "648.00",
                paid,
                paid,
                "paid",
                null,
                List.of(new ShopifyDeliveries.Line("COAT-1", "Kåpe", 1, "648.00")));
        order.put("checkout_token", token);
        send("orders/create", order);
        applyStored();
        runtime.advance(Duration.ofDays(3));
        assertThat(texts(phone)).hasSize(1);
        assertThat(enrollmentOf(shopper.externalId())).containsEntry("exitReason", "goal_reached");
    }

    @Test
    void noTextWhenTheOrderCameFirstOrWithinTheHour() {
        // The order arrives before its checkout's record (deliveries come in any order).
        String phone = TestData.norwegianMobile();
        Map<String, Object> kari = shopper(ShopifyDeliveries.id(), phone).shopify();
        String token = TestData.id("tok");
        String url = "https://comeback-test.myshopify.com/checkouts/" + token + "/recover?key=x";
        Map<String, Object> order = ShopifyDeliveries.order(
                ShopifyDeliveries.id(), kari, "100.00", WEDNESDAY_13, WEDNESDAY_13, "paid", null, List.of());
        order.put("checkout_token", token);
        send("orders/create", order);
        applyStored();
        send(
                "checkouts/update",
                ShopifyDeliveries.checkout(token, kari, url, "100.00", WEDNESDAY_13, WEDNESDAY_13, null));
        applyStored();
        runtime.advance(Duration.ofDays(3));
        assertThat(texts(phone)).isEmpty();

        // An order twenty minutes after the checkout ends the flow before its first text.
        String otherPhone = TestData.norwegianMobile();
        Shopper perShopper = shopper(ShopifyDeliveries.id(), otherPhone);
        Map<String, Object> per = perShopper.shopify();
        String other = TestData.id("tok");
        Instant now = TestClockProducer.CLOCK.instant();
        send("checkouts/create", ShopifyDeliveries.checkout(other, per, url + "2", "100.00", now, now, null));
        applyStored();
        runtime.advance(Duration.ofMinutes(20));
        Map<String, Object> quick =
                ShopifyDeliveries.order(ShopifyDeliveries.id(), per, "100.00", now, now, "paid", null, List.of());
        quick.put("checkout_token", other);
        send("orders/create", quick);
        applyStored();
        runtime.advance(Duration.ofDays(3));
        assertThat(texts(otherPhone)).isEmpty();
        assertThat(enrollmentOf(perShopper.externalId())).containsEntry("exitReason", "goal_reached");
    }

    private static Map<String, Object> enrollmentOf(String externalId) {
        List<Map<String, Object>> all = given().get("/api/customers/" + externalId + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(e -> "abandoned-checkout".equals(e.get("flowId")))
                .findFirst()
                .orElse(Map.of());
    }
}
