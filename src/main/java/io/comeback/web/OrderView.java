package io.comeback.web;

import io.comeback.audience.StoredOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An order as the API shows it. {@code total} is the amount ordered; {@code refunded} what was refunded of it;
 * reports count the difference, and nothing of a {@code cancelled} or {@code pending} order.
 */
public record OrderView(
        String orderId,
        String customerId,
        String status,
        BigDecimal total,
        BigDecimal refunded,
        String currency,
        Instant placedAt,
        List<Map<String, Object>> items,
        String couponCode,
        Instant receivedAt,
        Instant updatedAt) {

    static OrderView of(StoredOrder o, String customerExternalId) {
        return new OrderView(
                o.orderId(),
                customerExternalId,
                o.status().wire(),
                o.amount(),
                o.refunded(),
                o.currency(),
                o.placedAt(),
                o.items(),
                o.couponCode(),
                o.createdAt(),
                o.updatedAt());
    }
}
