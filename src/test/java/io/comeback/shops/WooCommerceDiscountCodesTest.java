package io.comeback.shops;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
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
import org.junit.jupiter.api.Test;

/**
 * With a WooCommerce shop connected, the welcome flow's code is created as a coupon through the REST API
 * ({@code POST /wp-json/wc/v3/coupons}) before the text leaves, and an order using it is a redemption.
 */
@QuarkusTest
@TestProfile(WooCommerceCodesProfile.class)
class WooCommerceDiscountCodesTest {

    private static final Instant TUESDAY_10 = LocalDateTime.of(2032, 3, 16, 10, 0)
            .atZone(ZoneId.of("Europe/Oslo"))
            .toInstant();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ShopCodeOutbox outbox;

    @Inject
    ShopWebhookProcessor deliveries;

    @Test
    void theCouponIsCreatedBeforeTheTextAndRedeemedByAnOrder() {
        RuntimeDriver runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        LeftoverCodes.settle(runtime, outbox);
        String phone = TestData.norwegianMobile();
        String customer = TestData.customerId();
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Kari",
                        "locale",
                        "nb-NO",
                        "consent",
                        Map.of("status", "opted_in", "source", "test")))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        runtime.runDue();
        String code = ShopCodeRows.code(dataSource, customer).code();
        assertThat(texts(phone)).isEmpty();

        outbox.processDue();
        runtime.runDue();
        assertThat(texts(phone)).singleElement().asString().contains(code);
        FakeShopApis.Creation created = FakeShopResource.api.creations().stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(created.input().path("discount_type").asText()).isEqualTo("percent");
        assertThat(created.input().path("amount").asDouble()).isEqualTo(10.0);
        assertThat(created.input().path("usage_limit").asInt()).isEqualTo(1);
        assertThat(created.input().path("date_expires_gmt").asText()).startsWith("2032-04-");
        runtime.advance(Duration.ofMinutes(5));
        assertThat(texts(phone)).hasSize(1);

        long orderId = ShopifyDeliveries.id() % 1_000_000_000L;
        Instant now = TestClockProducer.CLOCK.instant();
        WooCommerceDeliveries.delivery(
                        "order.created",
                        TestData.id("wc"),
                        WooCommerceDeliveries.order(
                                orderId,
                                0,
                                null,
                                phone,
                                "processing",
                                "180.00",
                                now,
                                now,
                                List.of(code.toLowerCase()),
                                List.of()))
                .send()
                .then()
                .statusCode(200);
        while (deliveries.processDue() > 0) {
            // until nothing is due
        }
        assertThat(ShopCodeRows.redemptions(dataSource, code)).isEqualTo(1);
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
}
