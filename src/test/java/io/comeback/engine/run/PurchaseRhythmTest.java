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
    void medianGapBetweenConsecutiveOrders(String dates, long expectedDays) {
        assertThat(PurchaseRhythm.medianGap(days(dates.split(",")))
                        .orElseThrow()
                        .toDays())
                .isEqualTo(expectedDays);
    }

    @Test
    void noGapWithFewerThanTwoOrders() {
        assertThat(PurchaseRhythm.medianGap(List.of())).isEmpty();
        assertThat(PurchaseRhythm.medianGap(days("2026-01-01"))).isEmpty();
    }

    @Test
    void personalRhythmIsMedianGapTimesFactorAfterTheLastOrder() {
        List<Instant> every20Days = days("2026-01-01", "2026-01-21", "2026-02-10", "2026-03-02");
        PurchaseRhythm.Lapse lapse =
                PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), every20Days, OSLO).orElseThrow();
        assertThat(lapse.basis()).isEqualTo(Basis.PERSONAL_RHYTHM);
        assertThat(lapse.window()).isEqualTo(Duration.ofDays(40));
        assertThat(lapse.at()).isEqualTo(Instant.parse("2026-04-11T12:00:00Z"));

        PurchaseRhythm.Lapse factorOneAndHalf =
                PurchaseRhythm.lapse(trigger(null, 1.5, 3), every20Days, OSLO).orElseThrow();
        assertThat(factorOneAndHalf.window()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void tooFewOrdersFallBackToTheFixedWindowInCalendarDays() {
        // Two orders < minOrders 3: the fixed 90-day window after the last order, DST-correct in Oslo.
        PurchaseRhythm.Lapse lapse = PurchaseRhythm.lapse(
                        trigger("P90D", 2.0, 3), days("2026-01-01", "2026-01-21"), OSLO)
                .orElseThrow();
        assertThat(lapse.basis()).isEqualTo(Basis.FIXED_WINDOW);
        // 13:00 Oslo on 2026-01-21 + 90 days = 13:00 Oslo (summer time) on 2026-04-21 = 11:00Z
        assertThat(lapse.at()).isEqualTo(Instant.parse("2026-04-21T11:00:00Z"));
    }

    @Test
    void neverLapsedWithoutOrdersOrWithoutAnyApplicableRule() {
        assertThat(PurchaseRhythm.lapse(trigger("P90D", 2.0, 3), List.of(), OSLO))
                .isEmpty();
        assertThat(PurchaseRhythm.lapse(trigger(null, 2.0, 3), days("2026-01-01", "2026-02-01"), OSLO))
                .isEmpty();
    }

    @Test
    void frequentBuyerLapsesEarlierThanTwiceAYearBuyer() {
        Trigger.Inactive rule = trigger("P120D", 2.0, 3);
        Instant frequent = PurchaseRhythm.lapse(rule, days("2026-01-01", "2026-01-21", "2026-02-10"), OSLO)
                .orElseThrow()
                .at();
        Instant rare = PurchaseRhythm.lapse(rule, days("2025-02-10", "2025-08-10", "2026-02-10"), OSLO)
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
        Inactivity.Onset onset = Inactivity.onset(rule, days("2026-01-01"), days("2026-01-25"), ZoneId.of("UTC"))
                .orElseThrow();
        assertThat(onset.at()).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
        assertThat(onset.explanation()).contains("fixed window").contains("no engagement for P14D");
        assertThat(Inactivity.onset(rule, days("2026-01-01"), List.of(), ZoneId.of("UTC"))
                        .orElseThrow()
                        .at())
                .isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
    }
}
