package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.model.FlowDuration;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Amounts with their currency and durations in words, the same way on every page. */
class FormatsTest {

    private static Formats formats(String currency) {
        return new Formats(() -> "Europe/Oslo", currency);
    }

    @Test
    void moneyCarriesTheShopsCurrency() {
        assertThat(formats("nok").money(new BigDecimal("12345.5"))).isEqualTo("NOK 12,345.50");
        assertThat(formats("SEK").money(new BigDecimal("0.004"))).isEqualTo("SEK 0.00");
        assertThat(formats("NOK").money(null)).isEqualTo(Formats.NONE);
        assertThat(Formats.amount(new BigDecimal("349.5"), "EUR")).isEqualTo("EUR 349.50");
        assertThatThrownBy(() -> formats("kroner")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAreWordsNotIsoCodes() {
        assertThat(Formats.duration(Duration.ofDays(120))).isEqualTo("120 days");
        assertThat(Formats.duration(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Formats.duration(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(Formats.duration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(FlowDuration.of("P120D").inWords()).isEqualTo("120 days");
        assertThat(FlowDuration.of("P2W").inWords()).isEqualTo("14 days");
        assertThat(FlowDuration.of("P1Y6M").inWords()).isEqualTo("1 year 6 months");
        assertThat(FlowDuration.of("P1DT12H").inWords()).isEqualTo("1 day 12 hours");
        assertThat(FlowDuration.of("PT2H30M").inWords()).isEqualTo("2 hours 30 minutes");
    }

    @Test
    void axisDecimalsFollowTheStep() {
        assertThat(Formats.decimalsOf(200)).isZero();
        assertThat(Formats.decimalsOf(0.5)).isEqualTo(1);
        assertThat(Formats.decimalsOf(0.25)).isEqualTo(2);
        assertThat(Formats.decimalsOf(0.2 * 100)).isZero();
    }
}
