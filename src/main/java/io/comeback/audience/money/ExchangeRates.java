package io.comeback.audience.money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The rates orders are converted at into the reporting currency, as in force now. A rate is read when an order's
 * amount or refund is stored and kept on the order, so a later change of rates never rewrites what was counted. The
 * reporting currency itself converts at 1; a currency with no rate converts not at all (the order is refused or set
 * aside, never summed unconverted).
 *
 * <p>Where a rate comes from, the first that has one: the operator's table ({@link RateTable}, kept through the
 * API), the settings ({@code comeback.money.rates.<CODE>}), the reference rates. The table is read at most every
 * {@link #FRESH} and at once after a change made on this node: one query per few seconds however many orders come
 * in, and a change made on another replica reaches this one within {@link #FRESH}, during which orders here still
 * convert at the rate before it (each order is converted at a rate that was in force, and keeps it).
 */
@ApplicationScoped
public class ExchangeRates {

    /** Digits kept of a derived cross rate. */
    static final int RATE_SCALE = 10;

    /** How long rates read from the table are used before they are read again. */
    static final Duration FRESH = Duration.ofSeconds(5);

    /**
     * A rate in force: {@code source} {@code api} (with who set it and when), {@code setting}, {@code reference} (with
     * the reference rates' date) or {@code reporting} (the reporting currency itself, at 1).
     */
    public record InForce(
            String currency, BigDecimal rate, String source, LocalDate referenceDate, Instant updatedAt, String by) {}

    private record Snapshot(Map<String, InForce> rates, long readAt) {}

    private final String currency;
    private final Map<String, InForce> fromSettings;
    private final Supplier<List<RateTable.Row>> tableRows;
    private final RateTable table;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;

    @Inject
    public ExchangeRates(MoneyConfig config, RateTable table, Clock clock) {
        this(
                config.currency(),
                config.rates(),
                config.useReferenceRates() ? config.referenceRates() : Map.of(),
                config.referenceDate(),
                table,
                clock);
    }

    ExchangeRates(String currency, Map<String, BigDecimal> operatorRates, Map<String, BigDecimal> referenceRates) {
        this(currency, operatorRates, referenceRates, null, null, Clock.systemUTC());
    }

    private ExchangeRates(
            String currency,
            Map<String, BigDecimal> operatorRates,
            Map<String, BigDecimal> referenceRates,
            LocalDate referenceDate,
            RateTable table,
            Clock clock) {
        this.currency = code(currency, "comeback.money.currency");
        Map<String, InForce> all = new TreeMap<>();
        Map<String, BigDecimal> reference = normalised(referenceRates, "comeback.money.reference-rates");
        BigDecimal perEuro = reference.get(this.currency);
        if (perEuro != null) {
            reference.forEach((code, units) -> all.put(
                    code,
                    new InForce(
                            code,
                            perEuro.divide(units, MathContext.DECIMAL64).setScale(RATE_SCALE, RoundingMode.HALF_UP),
                            "reference",
                            referenceDate,
                            null,
                            null)));
        }
        normalised(operatorRates, "comeback.money.rates")
                .forEach((code, rate) -> all.put(code, new InForce(code, rate, "setting", null, null, null)));
        this.fromSettings = Map.copyOf(all);
        this.table = table;
        this.tableRows = table == null ? List::of : table::all;
        this.clock = clock;
    }

    /** ISO 4217 code of the reporting currency. */
    public String currency() {
        return currency;
    }

    /** Units of the reporting currency one unit of {@code code} is worth now; empty when there is no rate. */
    public Optional<BigDecimal> rate(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(current().get(code.toUpperCase(Locale.ROOT)))
                        .map(InForce::rate);
    }

    /** The rate, or {@link NoExchangeRate}. */
    public BigDecimal require(String code) {
        return rate(code).orElseThrow(() -> new NoExchangeRate(code, currency));
    }

    /** Every rate in force, by currency, with where it comes from (the reporting currency at 1). */
    public Map<String, InForce> inForce() {
        return current();
    }

    /**
     * Stores the operator's rates, all or none, and uses them on this node from now on. Each must already be valid
     * ({@link RateUpload}).
     */
    public void put(Map<String, BigDecimal> rates, String by) {
        table.put(rates, clock.instant(), by);
        changed();
    }

    /** Removes the operator's rate of a currency, which then converts at its setting or reference rate, if any. */
    public boolean delete(String code) {
        boolean deleted = table.delete(code);
        changed();
        return deleted;
    }

    /** An amount at a rate, in the reporting currency's cents. */
    public static BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private void changed() {
        changes.incrementAndGet();
        snapshot = null;
    }

    private Map<String, InForce> current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAt() < FRESH.toNanos()) {
            return s.rates();
        }
        long before = changes.get();
        long readAt = System.nanoTime();
        Map<String, InForce> all = new TreeMap<>(fromSettings);
        for (RateTable.Row row : tableRows.get()) {
            all.put(
                    row.currency(),
                    new InForce(row.currency(), row.rate(), "api", null, row.updatedAt(), row.updatedBy()));
        }
        all.put(currency, new InForce(currency, BigDecimal.ONE, "reporting", null, null, null));
        Map<String, InForce> rates = java.util.Collections.unmodifiableMap(all);
        // A read that raced a change on this node may predate it: it is used for this call but not kept.
        if (changes.get() == before) {
            snapshot = new Snapshot(rates, readAt);
        }
        return rates;
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
