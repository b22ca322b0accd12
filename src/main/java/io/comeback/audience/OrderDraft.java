package io.comeback.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record OrderDraft(
        String orderId,
        String customerExternalId,
        BigDecimal total,
        String currency,
        Instant placedAt,
        List<Item> items,
        String couponCode) {

    public record Item(String sku, String name, String category, int quantity, BigDecimal price) {}
}
