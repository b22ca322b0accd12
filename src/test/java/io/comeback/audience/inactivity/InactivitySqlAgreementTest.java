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
 * must agree on who is lapsed and from when, for every trigger shape and rhythm floor, on hand-built
 * histories whose orders arrive out of order, with orders split over one local day (purchase days) and
 * rhythms shorter than the floor.
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
        // Split orders: three a minute apart (the case: one purchase day, no rhythm).
        Instant split = REF.minus(Duration.ofDays(10));
        add(oslo, List.of(split, split.plusSeconds(60), split.plusSeconds(120)), List.of());
        // A forgotten item the same day each time: purchase days 20 days apart, never a gap of hours.
        Instant firstDay = REF.minus(Duration.ofDays(70)).plus(Duration.ofHours(1));
        add(
                oslo,
                List.of(
                        firstDay,
                        firstDay.plus(Duration.ofHours(3)),
                        firstDay.plus(Duration.ofDays(20)),
                        firstDay.plus(Duration.ofDays(40)),
                        firstDay.plus(Duration.ofDays(40)).plus(Duration.ofMinutes(5))),
                List.of());
        // Across midnight UTC, within one Oslo evening and one New York evening: one local day each.
        Instant lateEvening = Instant.parse("2026-09-14T23:30:00Z");
        add(
                oslo,
                List.of(lateEvening.minus(Duration.ofDays(14)), lateEvening, lateEvening.plusSeconds(3600)),
                List.of());
        add(
                newYork,
                List.of(
                        lateEvening.minus(Duration.ofDays(9)),
                        lateEvening.minus(Duration.ofDays(5)),
                        lateEvening,
                        lateEvening.plusSeconds(3 * 3600)),
                List.of());
        // A short rhythm (every 3 days): under every factor the window is raised to a 30-day floor.
        add(oslo, Audience.every(3, 4, REF.minus(Duration.ofDays(20))), List.of());
        add(newYork, Audience.every(4, 6, REF.minus(Duration.ofDays(31))), List.of());
        // Random histories with irregular gaps and random time of day.
        for (int i = 0; i < 12; i++) {
            int count = random.nextInt(8);
            List<Instant> orders = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                Instant at = REF.minus(Duration.ofSeconds(random.nextInt(500 * 86_400)));
                orders.add(at);
                if (random.nextInt(3) == 0) {
                    // A second order within hours: often the same local day, sometimes the next.
                    orders.add(at.plusSeconds(random.nextInt(6 * 3600)));
                }
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

    /** No floor, the default floor, and one longer than some personal rhythms and shorter than others. */
    static final List<Duration> FLOORS = List.of(Duration.ZERO, Duration.ofDays(30), Duration.ofDays(100));

    @Test
    void medianGapOnTheRowIsThePureMedianOfTheRecentPurchaseDays() throws Exception {
        for (Audience.Person person : people) {
            Long stored = query("SELECT median_gap_seconds FROM customers WHERE id = ?", person.id());
            Optional<Duration> expected = PurchaseRhythm.medianGap(person.orders(), ZoneId.of(person.zone()));
            assertThat(Optional.ofNullable(stored))
                    .as(person.externalId())
                    .isEqualTo(expected.map(Duration::getSeconds));
        }
    }

    @Test
    void aNewZoneRegroupsThePurchaseDays() throws Exception {
        // 23:30 on 30 April and 01:00 on 1 May in New York are two days there (gaps 1, 2, 17: median 2) and one
        // morning in Oslo (gaps 2, 17: median 9.5).
        List<Instant> orders = List.of(
                Instant.parse("2026-05-01T03:30:00Z"),
                Instant.parse("2026-05-01T05:00:00Z"),
                Instant.parse("2026-05-03T05:00:00Z"),
                Instant.parse("2026-05-20T05:00:00Z"));
        Audience.Person person = audience.person("America/New_York", true, orders, List.of());
        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        assertThat(PurchaseRhythm.medianGap(orders, newYork)).isNotEqualTo(PurchaseRhythm.medianGap(orders, oslo));
        assertThat(query("SELECT median_gap_seconds FROM customers WHERE id = ?", person.id()))
                .isEqualTo(
                        PurchaseRhythm.medianGap(orders, newYork).orElseThrow().getSeconds());
        audience.rezone(person, "Europe/Oslo");
        assertThat(query("SELECT median_gap_seconds FROM customers WHERE id = ?", person.id()))
                .isEqualTo(PurchaseRhythm.medianGap(orders, oslo).orElseThrow().getSeconds());
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
        int flooredSeen = 0;
        for (Duration floor : FLOORS) {
            for (Trigger.Inactive trigger : TRIGGERS) {
                for (Instant asOf : instants) {
                    Map<Long, Instant> sql = lapsedBySql(trigger, asOf, floor);
                    Set<Long> expected = new TreeSet<>();
                    for (Audience.Person p : people) {
                        ZoneId zone = ZoneId.of(p.zone());
                        Optional<Inactivity.Onset> onset =
                                Inactivity.onset(trigger, p.orders(), p.engagements(), zone, floor);
                        if (onset.isPresent() && !onset.get().at().isAfter(asOf)) {
                            expected.add(p.id());
                        }
                        if (sql.containsKey(p.id()) && PurchaseRhythm.hasPurchaseCriterion(trigger)) {
                            PurchaseRhythm.Lapse lapse = PurchaseRhythm.lapse(trigger, p.orders(), zone, floor)
                                    .orElseThrow();
                            assertThat(sql.get(p.id()))
                                    .as("purchase lapse of %s under %s, floor %s", p.externalId(), trigger, floor)
                                    .isEqualTo(lapse.at());
                            flooredSeen += lapse.floored() ? 1 : 0;
                        }
                    }
                    assertThat(new TreeSet<>(sql.keySet()))
                            .as("lapsed under %s at %s, floor %s", trigger, asOf, floor)
                            .isEqualTo(expected);
                    lapsedSeen += expected.size();
                }
            }
        }
        // The table is only useful if it has both lapsed and active customers, and lapses the floor decided.
        assertThat(lapsedSeen).isBetween(20, FLOORS.size() * TRIGGERS.size() * 5 * people.size() - 20);
        assertThat(flooredSeen).isPositive();
    }

    @Test
    void theCalendarWindowFollowsTheCustomersClockAcrossDaylightSaving() throws Exception {
        Trigger.Inactive fixed = trigger("P90D", null, 3, null);
        Audience.Person newYorker = people.get(7);
        // 2026-08-04T03:30Z is 23:30 on 3 August in New York (EDT); 90 days later is 23:30 EST on 1 November = 04:30Z.
        assertThat(lapsedBySql(fixed, Instant.parse("2026-11-02T04:29:59Z"), Duration.ofDays(30)))
                .doesNotContainKey(newYorker.id());
        assertThat(lapsedBySql(fixed, Instant.parse("2026-11-02T04:30:00Z"), Duration.ofDays(30)))
                .containsEntry(newYorker.id(), Instant.parse("2026-11-02T04:30:00Z"));
    }

    private Map<Long, Instant> lapsedBySql(Trigger.Inactive trigger, Instant asOf, Duration floor) throws Exception {
        Map<Long, Instant> lapsed = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(InactivitySql.matching(trigger, asOf, floor)
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
