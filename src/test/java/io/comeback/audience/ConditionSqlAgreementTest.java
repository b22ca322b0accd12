package io.comeback.audience;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.rfm.RfmModel;
import io.comeback.engine.model.Flow;
import io.comeback.engine.parse.FlowParser;
import io.comeback.engine.parse.ParsedFlow;
import io.comeback.engine.run.CouponCodes;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import io.comeback.enrollment.CustomerViews;
import io.comeback.support.Jdbc;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A flow's entry conditions written as SQL ({@link ConditionSql}) admit exactly the customers the
 * engine admits ({@code FlowInterpreter#admits}), for every kind of condition and the awkward values:
 * numbers written differently, dates, blanks, case, missing attributes.
 */
@QuarkusTest
class ConditionSqlAgreementTest {

    private static final List<String> CONDITIONS = List.of(
            "{attribute: tier, equals: gold}",
            "{attribute: tier, in: [gold, Silver]}",
            "{attribute: tier, not_in: [gold]}",
            "{attribute: tier, not_equals: GOLD}",
            "{attribute: score, equals: 9}",
            "{attribute: score, at_least: 9}",
            "{attribute: score, at_most: 9}",
            "{attribute: score, above: 0}",
            "{attribute: score, below: 7}",
            "{attribute: score, exists: true}",
            "{attribute: score, exists: false}",
            "{attribute: since, at_least: 2025-12-24}",
            "{attribute: since, below: 2026-01-01}",
            "{attribute: since, equals: 2025-12-24}",
            "{attribute: birthday, exists: true}",
            "{attribute: birthday, at_least: 1980-01-01}",
            "{attribute: birthday, equals: 2000-01-01}",
            "{tag: vip}",
            "{not: {tag: vip}}",
            "{consent: opted_in}",
            "{consent: unknown}",
            "{field: customer.locale, equals: NB-no}",
            "{field: customer.firstName, exists: false}",
            "{field: customer.rfm.recency, at_least: 3}",
            "{field: customer.rfm.monetary, exists: false}",
            "{field: shop.name, exists: true}",
            "{field: order.total, above: 0}",
            "{field: customer.facts.ordersCount, equals: 3}",
            "{field: customer.facts.ordersCount, at_least: 2}",
            "{field: customer.facts.totalSpent, above: 500}",
            "{field: customer.facts.medianGapDays, at_most: 30}",
            "{field: customer.facts.medianGapDays, exists: true}",
            "{field: customer.facts.daysSinceLastOrder, above: 60}",
            "{field: customer.facts.favouriteCategory, equals: sokker}",
            "{field: customer.facts.favouriteCategory, in: [Sko, Jakker]}",
            "{field: customer.facts.lastProduct, exists: false}",
            "{field: customer.facts.lastProduct, equals: Fjellsko}",
            "{any: [{tag: vip}, {attribute: tier, equals: gold}]}",
            "{all: [{attribute: score, above: 5}, {not: {attribute: tier, equals: gold}}]}");

    private static final List<String> SCORES =
            List.of("9", "9.0", " 9 ", "09", "nine", "", "  ", "10", "-1", "6.99", "1e1");
    private static final List<String> TIERS = List.of("gold", "Gold ", "silver", "bronze", "");
    private static final List<String> DATES =
            List.of("2025-12-24", "2026-01-01", "2025-02-30", "24.12.2025", "2025-12-23");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RfmModel rfm;

    @Test
    void sqlAndEngineAdmitTheSameCustomers() throws Exception {
        Instant asOf = Instant.now();
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 40; i++) {
                ids.add(insert(c, i));
            }
            rfm.recompute(asOf);
            String shopName = ConfigProvider.getConfig().getValue("comeback.shop-name", String.class);
            FlowInterpreter interpreter =
                    new FlowInterpreter(CouponCodes.deterministic(), Map.of("shop.name", shopName));
            Map<Long, CustomerView> views = CustomerViews.load(c, ids, asOf);
            int admittedSomewhere = 0;
            // Dates of the facts against days around the customers' orders (days ago, in their own zones).
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            List<String> conditions = new ArrayList<>(CONDITIONS);
            conditions.addAll(List.of(
                    "{field: customer.facts.lastOrderAt, at_least: " + today.minusDays(100) + "}",
                    "{field: customer.facts.lastOrderAt, equals: " + today.minusDays(21) + "}",
                    "{field: customer.facts.firstOrderAt, below: " + today.minusDays(300) + "}",
                    "{field: customer.facts.expectedNextOrderAt, below: " + today + "}",
                    "{field: customer.facts.expectedNextOrderAt, at_least: " + today + "}"));
            for (String condition : conditions) {
                Flow flow = flow(condition);
                Set<Long> byEngine = new TreeSet<>();
                for (long id : ids) {
                    if (interpreter.admits(flow, views.get(id), Map.of(), asOf)) {
                        byEngine.add(id);
                    }
                }
                String predicate = new ConditionSql("p.as_of", Map.of("shop.name", shopName), flow.links())
                        .all(flow.entry().audience());
                assertThat(bySql(c, predicate, ids, asOf))
                        .as(condition + " → " + predicate)
                        .isEqualTo(byEngine);
                if (!byEngine.isEmpty() && byEngine.size() < ids.size()) {
                    admittedSomewhere++;
                }
            }
            assertThat(admittedSomewhere)
                    .as("conditions that split the customers (the test must discriminate)")
                    .isGreaterThan(conditions.size() / 2);
        }
    }

    @Test
    void valuesFromTheFlowCannotBreakOutOfTheirLiteral() {
        assertThat(ConditionSql.literal("gold'); DROP TABLE customers; --"))
                .isEqualTo("'gold''); DROP TABLE customers; --'");
    }

    private static Flow flow(String condition) {
        String yaml = """
                id: probe
                trigger: customer_created
                entry:
                  audience:
                    - %s
                steps:
                  - id: hello
                    send:
                      text: "Hei! Svar STOPP for å melde deg av."
                """.formatted(condition);
        ParsedFlow parsed = new FlowParser().parse(yaml);
        assertThat(parsed.problems()).as(condition).noneMatch(p -> p.isError());
        return parsed.flow().orElseThrow();
    }

    private static long insert(Connection c, int i) throws Exception {
        String attributes = "{"
                + String.join(
                        ", ",
                        List.of(
                                        i % 7 == 6 ? "" : "\"score\": \"" + SCORES.get(i % SCORES.size()) + "\"",
                                        i % 5 == 4 ? "" : "\"tier\": \"" + TIERS.get(i % TIERS.size()) + "\"",
                                        "\"since\": \"" + DATES.get(i % DATES.size()) + "\"",
                                        // The birthday field is the attribute `birthday` when set; an attribute of that
                                        // name counts without it.
                                        i % 4 >= 2
                                                ? "\"birthday\": \"" + (i % 4 == 2 ? "1985-01-02" : "2000-01-01") + "\""
                                                : "")
                                .stream()
                                .filter(s -> !s.isEmpty())
                                .toList())
                + "}";
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO customers (external_id, phone, first_name, locale, time_zone, attributes, tags, consent_status,
                                       orders_count, first_order_at, last_order_at, total_spent, birthday,
                                       median_gap_seconds, favourite_category, last_product)
                VALUES (?, NULL, ?, ?, ?, ?::jsonb, ?, ?, ?, now() - make_interval(days => ?, hours => ?),
                        now() - make_interval(days => ?, hours => ?), ?, CAST(? AS date), ?, ?, ?)
                RETURNING id""")) {
            st.setString(1, TestData.id("cond"));
            st.setString(2, i % 3 == 0 ? null : "Kari");
            st.setString(3, List.of("nb-NO", "sv-SE", "nb-no").get(i % 3));
            // Zones far apart, and order times at every hour, so local days differ from UTC days.
            st.setString(
                    4,
                    List.of("Europe/Oslo", "America/New_York", "Asia/Kolkata", "Pacific/Auckland")
                            .get(i % 4));
            st.setString(5, attributes);
            st.setArray(6, c.createArrayOf("text", i % 4 == 0 ? new String[] {"vip"} : new String[] {}));
            st.setString(7, List.of("opted_in", "opted_out", "unknown").get(i % 3));
            int orders = i % 6;
            st.setInt(8, orders);
            st.setInt(9, orders == 0 ? 0 : 300 + i);
            st.setInt(10, i % 24);
            st.setInt(11, orders == 0 ? 0 : i * 7);
            st.setInt(12, (i * 5) % 24);
            st.setBigDecimal(13, java.math.BigDecimal.valueOf(orders * 250L));
            st.setString(14, i % 4 == 1 ? "1990-06-15" : i % 4 == 3 ? "1970-03-03" : null);
            // A rhythm from two purchase days on: whole or half days.
            if (orders >= 2) {
                st.setLong(15, (10L + i) * 43_200L);
            } else {
                st.setNull(15, java.sql.Types.BIGINT);
            }
            st.setString(
                    16,
                    orders == 0
                            ? null
                            : List.of("Sokker", "Sko", "jakker", "Luer").get(i % 4));
            st.setString(
                    17,
                    orders == 0 || i % 5 == 0
                            ? null
                            : List.of("Fjellsko", "Ullsokker").get(i % 2));
            if (orders == 0) {
                // A customer who never ordered has no order times.
                st.setNull(9, java.sql.Types.INTEGER);
                st.setNull(11, java.sql.Types.INTEGER);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<Long> bySql(Connection c, String predicate, List<Long> ids, Instant asOf) throws Exception {
        Set<Long> admitted = new TreeSet<>();
        try (PreparedStatement st =
                c.prepareStatement("SELECT c.id FROM customers c, (SELECT CAST(? AS timestamptz) AS as_of) p "
                        + "WHERE c.id = ANY (?) AND " + predicate)) {
            Jdbc.setInstant(st, 1, asOf);
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    admitted.add(rs.getLong(1));
                }
            }
        }
        return admitted;
    }
}
