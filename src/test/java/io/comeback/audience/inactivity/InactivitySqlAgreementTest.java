package io.comeback.audience.inactivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.Inactivity;
import io.comeback.engine.run.PurchaseRhythm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The detector's SQL and the engine's pure definition ({@link PurchaseRhythm}, {@link Inactivity})
 * must agree on who is lapsed and from when, for every trigger shape, on hand-built histories
 * whose orders arrive out of order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InactivitySqlAgreementTest {

    static final Instant REF = Instant.parse("2026-10-01T10:00:00Z");

    @Inject
    Audience audience;

    @Inject
    AgroalDataSource dataSource;

    final List<Audience.Person> people = new ArrayList<>();

    @BeforeAll
    void buildAudience() {
        Random random = new Random(7);
        String oslo = "Europe/Oslo";
        String newYork = "America/New_York";
        // One-time buyer, 200 days ago.
        add(oslo, List.of(REF.minus(Duration.ofDays(200))), List.of());
        // Every 91 days, last a year ago; visited 40 days ago.
        add(oslo, Audience.every(91, 5, REF.minus(Duration.ofDays(365))), List.of(REF.minus(Duration.ofDays(40))));
        // Monthly, a month late; visited yesterday.
        add(newYork, Audience.every(30, 6, REF.minus(Duration.ofDays(90))), List.of(REF.minus(Duration.ofDays(1))));
        // Irregular gaps 10, 100, 20, 200 days: median (20 + 100) / 2 = 60.
        Instant first = REF.minus(Duration.ofDays(400));
        add(
                oslo,
                List.of(
                        first,
                        first.plus(Duration.ofDays(10)),
                        first.plus(Duration.ofDays(110)),
                        first.plus(Duration.ofDays(130)),
                        first.plus(Duration.ofDays(330))),
                List.of());
        // Never ordered, visited 10 and 50 days ago.
        add(oslo, List.of(), List.of(REF.minus(Duration.ofDays(50)), REF.minus(Duration.ofDays(10))));
        // 40 orders: 100-day gaps, then ten-day gaps recently; only the last 32 make the rhythm.
        List<Instant> many = new ArrayList<>(Audience.every(100, 10, REF.minus(Duration.ofDays(300))));
        many.addAll(Audience.every(10, 30, REF.minus(Duration.ofDays(5))));
        add(oslo, many, List.of());
        // Two orders in the same second, then one more: gaps 0 and 45 days.
        Instant twice = REF.minus(Duration.ofDays(120));
        add(newYork, List.of(twice, twice, twice.plus(Duration.ofDays(45))), List.of());
        // Last order in New York just before the clocks went back (2026-11-01 is 90 days after 2026-08-03):
        // a calendar window of P90D ends at 23:30 local, which is one hour later than 90 × 24 h.
        add(
                newYork,
                List.of(Instant.parse("2026-06-01T12:00:00Z"), Instant.parse("2026-08-04T03:30:00Z")),
                List.of(Instant.parse("2026-08-04T03:30:00Z")));
        add(
                "Asia/Kolkata",
                List.of(Instant.parse("2026-01-31T20:00:00Z"), Instant.parse("2026-02-28T20:00:00Z")),
                List.of());
        // Random histories with irregular gaps and random time of day.
        for (int i = 0; i < 12; i++) {
            int count = random.nextInt(8);
            List<Instant> orders = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                orders.add(REF.minus(Duration.ofSeconds(random.nextInt(500 * 86_400))));
            }
            List<Instant> visits = random.nextBoolean()
                    ? List.of(REF.minus(Duration.ofSeconds(random.nextInt(90 * 86_400))))
                    : List.of();
            add(i % 2 == 0 ? oslo : newYork, orders, visits);
        }
    }

    private void add(String zone, List<Instant> orders, List<Instant> visits) {
        List<Instant> arrival = new ArrayList<>(orders);
        Collections.shuffle(arrival, new Random(orders.size()));
        people.add(audience.person(zone, true, arrival, visits));
    }

    static Trigger.Inactive trigger(String noPurchaseFor, Double factor, int minOrders, String noEngagementFor) {
        return new Trigger.Inactive(
                Optional.ofNullable(noPurchaseFor).map(FlowDuration::of),
                factor == null ? OptionalDouble.empty() : OptionalDouble.of(factor),
                minOrders,
                Optional.ofNullable(noEngagementFor).map(FlowDuration::of),
                OptionalInt.empty(),
                SourceLocation.UNKNOWN);
    }

    static final List<Trigger.Inactive> TRIGGERS = List.of(
            trigger("P90D", null, 3, null),
            trigger("P120D", 2.0, 3, null),
            trigger(null, 1.5, 2, null),
            trigger(null, null, 3, "P30D"),
            trigger("P90D", 2.0, 3, "P30D"),
            trigger("P3M", null, 3, null),
            trigger("P1DT12H", 1.3, 4, "PT36H"));

    @Test
    void medianGapOnTheRowIsThePureMedianOfTheRecentOrders() throws Exception {
        for (Audience.Person person : people) {
            Long stored = query("SELECT median_gap_seconds FROM customers WHERE id = ?", person.id());
            Optional<Duration> expected = PurchaseRhythm.medianGap(person.orders());
            assertThat(Optional.ofNullable(stored))
                    .as(person.externalId())
                    .isEqualTo(expected.map(Duration::getSeconds));
        }
    }

    @Test
    void sqlAndPureComputationAgreeOnWhoIsLapsedAndFromWhen() throws Exception {
        List<Instant> instants = new ArrayList<>(List.of(
                REF,
                REF.minus(Duration.ofDays(60)),
                REF.plus(Duration.ofDays(200)),
                // Either side of the New York customer's calendar window end (23:30 EST on 1 Nov = 04:30Z).
                Instant.parse("2026-11-02T04:29:59Z"),
                Instant.parse("2026-11-02T04:30:00Z")));
        int lapsedSeen = 0;
        for (Trigger.Inactive trigger : TRIGGERS) {
            for (Instant asOf : instants) {
                Map<Long, Instant> sql = lapsedBySql(trigger, asOf);
                Set<Long> expected = new TreeSet<>();
                for (Audience.Person p : people) {
                    ZoneId zone = ZoneId.of(p.zone());
                    Optional<Inactivity.Onset> onset = Inactivity.onset(trigger, p.orders(), p.engagements(), zone);
                    if (onset.isPresent() && !onset.get().at().isAfter(asOf)) {
                        expected.add(p.id());
                    }
                    if (sql.containsKey(p.id()) && PurchaseRhythm.hasPurchaseCriterion(trigger)) {
                        assertThat(sql.get(p.id()))
                                .as("purchase lapse of %s under %s", p.externalId(), trigger)
                                .isEqualTo(PurchaseRhythm.lapse(trigger, p.orders(), zone)
                                        .orElseThrow()
                                        .at());
                    }
                }
                assertThat(new TreeSet<>(sql.keySet()))
                        .as("lapsed under %s at %s", trigger, asOf)
                        .isEqualTo(expected);
                lapsedSeen += expected.size();
            }
        }
        // The table is only useful if it has both lapsed and active customers.
        assertThat(lapsedSeen).isBetween(20, TRIGGERS.size() * 5 * people.size() - 20);
    }

    @Test
    void theCalendarWindowFollowsTheCustomersClockAcrossDaylightSaving() throws Exception {
        Trigger.Inactive fixed = trigger("P90D", null, 3, null);
        Audience.Person newYorker = people.get(7);
        // 2026-08-04T03:30Z is 23:30 on 3 August in New York (EDT); 90 days later is 23:30 EST on 1 November = 04:30Z.
        assertThat(lapsedBySql(fixed, Instant.parse("2026-11-02T04:29:59Z"))).doesNotContainKey(newYorker.id());
        assertThat(lapsedBySql(fixed, Instant.parse("2026-11-02T04:30:00Z")))
                .containsEntry(newYorker.id(), Instant.parse("2026-11-02T04:30:00Z"));
    }

    private Map<Long, Instant> lapsedBySql(Trigger.Inactive trigger, Instant asOf) throws Exception {
        Map<Long, Instant> lapsed = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(InactivitySql.matching(trigger, asOf)
                        + "SELECT id, purchase_lapsed_at FROM lapses WHERE id = ANY(?)")) {
            st.setArray(
                    1,
                    c.createArrayOf(
                            "bigint", people.stream().map(Audience.Person::id).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    java.time.OffsetDateTime at = rs.getObject(2, java.time.OffsetDateTime.class);
                    lapsed.put(rs.getLong(1), at == null ? Instant.EPOCH : at.toInstant());
                }
            }
        }
        return lapsed;
    }

    private Long query(String sql, long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                return rs.wasNull() ? null : value;
            }
        }
    }
}
