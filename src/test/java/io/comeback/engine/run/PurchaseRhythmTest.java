package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.PurchaseRhythm.Basis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurchaseRhythmTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Duration FLOOR = Duration.ofDays(30);

    private static List<Instant> days(String... isoDates) {
        return Arrays.stream(isoDates).map(d -> Instant.parse(d + "T12:00:00Z")).toList();
    }

    private static Trigger.Inactive trigger(String fixed, Double factor, int minOrders) {
        return new Trigger.Inactive(
                Optional.ofNullable(fixed).map(FlowDuration::of),
                factor == null ? OptionalDouble.empty() : OptionalDouble.of(factor),
                minOrders,
                Optional.empty(),
                OptionalInt.empty(),
                SourceLocation.UNKNOWN);
    }

    @ParameterizedTest(name = "{0} -> median {1} days")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-01-01,2026-01-21                       | 20",
                "2026-01-01,2026-01-21,2026-02-10            | 20",
                "2026-02-10,2026-01-01,2026-01-21            | 20",
                "2026-01-01,2026-01-11,2026-01-31            | 15",
                "2026-01-01,2026-01-03,2026-01-23,2026-05-01 | 20",
                "2026-01-01,2026-07-01,2026-12-31            | 182",
            })
    void medianGapBetweenConsecutivePurchaseDays(String dates, long expectedDays) {
        assertThat(PurchaseRhythm.medianGap(days(dates.split(",")), OSLO)
                        .orElseThrow()
                        .toDays())
                .isEqualTo(expectedDays);
    }

    @Test
    void noGapWithFewerThanTwoOrders() {
        assertThat(PurchaseRhythm.medianGap(List.of(), OSLO)).isEmpty();
        assertThat(PurchaseRhythm.medianGap(days("2026-01-01"), OSLO)).isEmpty();
    }

    @Test
    void personalRhythmIsMedianGapTimesFactorAfterTheLastOrder() {
        List<Instant> every20Days = days("2026-01-01", "2026-01-21", "2026-02-10", "2026-03-02");
        PurchaseRhythm.Lapse lapse = PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), every20Days, OSLO, FLOOR)
                .orElseThrow();
        assertThat(lapse.basis()).isEqualTo(Basis.PERSONAL_RHYTHM);
        assertThat(lapse.window()).isEqualTo(Duration.ofDays(40));
        assertThat(lapse.at()).isEqualTo(Instant.parse("2026-04-11T12:00:00Z"));

        PurchaseRhythm.Lapse factorOneAndHalf = PurchaseRhythm.lapse(trigger(null, 1.5, 3), every20Days, OSLO, FLOOR)
                .orElseThrow();
        assertThat(factorOneAndHalf.window()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void tooFewOrdersFallBackToTheFixedWindowInCalendarDays() {
        // Two orders < minOrders 3: the fixed 90-day window after the last order, DST-correct in Oslo.
        PurchaseRhythm.Lapse lapse = PurchaseRhythm.lapse(
                        trigger("P90D", 2.0, 3), days("2026-01-01", "2026-01-21"), OSLO, FLOOR)
                .orElseThrow();
        assertThat(lapse.basis()).isEqualTo(Basis.FIXED_WINDOW);
        // 13:00 Oslo on 2026-01-21 + 90 days = 13:00 Oslo (summer time) on 2026-04-21 = 11:00Z
        assertThat(lapse.at()).isEqualTo(Instant.parse("2026-04-21T11:00:00Z"));
    }

    @Test
    void neverLapsedWithoutOrdersOrWithoutAnyApplicableRule() {
        assertThat(PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), List.of(), OSLO, FLOOR))
                .isEmpty();
        assertThat(PurchaseRhythm.lapse(trigger(null, 2.0, 3), days("2026-01-01", "2026-02-01"), OSLO, FLOOR))
                .isEmpty();
    }

    @Test
    void frequentBuyerLapsesEarlierThanTwiceAYearBuyer() {
        Trigger.Inactive rule = trigger("P120D", 2.0, 3);
        Instant frequent = PurchaseRhythm.lapse(rule, days("2026-01-01", "2026-01-21", "2026-02-10"), OSLO, FLOOR)
                .orElseThrow()
                .at();
        Instant rare = PurchaseRhythm.lapse(rule, days("2025-02-10", "2025-08-10", "2026-02-10"), OSLO, FLOOR)
                .orElseThrow()
                .at();
        assertThat(frequent).isEqualTo(Instant.parse("2026-03-22T12:00:00Z"));
        assertThat(rare).isAfter(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void engagementCriterionPushesTheOnsetLater() {
        Trigger.Inactive rule = new Trigger.Inactive(
                Optional.of(FlowDuration.of("P30D")),
                OptionalDouble.empty(),
                3,
                Optional.of(FlowDuration.of("P14D")),
                OptionalInt.empty(),
                SourceLocation.UNKNOWN);
        Inactivity.Onset onset = Inactivity.onset(rule, days("2026-01-01"), days("2026-01-25"), ZoneId.of("UTC"), FLOOR)
                .orElseThrow();
        assertThat(onset.at()).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
        assertThat(onset.explanation()).contains("fixed window").contains("no engagement for 14 days");
        assertThat(Inactivity.onset(rule, days("2026-01-01"), List.of(), ZoneId.of("UTC"), FLOOR)
                        .orElseThrow()
                        .at())
                .isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
    }

    @Test
    void ordersOnOneLocalDayAreOneOccasion() {
        Instant first = Instant.parse("2026-03-02T09:00:00Z");
        // Three orders a minute apart: one purchase day, no rhythm at all.
        List<Instant> split = List.of(first, first.plusSeconds(60), first.plusSeconds(120));
        assertThat(PurchaseRhythm.purchaseDays(split, OSLO)).hasSize(1);
        assertThat(PurchaseRhythm.medianGap(split, OSLO)).isEmpty();
        // A forgotten item the same evening, then a purchase 20 and 40 days later: gaps 20, 20, never 0.
        List<Instant> withSplit = List.of(
                first,
                Instant.parse("2026-03-02T21:30:00Z"),
                Instant.parse("2026-03-22T10:00:00Z"),
                Instant.parse("2026-04-11T10:00:00Z"));
        assertThat(PurchaseRhythm.medianGap(withSplit, OSLO)).contains(Duration.ofDays(20));
    }

    @Test
    void theLocalDayIsTheCustomersOwn() {
        // 23:30Z on 1 March and 00:30Z on 2 March: two days in UTC, one in Oslo (00:30 and 01:30 on 2 March)
        // and one in New York (18:30 and 19:30 on 1 March).
        List<Instant> evening = List.of(Instant.parse("2026-03-01T23:30:00Z"), Instant.parse("2026-03-02T00:30:00Z"));
        assertThat(PurchaseRhythm.purchaseDays(evening, ZoneId.of("UTC"))).hasSize(2);
        assertThat(PurchaseRhythm.purchaseDays(evening, OSLO)).hasSize(1);
        assertThat(PurchaseRhythm.purchaseDays(evening, ZoneId.of("America/New_York")))
                .hasSize(1);
    }

    @Test
    void gapsAreWholeDaysBetweenPurchaseDaysWhateverTheTimeOfDay() {
        // Whole days between the local days (4 and 5) whatever the hours (4 d 14 h and 4 d 15 h between the
        // orders); the median of two gaps is their mean, 4.5 days.
        List<Instant> orders = List.of(
                Instant.parse("2026-01-01T07:00:00Z"),
                Instant.parse("2026-01-05T21:00:00Z"),
                Instant.parse("2026-01-10T12:00:00Z"));
        assertThat(PurchaseRhythm.medianGap(orders, OSLO)).contains(Duration.ofHours(108));
    }

    @Test
    void thePersonalWindowIsNeverShorterThanTheFloor() {
        // Every 5 days with factor 2: a 10-day rhythm, raised to the 30-day floor.
        List<Instant> every5Days = days("2026-01-01", "2026-01-06", "2026-01-11", "2026-01-16");
        PurchaseRhythm.Lapse floored = PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), every5Days, OSLO, FLOOR)
                .orElseThrow();
        assertThat(floored.basis()).isEqualTo(Basis.PERSONAL_RHYTHM);
        assertThat(floored.floored()).isTrue();
        assertThat(floored.window()).isEqualTo(Duration.ofDays(30));
        assertThat(floored.at()).isEqualTo(Instant.parse("2026-02-15T12:00:00Z"));
        // Without a floor (PT0S) the rhythm stands.
        assertThat(PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), every5Days, OSLO, Duration.ZERO)
                        .orElseThrow()
                        .window())
                .isEqualTo(Duration.ofDays(10));
    }

    @Test
    void threeOrdersAMinuteApartFallBackToTheFixedWindow() {
        // The case: min_orders 3 is met, but one purchase day has no rhythm, so no_purchase_for rules.
        Instant first = Instant.parse("2026-03-02T09:00:00Z");
        List<Instant> split = List.of(first, first.plusSeconds(60), first.plusSeconds(120));
        PurchaseRhythm.Lapse lapse = PurchaseRhythm.lapse(trigger("P120D", 2.0, 3), split, OSLO, FLOOR)
                .orElseThrow();
        assertThat(lapse.basis()).isEqualTo(Basis.FIXED_WINDOW);
        assertThat(lapse.at()).isAfter(first.plus(Duration.ofDays(119)));
        // Without a fixed window they are never lapsed by purchase.
        assertThat(PurchaseRhythm.lapse(trigger(null, 2.0, 3), split, OSLO, FLOOR))
                .isEmpty();
    }
}
