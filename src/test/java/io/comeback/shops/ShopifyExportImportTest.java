package io.comeback.shops;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.comeback.web.ProblemDetails;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The backfill: Shopify admin's customers and orders exports (src/test/resources/shopify, with the admin's own
 * headers; {RUN} and {PHONE_…} are filled in per test so that runs never meet), uploaded as they are.
 */
@QuarkusTest
class ShopifyExportImportTest {

    @Inject
    AgroalDataSource dataSource;

    private static final AtomicLong RUNS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Test
    void customersComeInWithTheirSmsConsentWithoutUndoingAStop() {
        String run = run();
        String phoneA = TestData.norwegianMobile(),
                phoneC = TestData.norwegianMobile(),
                phoneD = TestData.norwegianMobile();
        // Known before: C texted STOP; D is known by e-mail (any case) under the shop's own id.
        String c = TestData.id("shop-c"), d = TestData.id("shop-d");
        given().body(Map.of(
                        "phone",
                        phoneC,
                        "consent",
                        Map.of("status", "opted_out", "source", "sms STOP", "at", "2026-01-01T00:00:00Z")))
                .put("/api/customers/" + c)
                .then()
                .statusCode(201);
        given().body(Map.of("phone", phoneD, "email", "dag." + run + "@example.no"))
                .put("/api/customers/" + d)
                .then()
                .statusCode(201);
        String file = fixture(
                "customers_export.csv",
                run,
                Map.of(
                        "PHONE_A",
                        phoneA,
                        "PHONE_B",
                        TestData.norwegianMobile(),
                        "PHONE_C",
                        phoneC,
                        "PHONE_E",
                        TestData.norwegianMobile(),
                        "PHONE_F",
                        TestData.norwegianMobile()));

        Api.csv(file)
                .post("/api/import/shopify/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(3))
                .body("updated", equalTo(2))
                .body("rejectedCount", equalTo(2))
                // Line 9 comes after a record over lines 7 and 8 (a note of two lines): lines are the file's own.
                .body("rejected.line", contains(6, 9))
                .body("rejected.field", contains("Phone", "Accepts SMS Marketing"));

        given().get("/api/customers/shopify-" + run + "01")
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Kari"))
                .body("phone", equalTo(phoneA))
                .body("consent.status", equalTo("opted_in"));
        given().get("/api/customers/shopify-" + run + "01/consent")
                .then()
                .body("history", hasSize(1))
                .body("history[0].change", equalTo("opt_in"))
                .body("history[0].source", equalTo("shopify_export"));
        given().get("/api/customers/shopify-" + run + "02").then().body("consent.status", equalTo("unknown"));
        // Found by phone: C keeps the id and the STOP; the shop's name fills in.
        given().get("/api/customers/" + c)
                .then()
                .body("firstName", equalTo("Siri"))
                .body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/shopify-" + run + "03").then().statusCode(404);
        // Found by e-mail: D keeps the number the export does not have, and opts in.
        given().get("/api/customers/" + d)
                .then()
                .body("firstName", equalTo("Dag"))
                .body("phone", equalTo(phoneD))
                .body("consent.status", equalTo("opted_in"));
        given().get("/api/customers/shopify-" + run + "06")
                .then()
                .statusCode(200)
                .body("lastName", equalTo("Dahl"));
        given().get("/api/customers/shopify-" + run + "05").then().statusCode(404);

        // The same export again: the same customers, no second opt-in.
        Api.csv(file)
                .post("/api/import/shopify/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("updated", equalTo(5));
        given().get("/api/customers/shopify-" + run + "01/consent").then().body("history", hasSize(1));
    }

    @Test
    void ordersComeInGroupedWithTheirBuyersCancellationsAndRefunds() {
        String run = run();
        String phoneA = TestData.norwegianMobile(), phoneG = TestData.norwegianMobile();
        String a = TestData.id("shop-a"), b = TestData.id("shop-b");
        given().body(Map.of("phone", phoneA)).put("/api/customers/" + a).then().statusCode(201);
        given().body(Map.of("phone", TestData.norwegianMobile(), "email", "ola." + run + "@example.no"))
                .put("/api/customers/" + b)
                .then()
                .statusCode(201);
        String file = fixture("orders_export.csv", run, Map.of("PHONE_A", phoneA, "PHONE_G", phoneG));

        Api.csv(file)
                .post("/api/import/shopify/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(4))
                .body("rejected.line", contains(8, 9))
                .body("rejected.field", contains("Lineitem quantity", "Total"));

        // Three line items, one order; found by the billing phone though its e-mail is nobody's.
        given().get("/api/orders/shopify-" + run + "1001")
                .then()
                .statusCode(200)
                .body("customerId", equalTo(a))
                .body("status", equalTo("paid"))
                .body("total", equalTo(747.0f))
                .body("couponCode", equalTo("WELCOME10"))
                .body("placedAt", equalTo("2026-03-01T09:15:00Z"))
                .body("items.sku", contains("KNIT-SW-M", "KNIT-SO", "KNIT-HAT"))
                .body("items[1].quantity", equalTo(2));
        given().get("/api/customers/" + a)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(747.0f));
        // The items' facts, as an order with items through the API gives them: the dearest item of the last order.
        assertThat(lastProduct(a)).isEqualTo("Ullgenser - M");
        // Found by e-mail; cancelled, so no purchase.
        given().get("/api/orders/shopify-" + run + "1002")
                .then()
                .body("customerId", equalTo(b))
                .body("status", equalTo("cancelled"));
        given().get("/api/customers/" + b).then().body("facts.ordersCount", equalTo(0));
        // Nobody known: the guest of the first order, found again by e-mail on the later one.
        String guest = "shopify-guest-" + run + "1003";
        given().get("/api/orders/shopify-" + run + "1003")
                .then()
                .body("customerId", equalTo(guest))
                .body("status", equalTo("partially_refunded"))
                .body("total", equalTo(400.0f))
                .body("refunded", equalTo(100.0f));
        given().get("/api/orders/shopify-" + run + "1006")
                .then()
                .body("customerId", equalTo(guest))
                .body("status", equalTo("refunded"));
        given().get("/api/customers/" + guest)
                .then()
                .body("phone", equalTo(phoneG))
                .body("firstName", equalTo("Gjest"))
                .body("facts.ordersCount", equalTo(2))
                .body("facts.totalSpent", equalTo(300.0f));
        given().get("/api/orders/shopify-" + run + "1004").then().statusCode(404);

        // The same export again changes nothing and creates no second guest.
        Api.csv(file)
                .post("/api/import/shopify/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("unchanged", equalTo(4));
        given().get("/api/customers/" + guest).then().body("facts.ordersCount", equalTo(2));
    }

    /**
     * Many orders, many batches of the translation (500 orders each): every order of a guest is theirs whichever batch
     * it falls in, and a bad row deep in the file is rejected on its own line.
     */
    @Test
    void aLongExportKeepsEachBuyerOneCustomerAcrossBatches() {
        String run = run();
        int orders = 3_000, buyers = 250;
        StringBuilder file = new StringBuilder(
                "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
                        + "Lineitem sku,Id\n");
        for (int i = 0; i < orders; i++) {
            String name = "#" + run + "-" + i, email = "buyer" + (i % buyers) + "." + run + "@example.no";
            String id = run + String.format("%05d", i);
            String created = "2025-0" + (1 + i % 9) + "-1" + (i % 10) + " 12:00:00 +0100";
            file.append(name + "," + email + ",paid,NOK,300.00," + created + ",1,Genser,200.00,S-1," + id + "\n");
            file.append(name + "," + email + ",,,,,2,Sokker,50.00,S-2,\n");
        }
        // Line 2 + 2 × 3000 = 6002: past the end of the orders, a row that is not one.
        file.append("#" + run + "-x," + "nobody@example.no,paid,NOK,10.00,yesterday,1,Genser,10.00,S-1," + run + "x\n");

        Api.csv(file.toString())
                .post("/api/import/shopify/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(orders))
                .body("rejected.line", contains(6002))
                .body("rejected.field", contains("Created at"));
        given().get("/api/customers/shopify-guest-" + run + "00007")
                .then()
                .statusCode(200)
                .body("facts.ordersCount", equalTo(orders / buyers))
                .body("facts.totalSpent", equalTo(300.0f * orders / buyers));
        given().get("/api/customers/shopify-guest-" + run + "00257").then().statusCode(404);
    }

    @Test
    void aFileThatIsNotTheExportIsRefusedNamingWhatItLacks() {
        String customers = fixture("customers_export.csv", run(), Map.of());
        Api.csv(customers)
                .post("/api/import/shopify/orders")
                .then()
                .statusCode(400)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("detail", containsString("Shopify orders export"))
                .body("errors.field", hasItems("Name", "Financial Status", "Total", "Lineitem quantity", "Id"));
        Api.csv("externalId,phone\nx,+4791234567\n")
                .post("/api/import/shopify/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("Customer ID", "Accepts SMS Marketing"));
        Api.csv("").post("/api/import/shopify/customers").then().statusCode(400);
        io.restassured.RestAssured.given()
                .contentType("text/csv")
                .body(customers)
                .post("/api/import/shopify/customers")
                .then()
                .statusCode(401);
    }

    private String lastProduct(String customer) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT last_product FROM customers WHERE external_id = ?")) {
            st.setString(1, customer);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run() {
        return String.valueOf(RUNS.incrementAndGet());
    }

    private static String fixture(String name, String run, Map<String, String> phones) {
        try (InputStream in = ShopifyExportImportTest.class.getResourceAsStream("/shopify/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{RUN}", run);
            for (Map.Entry<String, String> p : phones.entrySet()) {
                text = text.replace("{" + p.getKey() + "}", p.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
