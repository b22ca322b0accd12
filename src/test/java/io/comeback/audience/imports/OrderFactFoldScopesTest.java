package io.comeback.audience.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.OrderStore;
import io.comeback.testing.CustomerFactsRow;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both ways a fold finds its customers (a list of the imported orders' customers, or every customer
 * by id range) leave each customer the facts the API's order-by-order fold gives the same orders, on
 * one connection or spread over two; a customer in a folded range without an imported order keeps
 * its facts as they are.
 */
@QuarkusTest
class OrderFactFoldScopesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rangesGiveTheFactsOfTheApiOnTwoConnections() throws SQLException {
        check(FoldScope.RANGES, new OrderFactFolds.FoldWorkers(dataSource::getConnection, 2, 5));
    }

    @Test
    void rangesGiveTheFactsOfTheApiOnOneConnection() throws SQLException {
        check(FoldScope.RANGES, new OrderFactFolds.FoldWorkers(null, 1, 7));
    }

    @Test
    void listedCustomersGiveTheFactsOfTheApi() throws SQLException {
        check(FoldScope.LISTED, new OrderFactFolds.FoldWorkers(dataSource::getConnection, 2, 3));
    }

    private void check(FoldScope scope, OrderFactFolds.FoldWorkers workers) throws SQLException {
        Random random = new Random(scope.ordinal() * 31L + workers.count());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // Twins: the API folds one's orders one by one, the fold recomputes the other's.
            List<long[]> twins = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                twins.add(new long[] {customer(c), customer(c)});
            }
            // Orders before the fold's start: folded order by order, like orders that came through the API.
            long bystander = customer(c);
            placeViaApi(c, bystander, Instant.parse("2024-05-05T05:05:05Z"), "17.10");
            placeViaApi(c, twins.get(0)[0], Instant.parse("2023-01-01T00:00:00Z"), "5.00");
            placeViaApi(c, twins.get(0)[1], Instant.parse("2023-01-01T00:00:00Z"), "5.00");
            // A bystander whose facts disagree with its orders: a fold that recomputed it would show.
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE customers SET orders_count = 99 WHERE id = " + bystander);
            }
            long from = maxOrderId(c);
            c.commit();
            for (int i = 0; i < 60; i++) {
                long[] twin = twins.get(random.nextInt(twins.size()));
                Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(400 * 86_400));
                String total = (10 + random.nextInt(900)) + "." + (10 + random.nextInt(90));
                placeViaApi(c, twin[0], at, total);
                placeRaw(c, twin[1], at, total);
                if (i == 30) {
                    // Same second as an earlier order: a gap of 0.
                    placeViaApi(c, twin[0], at, total);
                    placeRaw(c, twin[1], at, total);
                }
            }
            c.commit();

            OrderFactFolds.fold(c, from, workers, scope);
            c.commit();

            for (long[] twin : twins) {
                assertEquals(facts(c, twin[0]), facts(c, twin[1]), "customer " + twin[1] + " folded by " + scope);
                assertNotEquals(0, facts(c, twin[1]).get(0));
            }
            assertEquals(99, facts(c, bystander).get(0), "a customer without imported orders is left alone");
            c.commit();
        }
    }

    private static long customer(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO customers (external_id, time_zone) VALUES (?, 'Europe/Oslo') RETURNING id")) {
            st.setString(1, TestData.id("fold-scope"));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long placeRaw(Connection c, long customer, Instant at, String total) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
                VALUES (?, ?, ?::numeric, ?::numeric, 'NOK', 1, ?)
                RETURNING id""")) {
            st.setString(1, TestData.id("fold-scope-o"));
            st.setLong(2, customer);
            st.setString(3, total);
            st.setString(4, total);
            st.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The order and the API's fold of it onto the customer (OrderStore). */
    private static void placeViaApi(Connection c, long customer, Instant at, String total) throws SQLException {
        placeRaw(c, customer, at, total);
        try (PreparedStatement st = c.prepareStatement(OrderStore.FOLD_FACTS.formatted(
                "SELECT ?::bigint AS customer_id, 1 AS count, ?::timestamptz AS first_at, ?::timestamptz AS last_at, "
                        + "?::numeric AS spent, ARRAY[?::timestamptz] AS times"))) {
            st.setLong(1, customer);
            st.setTimestamp(2, Timestamp.from(at));
            st.setTimestamp(3, Timestamp.from(at));
            st.setString(4, total);
            st.setTimestamp(5, Timestamp.from(at));
            st.executeUpdate();
        }
    }

    private static long maxOrderId(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Object> facts(Connection c, long customer) throws SQLException {
        return CustomerFactsRow.byId(c, customer);
    }
}
