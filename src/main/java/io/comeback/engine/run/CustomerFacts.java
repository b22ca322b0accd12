package io.comeback.engine.run;

import io.comeback.engine.model.Variables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Comeback knows about a customer from their orders, as flows read it ({@code customer.facts.*}, see
 * {@link Variables#FACTS}). The runtime reads these from the customer row (kept as orders arrive); the simulator
 * computes them from the orders it is given ({@link #of}), by the same rules.
 *
 * @param totalSpent      the sum of the orders' totals, two decimals
 * @param medianGap       the personal rhythm: median gap between purchase days ({@link PurchaseRhythm#medianGap});
 *                        null with orders on fewer than two days
 * @param favouriteCategory see {@link ItemFacts}; null without categorised items
 * @param lastProduct     see {@link ItemFacts}; null without items
 */
public record CustomerFacts(
        int ordersCount,
        Instant firstOrderAt,
        Instant lastOrderAt,
        BigDecimal totalSpent,
        Duration medianGap,
        String favouriteCategory,
        String lastProduct) {

    private static final BigDecimal NONE_SPENT = new BigDecimal("0.00");

    /** A customer who never ordered. */
    public static final CustomerFacts NONE = new CustomerFacts(0, null, null, NONE_SPENT, null, null, null);

    private static final BigDecimal DAY_SECONDS = BigDecimal.valueOf(86_400);

    public CustomerFacts {
        totalSpent = totalSpent == null ? NONE_SPENT : totalSpent;
    }

    /**
     * The facts of these orders (in the order they were stored, which breaks ties of equal times). Totals count
     * with two decimals, rounded half up, as the orders table stores them.
     */
    public static CustomerFacts of(List<FactOrder> orders, ZoneId zone) {
        if (orders.isEmpty()) {
            return NONE;
        }
        List<FactOrder> byTime = new ArrayList<>(orders);
        byTime.sort(Comparator.comparing(FactOrder::placedAt));
        BigDecimal spent = NONE_SPENT;
        for (FactOrder order : orders) {
            if (order.total() != null) {
                spent = spent.add(order.total().setScale(2, RoundingMode.HALF_UP));
            }
        }
        return new CustomerFacts(
                orders.size(),
                byTime.get(0).placedAt(),
                byTime.get(byTime.size() - 1).placedAt(),
                spent,
                PurchaseRhythm.medianGap(
                                orders.stream().map(FactOrder::placedAt).toList(), zone)
                        .orElse(null),
                ItemFacts.favouriteCategory(orders),
                ItemFacts.lastProduct(orders));
    }

    /** When the personal rhythm says the next order is due: the last order plus the median gap. */
    public Optional<Instant> expectedNextOrderAt() {
        return lastOrderAt == null || medianGap == null ? Optional.empty() : Optional.of(lastOrderAt.plus(medianGap));
    }

    /**
     * The text of {@code customer.facts.<name>} for a customer in {@code zone} at {@code now}; null when the fact
     * has no value (or is not a fact). Dates are the local day in the customer's zone ({@code 2026-03-14}), so
     * conditions compare them with dates ({@code at_least: 2026-01-01}).
     */
    public String value(String name, ZoneId zone, Instant now) {
        return switch (name) {
            case "ordersCount" -> Integer.toString(ordersCount);
            case "firstOrderAt" -> day(firstOrderAt, zone);
            case "lastOrderAt" -> day(lastOrderAt, zone);
            case "totalSpent" -> totalSpent.toPlainString();
            case "medianGapDays" -> medianGap == null ? null : days(medianGap);
            case "expectedNextOrderAt" ->
                expectedNextOrderAt().map(at -> day(at, zone)).orElse(null);
            case "daysSinceLastOrder" ->
                lastOrderAt == null
                        ? null
                        : Long.toString(
                                Math.floorDiv(Duration.between(lastOrderAt, now).getSeconds(), 86_400L));
            case "favouriteCategory" -> favouriteCategory;
            case "lastProduct" -> lastProduct;
            default -> null;
        };
    }

    /** Every fact with a value, by name ({@code ordersCount} …), for showing what a simulated customer knows. */
    public Map<String, String> values(ZoneId zone, Instant now) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String name : Variables.FACTS) {
            String value = value(name, zone, now);
            if (value != null) {
                all.put(name, value);
            }
        }
        return all;
    }

    private static String day(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).toLocalDate().toString();
    }

    private static String days(Duration gap) {
        BigDecimal days = BigDecimal.valueOf(gap.getSeconds()).divide(DAY_SECONDS, 6, RoundingMode.HALF_UP);
        return days.stripTrailingZeros().toPlainString();
    }
}
