package io.comeback.web.dashboard;

import io.comeback.audience.DefaultTimeZoneConfig;
import io.comeback.audience.money.MoneyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How the dashboard writes times, amounts and rates: in the shop's time zone, amounts with the shop's currency
 * ("NOK 12,345.00", the same way on every page), durations in words ("120 days"), a dash for "no value".
 */
@ApplicationScoped
public class Formats {

    public static final String NONE = "–";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ZoneId zone;
    private final String currency;

    @Inject
    public Formats(DefaultTimeZoneConfig zone, MoneyConfig money) {
        this(zone, money.currency());
    }

    /** @param currency the reporting currency's ISO 4217 code */
    Formats(DefaultTimeZoneConfig zone, String currency) {
        this.zone = ZoneId.of(zone.zone());
        // Currency.getInstance refuses what is not an ISO 4217 code: a typo stops the start, not every page.
        this.currency =
                Currency.getInstance(currency.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
    }

    /** The shop's currency, an ISO 4217 code. */
    public String currency() {
        return currency;
    }

    /** An amount in the shop's currency: "NOK 12,345.00". */
    public String money(BigDecimal amount) {
        return amount(amount, currency);
    }

    public ZoneId zone() {
        return zone;
    }

    public String time(Instant at) {
        return at == null ? NONE : MINUTE.format(at.atZone(zone));
    }

    public String day(Instant at) {
        return at == null ? NONE : DAY.format(at.atZone(zone));
    }

    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(n);
    }

    /** An amount in a given currency (an order's own): "NOK 12,345.00". */
    public static String amount(BigDecimal amount, String currency) {
        if (amount == null) {
            return NONE;
        }
        return currency + " " + number(amount.setScale(2, RoundingMode.HALF_UP).doubleValue(), 2);
    }

    /** A number with thousands grouped ("12,345.5") and exactly {@code digits} decimals. */
    public static String number(double value, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.UK);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(value);
    }

    /** The decimals an axis with this step between ticks needs: 0 for 1, 2, 5, 10…; 1 for 0.5; 2 for 0.25. */
    public static int decimalsOf(double step) {
        for (int digits = 0; digits < 6; digits++) {
            double scaled = step * Math.pow(10, digits);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6) {
                return digits;
            }
        }
        return 6;
    }

    /** A duration as people say it: "120 days", "36 hours", "30 minutes", "1 day"; never "P120D". */
    public static String duration(Duration d) {
        if (d == null) {
            return NONE;
        }
        long minutes = d.toMinutes();
        if (minutes > 0 && minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        if (minutes > 0 && minutes % 60 == 0) {
            return plural(minutes / 60, "hour");
        }
        if (minutes > 0 && d.toSecondsPart() == 0) {
            return plural(minutes, "minute");
        }
        return plural(d.toSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return count(n) + " " + unit + (n == 1 ? "" : "s");
    }

    /** A rate between 0 and 1 as a percentage with one decimal. */
    public static String percent(Double rate) {
        return rate == null || rate.isNaN() ? NONE : String.format(Locale.UK, "%.1f %%", rate * 100);
    }

    /** A difference of rates in percentage points, signed. */
    public static String points(double difference) {
        return String.format(Locale.UK, "%+.1f pp", difference * 100);
    }

    public static String decimal(Double value, int digits) {
        return value == null || value.isNaN() ? NONE : number(value, digits);
    }
}
