package io.comeback.engine.run;

import io.comeback.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a customer counts as lapsed by purchase, for an {@code inactive} trigger. This is the one
 * definition of the rule; the inactivity detector's SQL mirrors it (migration V190,
 * {@code InactivitySql}), the simulator calls it.
 *
 * <ul>
 *   <li><b>Purchase days</b>: the orders of one local day in the customer's zone are one occasion
 *       (a forgotten item, a second delivery address), so the rhythm is taken between purchase
 *       days, never between orders minutes apart. Only the days among the {@link #RECENT_ORDERS}
 *       most recent orders count.</li>
 *   <li><b>Personal rhythm</b>: with {@code rhythmFactor} set, at least {@code minOrders} orders
 *       and orders on at least two days, the window is the median gap between consecutive purchase
 *       days × {@code rhythmFactor} (a customer who buys every 20 days with factor 2 is lapsed 40
 *       days after the last order), but never shorter than the floor (setting
 *       {@code comeback.inactivity.rhythm-floor}, 30 days by default). Median rather than mean, so
 *       one long holiday break does not hide a regular rhythm.</li>
 *   <li><b>Fixed window</b>: otherwise, {@code noPurchaseFor} after the last order (calendar
 *       units in the customer's zone).</li>
 *   <li>A customer who never ordered, or with too few orders and no fixed window, is never
 *       lapsed by purchase.</li>
 * </ul>
 */
public final class PurchaseRhythm {

    public enum Basis {
        PERSONAL_RHYTHM,
        FIXED_WINDOW
    }

    /**
     * The customer is lapsed from {@code at}: {@code window} after {@code lastOrder}; {@code floored} when the
     * personal rhythm was shorter than the floor and the floor was used instead.
     */
    public record Lapse(Instant at, Basis basis, Instant lastOrder, Duration window, boolean floored) {}

    private PurchaseRhythm() {}

    /**
     * Only the most recent orders shape the rhythm: habits change, and the detector keeps exactly
     * this many order times per customer (see migration V20) so it can maintain the median on every
     * order without reading the history.
     */
    public static final int RECENT_ORDERS = 32;

    /**
     * The floor the scenario runner uses, which runs without the service's settings: the service's default of
     * {@code comeback.inactivity.rhythm-floor} (application.properties), which the service passes in instead.
     */
    public static final Duration SCENARIO_FLOOR = Duration.ofDays(30);

    private static final long DAY_SECONDS = 86_400;

    /** The distinct local days (ascending) of the {@link #RECENT_ORDERS} most recent orders, in {@code zone}. */
    public static List<LocalDate> purchaseDays(List<Instant> orders, ZoneId zone) {
        List<Instant> all = new ArrayList<>(orders);
        all.sort(null);
        List<Instant> recent = all.subList(Math.max(0, all.size() - RECENT_ORDERS), all.size());
        List<LocalDate> days = new ArrayList<>(recent.size());
        for (Instant at : recent) {
            LocalDate day = at.atZone(zone).toLocalDate();
            if (days.isEmpty() || !days.get(days.size() - 1).equals(day)) {
                days.add(day);
            }
        }
        return days;
    }

    /**
     * Median gap between consecutive purchase days ({@link #purchaseDays}), in whole days (half a day when the
     * middle two differ by an odd number); empty with orders on fewer than two days.
     */
    public static Optional<Duration> medianGap(List<Instant> orders, ZoneId zone) {
        List<LocalDate> days = purchaseDays(orders, zone);
        if (days.size() < 2) {
            return Optional.empty();
        }
        List<Long> gaps = new ArrayList<>(days.size() - 1);
        for (int i = 1; i < days.size(); i++) {
            gaps.add(ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)) * DAY_SECONDS);
        }
        gaps.sort(null);
        int middle = gaps.size() / 2;
        long seconds = gaps.size() % 2 == 1 ? gaps.get(middle) : (gaps.get(middle - 1) + gaps.get(middle)) / 2;
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** @param floor the shortest personal window ({@code comeback.inactivity.rhythm-floor}) */
    public static Optional<Lapse> lapse(Trigger.Inactive trigger, List<Instant> orders, ZoneId zone, Duration floor) {
        Optional<Instant> last = orders.stream().max(Instant::compareTo);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Instant lastOrder = last.get();
        if (trigger.rhythmFactor().isPresent() && orders.size() >= trigger.minOrders()) {
            Optional<Duration> median = medianGap(orders, zone);
            if (median.isPresent()) {
                long seconds = Math.round(
                        median.get().getSeconds() * trigger.rhythmFactor().getAsDouble());
                boolean floored = seconds < floor.getSeconds();
                Duration window = Duration.ofSeconds(floored ? floor.getSeconds() : seconds);
                return Optional.of(
                        new Lapse(lastOrder.plus(window), Basis.PERSONAL_RHYTHM, lastOrder, window, floored));
            }
        }
        return trigger.noPurchaseFor().map(fixed -> {
            Instant at = fixed.addTo(lastOrder, zone);
            return new Lapse(at, Basis.FIXED_WINDOW, lastOrder, Duration.between(lastOrder, at), false);
        });
    }

    /** True when the trigger declares a purchase criterion at all. */
    public static boolean hasPurchaseCriterion(Trigger.Inactive trigger) {
        return trigger.rhythmFactor().isPresent() || trigger.noPurchaseFor().isPresent();
    }
}
