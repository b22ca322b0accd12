package io.comeback.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.audience.money.NoExchangeRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An order counts its amount at the rate of the day it was stored, and each refund at the rate of its own day. */
class OrderMoneyTest {

    private static final Instant PLACED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aNewOrderIsConvertedAtTodaysRate() {
        OrderMoney m = OrderMoney.of(revision("100.00", "0", "EUR"), null, rate("11.50"));
        assertThat(m.rate()).isEqualByComparingTo("11.50");
        assertThat(m.net()).isEqualByComparingTo("1150.00");
        assertThat(m.refunded()).isEqualByComparingTo("0");
    }

    @Test
    void aLaterRefundIsConvertedAtItsDaysRateAndTheAmountKeepsItsOwn() {
        StoredOrder stored = stored("100.00", "0", "EUR", "11.50", "1150.00", "0.00");
        OrderMoney m = OrderMoney.of(revision("100.00", "40.00", "EUR"), stored, rate("12.00"));
        assertThat(m.rate()).isEqualByComparingTo("11.50");
        assertThat(m.refunded()).isEqualByComparingTo("480.00");
        assertThat(m.net()).isEqualByComparingTo("670.00");
    }

    @Test
    void aWholeRefundLeavesNothingWhateverTheRates() {
        StoredOrder stored = stored("100.00", "40.00", "EUR", "11.50", "670.00", "480.00");
        OrderMoney m = OrderMoney.of(revision("100.00", "100.00", "EUR"), stored, rate("12.50"));
        assertThat(m.net()).isEqualByComparingTo("0");
        assertThat(m.refunded()).isEqualByComparingTo("1150.00");
    }

    @Test
    void aNewAmountOrCurrencyIsConvertedAgainAtTodaysRate() {
        StoredOrder stored = stored("100.00", "0", "EUR", "11.50", "1150.00", "0.00");
        assertThat(OrderMoney.of(revision("200.00", "0", "EUR"), stored, rate("12.00"))
                        .net())
                .isEqualByComparingTo("2400.00");
        assertThat(OrderMoney.of(revision("100.00", "0", "SEK"), stored, rate("1.05"))
                        .net())
                .isEqualByComparingTo("105.00");
    }

    @Test
    void aChangeThatConvertsNothingNeedsNoRate() {
        StoredOrder stored = stored("100.00", "0", "EUR", "11.50", "1150.00", "0.00");
        Function<String, BigDecimal> none = code -> {
            throw new NoExchangeRate(code, "NOK");
        };
        assertThat(OrderMoney.of(revision("100.00", "0", "EUR"), stored, none).net())
                .isEqualByComparingTo("1150.00");
        assertThatThrownBy(() -> OrderMoney.of(revision("100.00", "10.00", "EUR"), stored, none))
                .isInstanceOf(NoExchangeRate.class);
    }

    private static Function<String, BigDecimal> rate(String rate) {
        return code -> new BigDecimal(rate);
    }

    private static OrderRevision revision(String amount, String refunded, String currency) {
        return new OrderRevision(
                "o-1",
                1,
                new BigDecimal(amount),
                new BigDecimal(refunded),
                currency,
                PLACED,
                List.of(),
                null,
                OrderStatus.PAID,
                null);
    }

    private static StoredOrder stored(
            String amount, String refunded, String currency, String rate, String net, String shopRefunded) {
        return new StoredOrder(
                7,
                "o-1",
                1,
                OrderStatus.PAID,
                new BigDecimal(amount),
                new BigDecimal(refunded),
                currency,
                new BigDecimal(rate),
                new BigDecimal(net),
                new BigDecimal(shopRefunded),
                PLACED,
                null,
                List.of(),
                PLACED,
                null,
                null,
                true,
                true);
    }
}
