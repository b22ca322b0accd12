package io.comeback.engine.validate;

import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Link;
import io.comeback.engine.model.Variables;
import java.util.Map;
import java.util.Optional;

/**
 * Typical values for variables, used only to estimate how long a text becomes once filled in.
 * They lean long (a long first name, a full link) so that the segment warning errs on the side
 * of warning.
 */
final class SampleValues {

    private static final Map<String, String> TYPICAL = Map.ofEntries(
            Map.entry("customer.firstName", "Kristoffer"),
            Map.entry("customer.lastName", "Johannessen"),
            Map.entry("customer.email", "kristoffer.johannessen@example.com"),
            Map.entry("customer.phone", "+4791234567"),
            Map.entry("customer.locale", "nb-NO"),
            Map.entry("customer.rfm.recency", "5"),
            Map.entry("customer.rfm.frequency", "5"),
            Map.entry("customer.rfm.monetary", "5"),
            Map.entry("customer.rfm.score", "555"),
            Map.entry("customer.facts.ordersCount", "12"),
            Map.entry("customer.facts.firstOrderAt", "2024-11-30"),
            Map.entry("customer.facts.lastOrderAt", "2026-03-14"),
            Map.entry("customer.facts.totalSpent", "12499.00"),
            Map.entry("customer.facts.medianGapDays", "27.5"),
            Map.entry("customer.facts.expectedNextOrderAt", "2026-04-11"),
            Map.entry("customer.facts.daysSinceLastOrder", "120"),
            Map.entry("customer.facts.favouriteCategory", "Turutstyr og friluftsklær"),
            Map.entry("customer.facts.lastProduct", "Vindjakke Herre Storm GTX Pro"),
            Map.entry("order.id", "100234"),
            Map.entry("order.total", "1299.00"),
            Map.entry("order.currency", "NOK"),
            Map.entry("order.items", "3"),
            Map.entry("order.couponCode", "SUMMER20"),
            Map.entry("coupon.expiresAt", "2025-12-31"),
            Map.entry("reply.text", "ja takk"),
            Map.entry("reply.score", "10"),
            Map.entry("shop.name", "Nettbutikken"));

    private static final String ATTRIBUTE = "attributeval";

    private final Flow flow;
    private final Optional<CouponSpec> coupon;

    SampleValues(Flow flow, Optional<CouponSpec> coupon) {
        this.flow = flow;
        this.coupon = coupon;
    }

    /** The sample for a placeholder; a written fallback counts when it is longer. */
    String valueFor(String variable, String fallback) {
        String sample = sample(variable);
        return fallback != null && fallback.length() > sample.length() ? fallback : sample;
    }

    private String sample(String variable) {
        Optional<String> link = Variables.linkName(variable);
        if (link.isPresent()) {
            Link l = flow.links().get(link.get());
            return l == null ? "https://example.com/x" : l.url();
        }
        if (variable.equals("coupon.code")) {
            int length = coupon.map(c -> c.prefix().length() + c.length()).orElse(10);
            return "X".repeat(length);
        }
        if (Variables.isAttribute(variable) || Variables.isEventProperty(variable)) {
            return ATTRIBUTE;
        }
        return TYPICAL.getOrDefault(variable, "value");
    }
}
