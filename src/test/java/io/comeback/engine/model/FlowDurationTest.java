package io.comeback.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FlowDurationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void acceptsCalendarAndClockUnits() {
        assertThat(FlowDuration.of("P3D").datePart()).isEqualTo(Period.ofDays(3));
        assertThat(FlowDuration.of("P1W").datePart()).isEqualTo(Period.ofDays(7));
        assertThat(FlowDuration.of("P6M").datePart()).isEqualTo(Period.ofMonths(6));
        assertThat(FlowDuration.of("PT2H").timePart()).isEqualTo(Duration.ofHours(2));
        FlowDuration mixed = FlowDuration.of("p1dt12h30m");
        assertThat(mixed.datePart()).isEqualTo(Period.ofDays(1));
        assertThat(mixed.timePart()).isEqualTo(Duration.ofMinutes(12 * 60 + 30));
        assertThat(mixed.text()).isEqualTo("P1DT12H30M");
    }

    @Test
    void refusesWhatHasNoSingleMeaning() {
        assertThat(FlowDuration.tryParse("P")).isEmpty();
        assertThat(FlowDuration.tryParse("PT")).isEmpty();
        assertThat(FlowDuration.tryParse("P1DT")).isEmpty();
        assertThat(FlowDuration.tryParse("-P1D")).isEmpty();
        assertThat(FlowDuration.tryParse("PT1.5H")).isEmpty();
        assertThat(FlowDuration.tryParse("3 days")).isEmpty();
        assertThat(FlowDuration.tryParse("P2H")).isEmpty();
        assertThatThrownBy(() -> FlowDuration.of("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void daysFollowTheRecipientsCalendarAcrossDaylightSaving() {
        Instant beforeSpringForward = Instant.parse("2025-03-29T09:00:00Z"); // 10:00 in Oslo (CET)
        Instant oneDayLater = FlowDuration.of("P1D").addTo(beforeSpringForward, OSLO);
        assertThat(oneDayLater).isEqualTo(Instant.parse("2025-03-30T08:00:00Z")); // 10:00 CEST, 23 h later
        Instant twentyFourHours = FlowDuration.of("PT24H").addTo(beforeSpringForward, OSLO);
        assertThat(twentyFourHours).isEqualTo(Instant.parse("2025-03-30T09:00:00Z"));
    }

    @Test
    void approximateLengthComparesWindows() {
        assertThat(FlowDuration.of("P1W").approximate()).isEqualTo(Duration.ofDays(7));
        assertThat(FlowDuration.of("P1M").approximate()).isBetween(Duration.ofDays(30), Duration.ofDays(31));
        assertThat(FlowDuration.of("PT0S").isZero()).isTrue();
    }
}
