package io.comeback.shops;

import static io.comeback.shops.ShopifyDeliveries.customer;
import static io.comeback.shops.ShopifyDeliveries.delivery;
import static io.comeback.shops.ShopifyDeliveries.order;
import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A cancelled order is no purchase: a lapsed customer whose new order is cancelled is lapsed again, with the facts,
 * the rhythm and the loyalty report as they were before it. Shopify cancels with an orders/cancelled delivery (the
 * order record with cancelled_at). 2014: no other test has orders then.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ShopifyCancelledOrderTest {

    private static final SourceLocation HERE = SourceLocation.UNKNOWN;
    /** winback's rule: twice the usual gap for three orders or more, else 120 days. */
    private static final Trigger.Inactive LAPSED = new Trigger.Inactive(
            Optional.of(FlowDuration.of("P120D")),
            OptionalDouble.of(2),
            3,
            Optional.empty(),
            OptionalInt.empty(),
            HERE);

    private static final Instant AS_OF = Instant.parse("2014-06-20T12:00:00Z");

    @Inject
    ShopWebhookProcessor processor;

    @Inject
    InactiveAudience audience;

    @Test
    void aCancelledOrderLeavesTheCustomerLapsed() {
        long customerId = ShopifyDeliveries.id();
        String name = TestData.letters();
        Instant first = Instant.parse("2014-01-05T12:00:00Z");
        Map<String, Object> buyer = customer(
                customerId,
                TestData.letters() + "@example.com",
                TestData.norwegianMobile(),
                name,
                first,
                "subscribed",
                first);
        // Every 30 days from January to April: lapsed 60 days after the last, on 4 June.
        for (int i = 0; i < 4; i++) {
            Instant at = first.plusSeconds(30L * 86_400 * i);
            send("orders/create", order(ShopifyDeliveries.id(), buyer, "400.00", at, at, "paid", null, lines()));
        }
        applyStored();
        assertThat(lapsed(name)).isTrue();
        assertThat(juneRevenue()).isEqualTo(0.0);

        long comeback = ShopifyDeliveries.id();
        Instant placed = Instant.parse("2014-06-10T12:00:00Z");
        send("orders/create", order(comeback, buyer, "250.00", placed, placed, "paid", null, lines()));
        applyStored();
        assertThat(lapsed(name)).as("ordered ten days ago").isFalse();
        assertThat(juneRevenue()).isEqualTo(250.0);
        given().get("/api/customers/shopify-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(5))
                .body("facts.lastOrderAt", equalTo(placed.toString()));

        Instant cancelled = placed.plusSeconds(3600);
        send("orders/cancelled", order(comeback, buyer, "250.00", placed, cancelled, "voided", cancelled, lines()));
        applyStored();
        assertThat(lapsed(name)).as("the cancelled order was no purchase").isTrue();
        assertThat(juneRevenue()).isEqualTo(0.0);
        given().get("/api/customers/shopify-" + customerId)
                .then()
                .body("facts.ordersCount", equalTo(4))
                .body("facts.totalSpent", equalTo(1600.0f))
                .body(
                        "facts.lastOrderAt",
                        equalTo(first.plusSeconds(90L * 86_400).toString()));
        given().get("/api/orders/shopify-" + comeback)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("total", equalTo(250.0f));

        // The update Shopify sends after the cancellation, older than it in a retry, changes nothing.
        send("orders/updated", order(comeback, buyer, "250.00", placed, placed.plusSeconds(60), "paid", null, lines()));
        applyStored();
        assertThat(lapsed(name)).isTrue();
    }

    private boolean lapsed(String firstName) {
        InactiveAudience.FlowRules rules = new InactiveAudience.FlowRules(
                "shops-cancelled-order-test",
                new ReEntry.Always(HERE),
                List.of(new Condition.Compare("customer.firstName", Operator.EQUALS, List.of(firstName), HERE)),
                Map.of());
        return audience.preview(LAPSED, Optional.of(rules), AS_OF, 5).counts().count() == 1;
    }

    private static double juneRevenue() {
        return given().queryParam("from", "2014-06-01")
                .queryParam("to", "2014-07-01")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .getDouble("total.revenue");
    }

    private static List<ShopifyDeliveries.Line> lines() {
        return List.of(new ShopifyDeliveries.Line("SOCK-1", "Sokker", 1, "250.00"));
    }

    private void applyStored() {
        while (processor.processDue() > 0) {
            // until nothing is due
        }
    }

    private static void send(String topic, Map<String, Object> resource) {
        delivery(topic, resource).send().then().statusCode(200).body("received", equalTo("stored"));
    }
}
