package io.comeback.privacy;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An access request: {@code GET /api/customers/{id}/export} gives everything held about the person, and nothing once erased. */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CustomerExportTest {

    // A Wednesday noon in Oslo: the welcome text goes out at once.
    private static final Instant NOON = LocalDateTime.of(2031, 9, 10, 12, 0)
            .atZone(ZoneId.of("Europe/Oslo"))
            .toInstant();

    @Test
    void theExportHoldsProfileConsentOrdersEventsEnrollmentsTextsAndCoupons() {
        TestClockProducer.CLOCK.setTo(NOON);
        String id = TestData.id("export");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Astrid",
                        "lastName",
                        "Export",
                        "email",
                        "astrid@example.com",
                        "attributes",
                        Map.of("size", "M"),
                        "consent",
                        Map.of(
                                "status",
                                "opted_in",
                                "source",
                                "checkout",
                                "text",
                                "Ja takk",
                                "at",
                                NOON.minusSeconds(3600).toString())))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        String order = TestData.id("o");
        given().body(Map.of(
                        "orderId",
                        order,
                        "customerId",
                        id,
                        "total",
                        "250.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        NOON.minusSeconds(600).toString(),
                        "items",
                        List.of(Map.of("sku", "S-1", "name", "Sokker", "quantity", 2, "price", "125.00"))))
                .post("/api/orders")
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "customerId",
                        id,
                        "type",
                        "site_visit",
                        "at",
                        NOON.minusSeconds(300).toString(),
                        "properties",
                        Map.of("url", "https://shop.example/sokker")))
                .post("/api/events")
                .then()
                .statusCode(201);
        // The welcome flow texts them (with a coupon); they answer.
        new RuntimeDriver().runDue();
        assertThat(given().get("/api/customers/" + id + "/messages")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("status", String.class))
                .as("the welcome text")
                .isNotEmpty()
                .doesNotContain("pending", "dispatching");
        given().body(Map.of("from", phone, "body", "Hva koster frakt?"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);

        JsonPath export = given().get("/api/customers/" + id + "/export")
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .extract()
                .jsonPath();
        assertThat(export.getString("customer.externalId")).isEqualTo(id);
        assertThat(export.getString("customer.phone")).isEqualTo(phone);
        assertThat(export.getString("customer.firstName")).isEqualTo("Astrid");
        assertThat(export.getString("customer.email")).isEqualTo("astrid@example.com");
        assertThat(export.getString("customer.attributes.size")).isEqualTo("M");
        assertThat(export.getString("customer.consent.status")).isEqualTo("opted_in");
        assertThat(export.getList("consentHistory.change", String.class)).contains("opt_in");
        assertThat(export.getString("orders[0].orderId")).isEqualTo(order);
        assertThat(export.getString("orders[0].items[0].name")).isEqualTo("Sokker");
        assertThat(export.getString("events[0].properties.url")).isEqualTo("https://shop.example/sokker");
        assertThat(export.getList("enrollments.flowId", String.class)).contains("welcome", "feedback");
        assertThat(export.getString("messagesSent[0].to")).isEqualTo(phone);
        assertThat(export.getString("messagesSent[0].body")).contains("Astrid");
        assertThat(export.getList("messagesSent[0].history.status", String.class))
                .isNotEmpty();
        assertThat(export.getList("messagesReceived.body", String.class)).contains("Hva koster frakt?");
        assertThat(export.getString("coupons[0].code")).startsWith("HEI");
        assertThat(export.getString("messagesSent[0].body")).contains(export.getString("coupons[0].code"));
    }

    @Test
    void anUnknownOrErasedCustomerHasNothingToExport() {
        given().get("/api/customers/" + TestData.id("nobody") + "/export")
                .then()
                .statusCode(404)
                .contentType(ProblemDetails.MEDIA_TYPE);
        String id = TestData.id("export-erased");
        given().body(Map.of("phone", TestData.norwegianMobile(), "firstName", "Ola"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().get("/api/customers/" + id + "/export").then().statusCode(200);
        given().delete("/api/customers/" + id).then().statusCode(204);
        given().get("/api/customers/" + id + "/export").then().statusCode(404).contentType(ProblemDetails.MEDIA_TYPE);
    }
}
