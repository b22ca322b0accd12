package io.comeback.shops;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
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
 * With a Shopify shop connected, the code the welcome flow texts (its coupon gives 10 %) is created at the shop
 * through the GraphQL Admin API before the text can leave, once, whatever the shop does meanwhile: down twice, or
 * creating it without our hearing back; a code the shop refuses is never texted and shows on the flow's page. The
 * runtime and the code outbox are driven step by step ({@link RuntimeDriver}, {@link ShopCodeOutbox#processDue()}).
 */
@QuarkusTest
@TestProfile(ShopifyCodesProfile.class)
class ShopifyDiscountCodesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** A Tuesday at 10:00 in Oslo: outside quiet hours, within every cap. */
    private static final Instant TUESDAY_10 =
            LocalDateTime.of(2032, 3, 9, 10, 0).atZone(OSLO).toInstant();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ShopCodeOutbox outbox;

    @Inject
    ShopWebhookProcessor deliveries;

    private RuntimeDriver runtime;

    @BeforeEach
    void start() {
        runtime = new RuntimeDriver();
        TestClockProducer.CLOCK.setTo(TUESDAY_10);
        FakeShopResource.api.unavailableFor(0);
        FakeShopResource.api.refuseAll(false);
        LeftoverCodes.settle(runtime, outbox);
    }

    /** A new customer who agreed to marketing texts: the welcome flow enters them and issues their code. */
    private static String newCustomer(String phone) {
        String id = TestData.customerId();
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
                        Map.of("status", "opted_in", "source", "test")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
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
    void aCodeTheShopFailsToCreateTwiceGoesOutOnceAfterItExists() {
        FakeShopResource.api.unavailableFor(2);
        String phone = TestData.norwegianMobile();
        String customer = newCustomer(phone);
        runtime.runDue();
        ShopCodeRows.Code code = ShopCodeRows.code(dataSource, customer);
        assertThat(code.status()).isEqualTo("pending");
        assertThat(texts(phone)).as("not before the shop has the code").isEmpty();
        assertThat(ShopCodeRows.welcome(dataSource, customer))
                .isEqualTo(new ShopCodeRows.Text("pending", "waiting_for_code"));

        outbox.processDue(); // 503
        runtime.runDue();
        assertThat(texts(phone)).isEmpty();
        runtime.advance(Duration.ofSeconds(11));
        outbox.processDue(); // 503 again
        runtime.runDue();
        assertThat(texts(phone)).isEmpty();
        assertThat(ShopCodeRows.code(dataSource, customer).attempts()).isEqualTo(2);
        assertThat(FakeShopResource.api.holds(code.code())).isFalse();

        runtime.advance(Duration.ofSeconds(21));
        outbox.processDue(); // created
        assertThat(FakeShopResource.api.holds(code.code())).isTrue();
        assertThat(ShopCodeRows.code(dataSource, customer).status()).isEqualTo("created");
        runtime.runDue();
        assertThat(texts(phone)).singleElement().asString().contains(code.code());
        runtime.advance(Duration.ofMinutes(5));
        outbox.processDue();
        assertThat(texts(phone)).as("the text went once").hasSize(1);

        List<FakeShopApis.Creation> creations = FakeShopResource.api.creations().stream()
                .filter(c -> c.code().equals(code.code()))
                .toList();
        assertThat(creations).hasSize(3);
        var input = creations.get(2).input();
        assertThat(input.path("customerGets").path("value").path("percentage").asDouble())
                .isEqualTo(0.1);
        assertThat(input.path("customerGets").path("items").path("all").asBoolean())
                .isTrue();
        assertThat(input.path("usageLimit").asInt()).isEqualTo(1);
        assertThat(input.path("context").path("all").asText()).isEqualTo("ALL");
        assertThat(input.path("title").asText()).isEqualTo("Comeback welcome " + code.code());
        assertThat(Instant.parse(input.path("endsAt").asText())).isAfter(TUESDAY_10.plus(Duration.ofDays(29)));

        // The code used at the shop's checkout comes back on the order: a redemption of the flow's code.
        long orderId = ShopifyDeliveries.id();
        Instant now = TestClockProducer.CLOCK.instant();
        Map<String, Object> order = ShopifyDeliveries.order(
                orderId,
                ShopifyDeliveries.customer(ShopifyDeliveries.id(), null, phone, "Kari", now, null, null),
                "450.00",
                now,
                now,
                "paid",
                null,
                List.of(new ShopifyDeliveries.Line("SOCK-1", "Sokker", 1, "500.00")));
        order.put(
                "discount_codes",
                List.of(Map.of("code", code.code().toLowerCase(), "amount", "50.00", "type", "percentage")));
        ShopifyDeliveries.delivery("orders/create", order).send().then().statusCode(200);
        while (deliveries.processDue() > 0) {
            // until nothing is due
        }
        given().get("/api/orders/shopify-" + orderId).then().body("couponCode", equalTo(code.code()));
        assertThat(ShopCodeRows.redemptions(dataSource, code.code())).isEqualTo(1);
    }

    @Test
    void aCodeCreatedWithoutOurHearingBackIsFoundAtTheShopAndTextedOnce() {
        FakeShopResource.api.dropAfterCreatingOnce();
        String phone = TestData.norwegianMobile();
        String customer = newCustomer(phone);
        runtime.runDue();
        String code = ShopCodeRows.code(dataSource, customer).code();
        outbox.processDue(); // created at the shop, but the answer is lost
        assertThat(FakeShopResource.api.holds(code)).isTrue();
        assertThat(ShopCodeRows.code(dataSource, customer).status()).isEqualTo("pending");
        runtime.runDue();
        assertThat(texts(phone)).isEmpty();

        runtime.advance(Duration.ofSeconds(11));
        outbox.processDue(); // TAKEN: looked up, ours
        assertThat(ShopCodeRows.code(dataSource, customer).status()).isEqualTo("created");
        runtime.runDue();
        assertThat(texts(phone)).singleElement().asString().contains(code);
        assertThat(FakeShopResource.api.creations().stream()
                        .filter(c -> c.code().equals(code)))
                .hasSize(2);
    }

    @Test
    void aCodeTheShopRefusesIsNeverTextedAndShowsOnTheFlowPage() {
        FakeShopResource.api.refuseAll(true);
        String phone = TestData.norwegianMobile();
        String customer = newCustomer(phone);
        runtime.runDue();
        outbox.processDue();
        ShopCodeRows.Code code = ShopCodeRows.code(dataSource, customer);
        assertThat(code.status()).isEqualTo("failed");
        assertThat(code.error()).contains("Customer gets is invalid");
        assertThat(ShopCodeRows.welcome(dataSource, customer))
                .isEqualTo(new ShopCodeRows.Text("blocked", "code_not_created"));
        runtime.advance(Duration.ofMinutes(5));
        assertThat(texts(phone)).isEmpty();

        String session = Api.signIn(TestData.id("viewer"), "viewer");
        String page = RestAssured.given()
                .cookie("comeback_session", session)
                .get("/flows/welcome")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("Discount codes the shop did not create").contains(code.code());
    }
}
