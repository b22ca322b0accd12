package io.comeback.audience.rfm;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.RfmScores;
import io.comeback.enrollment.CustomerViews;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFM: cut points are the 20/40/60/80 % values of the ordering customers, and a customer's scores are
 * read against them. The database holds other tests' customers too, so the expected cut points are
 * taken in the test from the same population by hand (sorted values, percentile_disc's rule).
 */
@QuarkusTest
class RfmApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void cutPointsAreTheQuintilesOfOrderingCustomersAndScoresAreReadAgainstThem() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // The best customer: ordered 6 hours ago, 6 times, spent 1,000,000.
        String best = customer();
        for (int i = 0; i < 6; i++) {
            order(best, now.minus(Duration.ofDays(30L * (5 - i))).minus(Duration.ofHours(6)), "166666.66");
        }
        // The weakest: one small order three years ago.
        String weakest = customer();
        order(weakest, now.minus(Duration.ofDays(3 * 365)).minus(Duration.ofHours(6)), "0.01");
        String neverOrdered = customer();

        JsonPath cuts = given().post("/api/rfm/recompute")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Instant computedAt = Instant.parse(cuts.getString("computedAt"));
        List<long[]> population = population(computedAt);
        assertThat(cuts.getLong("customers")).isEqualTo(population.size());
        assertThat(decimals(cuts.getList("recencyDays"))).isEqualTo(quintiles(population, 0));
        assertThat(decimals(cuts.getList("frequency"))).isEqualTo(quintiles(population, 1));
        assertThat(decimals(cuts.getList("monetary"))).isEqualTo(quintiles(population, 2));
        given().get("/api/rfm").then().statusCode(200);

        JsonPath bestView = given().get("/api/customers/" + best)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        RfmScores expected = expectedScores(cuts, 0, 6, 99999996); // 6 × 166,666.66 = 999,999.96, in cents
        assertThat(bestView.getInt("rfm.recency")).isEqualTo(expected.recency()).isEqualTo(5);
        assertThat(bestView.getInt("rfm.frequency")).isEqualTo(expected.frequency());
        assertThat(bestView.getInt("rfm.monetary"))
                .isEqualTo(expected.monetary())
                .isEqualTo(5);
        assertThat(bestView.getString("rfm.score")).isEqualTo(expected.code());

        JsonPath weakestView = given().get("/api/customers/" + weakest)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        RfmScores weak = expectedScores(cuts, 3 * 365, 1, 1);
        assertThat(weakestView.getInt("rfm.recency")).isEqualTo(weak.recency());
        assertThat(weakestView.getInt("rfm.monetary")).isEqualTo(1);
        assertThat(weakestView.getInt("rfm.frequency")).isEqualTo(1);

        assertThat(given().get("/api/customers/" + neverOrdered)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("rfm"))
                .as("no order, no scores")
                .isNull();

        // What the flows see (conditions like `field: customer.rfm.recency`).
        try (Connection c = dataSource.getConnection()) {
            Map<Long, CustomerView> views =
                    CustomerViews.load(c, List.of(internalId(c, best), internalId(c, neverOrdered)), Instant.now());
            assertThat(views.get(internalId(c, best)).rfm()).isEqualTo(expected);
            assertThat(views.get(internalId(c, neverOrdered)).rfm()).isNull();
        }
    }

    @Test
    void aNewOrderMovesTheScoresWithoutARecomputation() {
        for (int i = 0; i < 5; i++) {
            order(customer(), Instant.now().minus(Duration.ofDays(i + 1)), "100.00");
        }
        // Older than anything other tests write, so at least these five recent buyers are ahead of it.
        String customer = customer();
        order(customer, Instant.now().minus(Duration.ofDays(15_000)), "1.00");
        given().post("/api/rfm/recompute").then().statusCode(200);
        int before = given().get("/api/customers/" + customer)
                .then()
                .extract()
                .jsonPath()
                .getInt("rfm.recency");
        order(customer, Instant.now().minus(Duration.ofMinutes(5)), "1.00");
        int after = given().get("/api/customers/" + customer)
                .then()
                .extract()
                .jsonPath()
                .getInt("rfm.recency");
        assertThat(before).isEqualTo(1);
        assertThat(after).isEqualTo(5);
    }

    /** {days since last order, orders, total spent in cents} of every customer the cut points come from. */
    private List<long[]> population(Instant asOf) throws Exception {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT last_order_at, orders_count, total_spent FROM customers "
                                + "WHERE erased_at IS NULL AND orders_count > 0 AND last_order_at IS NOT NULL")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Instant last =
                            rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    long days = Math.floorDiv(Duration.between(last, asOf).toMillis(), 86_400_000L);
                    rows.add(new long[] {
                        days,
                        rs.getLong(2),
                        rs.getBigDecimal(3).movePointRight(2).longValueExact()
                    });
                }
            }
        }
        return rows;
    }

    /** percentile_disc(p): the first value, in ascending order, whose position reaches p × n. */
    private static List<BigDecimal> quintiles(List<long[]> population, int column) {
        List<Long> sorted = population.stream().map(r -> r[column]).sorted().toList();
        List<BigDecimal> cuts = new ArrayList<>();
        for (double p : new double[] {0.2, 0.4, 0.6, 0.8}) {
            int position = (int) Math.ceil(p * sorted.size());
            BigDecimal value = BigDecimal.valueOf(sorted.get(Math.max(position, 1) - 1));
            cuts.add((column == 2 ? value.movePointLeft(2) : value).stripTrailingZeros());
        }
        return cuts;
    }

    private static RfmScores expectedScores(JsonPath cuts, long days, long orders, long cents) {
        return new RfmScores(
                6 - rank(cuts.getList("recencyDays"), BigDecimal.valueOf(days)),
                rank(cuts.getList("frequency"), BigDecimal.valueOf(orders)),
                rank(cuts.getList("monetary"), BigDecimal.valueOf(cents).movePointLeft(2)));
    }

    private static int rank(List<Object> cuts, BigDecimal value) {
        return 1
                + (int) decimals(cuts).stream()
                        .filter(c -> c.compareTo(value) < 0)
                        .count();
    }

    private static List<BigDecimal> decimals(List<Object> values) {
        return values.stream()
                .map(v -> new BigDecimal(v.toString()).stripTrailingZeros())
                .toList();
    }

    private static String customer() {
        String id = TestData.id("rfm");
        given().body(Map.of("phone", TestData.norwegianMobile(), "firstName", "Rut"))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static void order(String customer, Instant at, String total) {
        given().body(Map.of(
                        "orderId",
                        TestData.id("rfm-order"),
                        "customerId",
                        customer,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        at.toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }

    private static long internalId(Connection c, String externalId) throws Exception {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
