package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.CustomerFactsRow;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order import folds customer facts once per customer at the end of the file (recomputed from
 * the orders table), the API folds them order by order: both must leave the same facts; and the
 * orders an import left unfolded when it died are folded by the next import.
 */
@QuarkusTest
class ImportFactsFoldTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void factsAfterAnImportEqualFactsAfterTheSameOrdersThroughTheApi() throws SQLException {
        String viaApi = customer("fold-api"), viaCsv = customer("fold-csv");
        // 45 orders in shuffled time order (more than the 32 recent times kept), two in the same
        // second; the test profile's batches of 3 spread them over many batches.
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            times.add(Instant.parse("2025-01-01T10:00:00Z").plusSeconds(86_400L * i * (i % 4 + 1) + i * 37L));
        }
        times.add(times.get(7));
        Collections.shuffle(times, new Random(3));
        StringBuilder file = new StringBuilder("orderId,customerId,total,currency,placedAt,couponCode\n");
        for (int i = 0; i < times.size(); i++) {
            String total = (100 + i * 7) + "." + (i % 90 + 10);
            given().body(Map.of(
                            "orderId",
                            TestData.id("fold-o"),
                            "customerId",
                            viaApi,
                            "total",
                            total,
                            "currency",
                            "NOK",
                            "placedAt",
                            times.get(i).toString()))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
            file.append(TestData.id("fold-o"))
                    .append(',')
                    .append(viaCsv)
                    .append(',')
                    .append(total)
                    .append(",NOK,")
                    .append(times.get(i))
                    .append(",\n");
        }
        Api.csv(file.toString())
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(times.size()));

        List<Object> api = facts(viaApi), imported = facts(viaCsv);
        assertEquals(46, api.get(0));
        assertNotNull(api.get(5), "median gap");
        assertEquals(api, imported);
        given().get("/api/customers/" + viaCsv).then().body("facts.ordersCount", equalTo(46));
    }

    @Test
    void aSecondImportAddsToFactsAndAnApiOrderInBetweenCountsOnce() throws SQLException {
        String viaApi = customer("fold-api2"), viaCsv = customer("fold-csv2");
        String[][] rounds = {
            {"2025-02-01T08:00:00Z", "2025-03-01T08:00:00Z"},
            {"2024-12-24T18:00:00Z"},
            {"2025-04-11T09:30:00Z", "2025-01-15T12:00:00Z"}
        };
        for (int round = 0; round < rounds.length; round++) {
            StringBuilder file = new StringBuilder("orderId,customerId,total,currency,placedAt\n");
            for (String at : rounds[round]) {
                given().body(Map.of(
                                "orderId",
                                TestData.id("fold-o"),
                                "customerId",
                                viaApi,
                                "total",
                                "99.50",
                                "currency",
                                "NOK",
                                "placedAt",
                                at))
                        .post("/api/orders")
                        .then()
                        .statusCode(201);
                if (round == 1) {
                    // The middle round goes through the API for both: an import must not count it twice.
                    given().body(Map.of(
                                    "orderId",
                                    TestData.id("fold-o"),
                                    "customerId",
                                    viaCsv,
                                    "total",
                                    "99.50",
                                    "currency",
                                    "NOK",
                                    "placedAt",
                                    at))
                            .post("/api/orders")
                            .then()
                            .statusCode(201);
                } else {
                    file.append(TestData.id("fold-o"))
                            .append(',')
                            .append(viaCsv)
                            .append(",99.50,NOK,")
                            .append(at)
                            .append('\n');
                }
            }
            if (round != 1) {
                Api.csv(file.toString()).post("/api/import/orders").then().statusCode(200);
            }
        }
        assertEquals(5, facts(viaApi).get(0));
        assertEquals(facts(viaApi), facts(viaCsv));
    }

    @Test
    void aFoldSpreadOverChunksAndConnectionsGivesEveryCustomerTheFactsOfTheApi() throws SQLException {
        // Tests fold 2 customers per chunk on 2 connections: 9 customers are 5 chunks, both threads busy.
        List<String> viaApi = new ArrayList<>(), viaCsv = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            viaApi.add(customer("fold-many-api"));
            viaCsv.add(customer("fold-many-csv"));
        }
        Random random = new Random(11);
        StringBuilder file = new StringBuilder("orderId,customerId,total,currency,placedAt\n");
        for (int i = 0; i < 40; i++) {
            int who = random.nextInt(9);
            String at = Instant.parse("2024-01-01T00:00:00Z")
                    .plusSeconds(random.nextInt(300 * 86_400))
                    .toString();
            String total = (10 + random.nextInt(500)) + ".25";
            given().body(Map.of(
                            "orderId",
                            TestData.id("fold-o"),
                            "customerId",
                            viaApi.get(who),
                            "total",
                            total,
                            "currency",
                            "NOK",
                            "placedAt",
                            at))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
            file.append(TestData.id("fold-o"))
                    .append(',')
                    .append(viaCsv.get(who))
                    .append(',')
                    .append(total)
                    .append(",NOK,")
                    .append(at)
                    .append('\n');
        }
        Api.csv(file.toString())
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(40));
        for (int i = 0; i < 9; i++) {
            assertEquals(facts(viaApi.get(i)), facts(viaCsv.get(i)), "customer " + i);
        }
        assertEquals(0L, pendingFolds());
    }

    @Test
    void ordersAnImportLeftUnfoldedAreFoldedByTheNextImport() throws SQLException {
        String orphaned = customer("fold-left"), other = customer("fold-next");
        // As an import that died after committing a batch leaves it: its row in order_fact_folds
        // (lock free: the session is gone), the order stored, the customer's facts untouched.
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     WITH f AS (INSERT INTO order_fact_folds (from_order_id) SELECT coalesce(max(id), 0) FROM orders RETURNING 1)
                     INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
                     SELECT ?, id, 42.00, 42.00, 'NOK', 1, '2025-03-04T05:06:07Z' FROM customers WHERE external_id = ?""")) {
            st.setString(1, TestData.id("fold-o"));
            st.setString(2, orphaned);
            assertEquals(1, st.executeUpdate());
        }
        given().get("/api/customers/" + orphaned).then().body("facts.ordersCount", equalTo(0));
        assertNotEquals(0L, pendingFolds());

        Api.csv("orderId,customerId,total,currency,placedAt\n" + TestData.id("fold-o") + "," + other
                        + ",10,NOK,2025-05-01T00:00:00Z\n")
                .post("/api/import/orders")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));

        given().get("/api/customers/" + orphaned)
                .then()
                .body("facts.ordersCount", equalTo(1))
                .body("facts.totalSpent", equalTo(42.0f))
                .body("facts.lastOrderAt", equalTo("2025-03-04T05:06:07Z"));
        given().get("/api/customers/" + other).then().body("facts.ordersCount", equalTo(1));
        assertEquals(0L, pendingFolds(), "nothing stays unfolded after an import");
    }

    private long pendingFolds() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM order_fact_folds");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String customer(String prefix) {
        String id = TestData.id(prefix);
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private List<Object> facts(String externalId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return CustomerFactsRow.byExternalId(c, externalId);
        }
    }
}
