package io.comeback.web;

import io.comeback.audience.CustomerOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record OrderView(
        String orderId,
        String customerId,
        BigDecimal total,
        String currency,
        Instant placedAt,
        List<Map<String, Object>> items,
        String couponCode,
        Instant receivedAt) {

    static OrderView of(CustomerOrder o, String customerExternalId) {
        return new OrderView(
                o.orderId, customerExternalId, o.total, o.currency, o.placedAt, o.items, o.couponCode, o.createdAt);
    }
}
