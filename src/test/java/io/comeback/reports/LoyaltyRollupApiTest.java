package io.comeback.reports;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The customer base and lifespan come from the hourly roll-up (V73) at whole hours and from the orders
 * at other instants; both must agree with the definition computed straight from the orders, also after
 * orders arrive out of time order (splitting and joining spells) and at the same instant. 1975–1976: no
 * other test writes orders then, so the figures are these customers' alone.
 */
@QuarkusTest
class LoyaltyRollupApiTest {

    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    /** README "Reports": base = last order before t within 365 days; lifespan = mean (last before t − first). */
    private static final String DEFINITION = """
            SELECT count(*) FILTER (WHERE last_before >= CAST(? AS timestamptz) - interval '365 days'),
                   avg(extract(epoch FROM last_before - first_at)) / 86400
            FROM (SELECT max(placed_at) FILTER (WHERE placed_at < CAST(? AS timestamptz)) AS last_before,
                         min(placed_at) AS first_at
                  FROM orders GROUP BY customer_id) x
            WHERE first_at < CAST(? AS timestamptz)
            """;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void customerBaseAndLifespanMatchTheDefinitionAsOrdersArriveInAnyOrder() throws SQLException {
        ReportData data = new ReportData(dataSource);
        String x = TestData.id("x"), y = TestData.id("y"), z = TestData.id("z");
        data.customer(x);
        data.customer(y);
        data.customer(z);
        data.order(x, "1975-01-10T10:30:00Z", "100.00");
        data.order(x, "1975-03-01T00:00:00Z", "100.00");
        data.order(y, "1975-02-01T12:00:00Z", "100.00");
        checkAgainstDefinition("1975-01-01T00:00:00Z");
        checkAgainstDefinition("1975-01-01T00:30:00Z");

        // Out of time order: x's new February order joins nothing new but changes its gaps; y orders
        // twice at one instant; x returns after more than 365 days (a second spell); z starts later.
        data.order(x, "1975-02-01T12:00:00Z", "100.00");
        data.order(y, "1975-02-01T12:00:00Z", "100.00");
        data.order(x, "1976-02-15T00:00:00Z", "100.00");
        data.order(z, "1976-03-01T05:00:00Z", "100.00");
        JsonPath report = checkAgainstDefinition("1975-01-01T00:00:00Z");
        checkAgainstDefinition("1975-01-01T00:30:00Z");

        // By hand: 1 Feb 1976 — x (last 1975-03-01) and y (1975-02-01 12:00) ordered within 365 days;
        // 1 Mar 1976 — x only (1976-02-15), y's last order is older than 365 days.
        JsonPath feb = report.setRootPath("periods[13]");
        assertThat(feb.getString("start")).isEqualTo("1976-02-01T00:00:00Z");
        assertThat(feb.getInt("customersAtStart")).isEqualTo(2);
        assertThat(feb.getInt("customersAtEnd")).isEqualTo(1);
        // Lifespan on 1 Mar 1976: x 1975-01-10 10:30 → 1976-02-15 = 400.5625 days, y 0 → 200.28125.
        assertThat(feb.getDouble("averageLifespanDays")).isCloseTo(400.5625 / 2, within(1e-9));

        for (String erased : new String[] {x, y, z}) {
            given().delete("/api/customers/" + erased).then().statusCode(204);
        }
    }

    /** Monthly periods from {@code from} to 1976-06-01; every boundary checked against the definition. */
    private JsonPath checkAgainstDefinition(String from) throws SQLException {
        JsonPath report = given().queryParam("from", from)
                .queryParam("to", "1976-06-01T00:00:00Z")
                .queryParam("interval", "month")
                .queryParam("zone", "UTC")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(DOUBLES);
        int periods = report.getList("periods").size();
        assertThat(periods).isEqualTo(17);
        for (int i = 0; i < periods; i++) {
            JsonPath p = report.setRootPath("periods[" + i + "]");
            Object[] atStart = definition(p.getString("start"));
            Object[] atEnd = definition(p.getString("end"));
            assertThat(p.getLong("customersAtStart"))
                    .as("base at %s", p.getString("start"))
                    .isEqualTo(atStart[0]);
            assertThat(p.getLong("customersAtEnd"))
                    .as("base at %s", p.getString("end"))
                    .isEqualTo(atEnd[0]);
            if (atEnd[1] == null) {
                assertThat(p.getString("averageLifespanDays")).isNull();
            } else {
                assertThat(p.getDouble("averageLifespanDays"))
                        .as("lifespan at %s", p.getString("end"))
                        .isCloseTo((Double) atEnd[1], within(1e-9));
            }
        }
        return report.setRootPath("");
    }

    private Object[] definition(String instant) throws SQLException {
        OffsetDateTime t = OffsetDateTime.parse(instant).withOffsetSameInstant(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(DEFINITION)) {
            st.setObject(1, t);
            st.setObject(2, t);
            st.setObject(3, t);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long base = rs.getLong(1);
                double days = rs.getDouble(2);
                return new Object[] {base, rs.wasNull() ? null : days};
            }
        }
    }
}
