package io.comeback.audience.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeRatesTest {

    /** The ECB's euro reference rates of 21 October 2025, as shipped. */
    private static final Map<String, BigDecimal> REFERENCE = Map.of(
            "EUR", new BigDecimal("1"),
            "NOK", new BigDecimal("11.6693"),
            "SEK", new BigDecimal("10.9345"),
            "DKK", new BigDecimal("7.4691"),
            "USD", new BigDecimal("1.1607"),
            "GBP", new BigDecimal("0.86780"));

    @Test
    void crossRatesIntoTheReportingCurrencyComeFromTheReferenceRates() {
        ExchangeRates nok = new ExchangeRates("NOK", Map.of(), REFERENCE);
        assertThat(nok.require("EUR")).isEqualByComparingTo("11.6693");
        assertThat(nok.require("SEK")).isEqualByComparingTo("1.0672001463"); // 11.6693 / 10.9345
        assertThat(nok.require("NOK")).isEqualByComparingTo("1");
        ExchangeRates sek = new ExchangeRates("sek", Map.of(), REFERENCE);
        assertThat(sek.currency()).isEqualTo("SEK");
        assertThat(sek.require("NOK")).isEqualByComparingTo("0.9370313558"); // 10.9345 / 11.6693
    }

    @Test
    void theOperatorsRatesWinAndKeysAreReadInAnyCase() {
        ExchangeRates rates = new ExchangeRates("NOK", Map.of("eur", new BigDecimal("11.70")), REFERENCE);
        assertThat(rates.require("EUR")).isEqualByComparingTo("11.70");
        assertThat(rates.rate("eur")).contains(new BigDecimal("11.70"));
    }

    @Test
    void aCurrencyWithoutARateHasNone() {
        ExchangeRates rates = new ExchangeRates("NOK", Map.of(), REFERENCE);
        assertThat(rates.rate("JPY")).isEmpty();
        assertThatThrownBy(() -> rates.require("JPY"))
                .isInstanceOf(NoExchangeRate.class)
                .hasMessageContaining("comeback.money.rates.JPY");
        ExchangeRates noReference = new ExchangeRates("ISK", Map.of(), REFERENCE);
        assertThat(noReference.rate("EUR"))
                .as("ISK is not among the reference rates")
                .isEmpty();
        assertThat(noReference.require("ISK")).isEqualByComparingTo("1");
    }

    @Test
    void badSettingsStopTheStart() {
        assertThatThrownBy(() -> new ExchangeRates("KRONER", Map.of(), REFERENCE))
                .hasMessageContaining("comeback.money.currency");
        assertThatThrownBy(() -> new ExchangeRates("NOK", Map.of("EUR", BigDecimal.ZERO), REFERENCE))
                .hasMessageContaining("comeback.money.rates.EUR");
    }
}
