package io.comeback.engine.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One order as the customer facts see it ({@link CustomerFacts#of}): when, how much, and its items as the shop
 * sent them (the order API's {@code items}).
 */
public record FactOrder(Instant placedAt, BigDecimal total, List<Item> items) {

    public FactOrder {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** {@code price} is the unit price (null when the shop sent none); {@code quantity} at least 1. */
    public record Item(String sku, String name, String category, int quantity, BigDecimal price) {

        /** What a text shows for the item: its name, else its SKU; null when it has neither. */
        String title() {
            return name != null && !name.isEmpty() ? name : sku;
        }
    }
}
