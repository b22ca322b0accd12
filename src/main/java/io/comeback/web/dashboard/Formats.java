package io.comeback.web.dashboard;

import io.comeback.audience.DefaultTimeZoneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes times, amounts and rates: in the shop's time zone, with a dash for "no value". */
@ApplicationScoped
public class Formats {

    public static final String NONE = "–";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ZoneId zone;

    public Formats(DefaultTimeZoneConfig zone) {
        this.zone = ZoneId.of(zone.zone());
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

    /** An amount labelled with its currency ({@code 1,650.00 NOK}); {@link #NONE} without one. */
    public static String money(BigDecimal amount, String currency) {
        return amount == null ? NONE : money(amount) + " " + currency;
    }

    public static String money(BigDecimal amount) {
        if (amount == null) {
            return NONE;
        }
        NumberFormat f = NumberFormat.getNumberInstance(Locale.UK);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(amount.setScale(2, RoundingMode.HALF_UP));
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
        return value == null || value.isNaN() ? NONE : String.format(Locale.UK, "%." + digits + "f", value);
    }
}
