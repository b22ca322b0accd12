package io.comeback.engine.run;

import io.comeback.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a customer counts as lapsed by purchase, for an {@code inactive} trigger. This is the one
 * definition of the rule; the inactivity detector's SQL mirrors it, the simulator calls it.
 *
 * <ul>
 *   <li><b>Personal rhythm</b>: with {@code rhythmFactor} set and at least {@code minOrders}
 *       orders, the window is the median gap between consecutive orders × {@code rhythmFactor}
 *       (a customer who buys every 20 days with factor 2 is lapsed 40 days after the last order).
 *       Median rather than mean, so one long holiday break does not hide a regular rhythm. Only
 *       the {@link #RECENT_ORDERS} most recent orders count.</li>
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

    /** The customer is lapsed from {@code at}: {@code window} after {@code lastOrder}. */
    public record Lapse(Instant at, Basis basis, Instant lastOrder, Duration window) {}

    private PurchaseRhythm() {}

    /**
     * Only the most recent orders shape the rhythm: habits change, and the detector keeps exactly
     * this many order times per customer (see migration V20) so it can maintain the median on every
     * order without reading the history.
     */
    public static final int RECENT_ORDERS = 32;

    /** Median gap between consecutive orders of the {@link #RECENT_ORDERS} most recent; empty with fewer than two orders. */
    public static Optional<Duration> medianGap(List<Instant> orders) {
        List<Instant> all = new ArrayList<>(orders);
        all.sort(null);
        List<Instant> sorted = all.subList(Math.max(0, all.size() - RECENT_ORDERS), all.size());
        if (sorted.size() < 2) {
            return Optional.empty();
        }
        List<Long> gaps = new ArrayList<>(sorted.size() - 1);
        for (int i = 1; i < sorted.size(); i++) {
            gaps.add(Duration.between(sorted.get(i - 1), sorted.get(i)).getSeconds());
        }
        gaps.sort(null);
        int middle = gaps.size() / 2;
        long seconds = gaps.size() % 2 == 1 ? gaps.get(middle) : (gaps.get(middle - 1) + gaps.get(middle)) / 2;
        return Optional.of(Duration.ofSeconds(seconds));
    }

    public static Optional<Lapse> lapse(Trigger.Inactive trigger, List<Instant> orders, ZoneId zone) {
        Optional<Instant> last = orders.stream().max(Instant::compareTo);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Instant lastOrder = last.get();
        if (trigger.rhythmFactor().isPresent() && orders.size() >= trigger.minOrders()) {
            Optional<Duration> median = medianGap(orders);
            if (median.isPresent()) {
                long seconds = Math.round(
                        median.get().getSeconds() * trigger.rhythmFactor().getAsDouble());
                Duration window = Duration.ofSeconds(seconds);
                return Optional.of(new Lapse(lastOrder.plus(window), Basis.PERSONAL_RHYTHM, lastOrder, window));
            }
        }
        return trigger.noPurchaseFor().map(fixed -> {
            Instant at = fixed.addTo(lastOrder, zone);
            return new Lapse(at, Basis.FIXED_WINDOW, lastOrder, Duration.between(lastOrder, at));
        });
    }

    /** True when the trigger declares a purchase criterion at all. */
    public static boolean hasPurchaseCriterion(Trigger.Inactive trigger) {
        return trigger.rhythmFactor().isPresent() || trigger.noPurchaseFor().isPresent();
    }
}
