package io.comeback.audience.money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rates orders are converted at into the reporting currency, as configured now ({@link MoneyConfig}). A rate is
 * read when an order's amount or refund is stored and kept on the order, so a later change of rates never rewrites
 * what was counted. The reporting currency itself converts at 1; a currency with no rate converts not at all (the
 * order is refused or set aside, never summed unconverted).
 */
@ApplicationScoped
public class ExchangeRates {

    /** Digits kept of a derived cross rate. */
    static final int RATE_SCALE = 10;

    private final String currency;
    private final Map<String, BigDecimal> rates;

    @Inject
    public ExchangeRates(MoneyConfig config) {
        this(config.currency(), config.rates(), config.useReferenceRates() ? config.referenceRates() : Map.of());
    }

    ExchangeRates(String currency, Map<String, BigDecimal> operatorRates, Map<String, BigDecimal> referenceRates) {
        this.currency = code(currency, "comeback.money.currency");
        Map<String, BigDecimal> all = new TreeMap<>();
        Map<String, BigDecimal> reference = normalised(referenceRates, "comeback.money.reference-rates");
        BigDecimal perEuro = reference.get(this.currency);
        if (perEuro != null) {
            reference.forEach((code, units) -> all.put(
                    code, perEuro.divide(units, MathContext.DECIMAL64).setScale(RATE_SCALE, RoundingMode.HALF_UP)));
        }
        all.putAll(normalised(operatorRates, "comeback.money.rates"));
        all.put(this.currency, BigDecimal.ONE);
        this.rates = Map.copyOf(all);
    }

    /** ISO 4217 code of the reporting currency. */
    public String currency() {
        return currency;
    }

    /** Units of the reporting currency one unit of {@code code} is worth now; empty when there is no rate. */
    public Optional<BigDecimal> rate(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(rates.get(code.toUpperCase(Locale.ROOT)));
    }

    /** The rate, or {@link NoExchangeRate}. */
    public BigDecimal require(String code) {
        return rate(code).orElseThrow(() -> new NoExchangeRate(code, currency));
    }

    /** Every rate in force, by currency (the reporting currency at 1). */
    public Map<String, BigDecimal> all() {
        return new TreeMap<>(rates);
    }

    /** An amount at a rate, in the reporting currency's cents. */
    public static BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<String, BigDecimal> normalised(Map<String, BigDecimal> rates, String setting) {
        Map<String, BigDecimal> out = new TreeMap<>();
        rates.forEach((key, rate) -> {
            String code = code(key, setting + "." + key);
            if (rate == null || rate.signum() <= 0) {
                throw new IllegalStateException(setting + "." + key + " must be a rate above 0, not " + rate);
            }
            out.put(code, rate);
        });
        return out;
    }

    private static String code(String raw, String setting) {
        try {
            return Currency.getInstance(raw.trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException(setting + ": '" + raw + "' is not an ISO 4217 currency code such as NOK");
        }
    }
}
