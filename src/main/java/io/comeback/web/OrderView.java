package io.comeback.web;

import io.comeback.audience.StoredOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An order as the API shows it. {@code total} is the amount ordered; {@code refunded} what was refunded of it, both in
 * {@code currency} as the source gave them; reports count the difference, and nothing of a {@code cancelled} or
 * {@code pending} order. {@code counted}: what it counts in the reporting currency.
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
        Instant updatedAt,
        Counted counted) {

    /**
     * The order in the reporting currency: {@code total} the amount less refunds, {@code refunded} the refunds, each
     * converted at the rate in force when it was stored; {@code rate} the amount's (null for an order stored before
     * amounts were converted, counted as it came).
     */
    public record Counted(BigDecimal total, BigDecimal refunded, String currency, BigDecimal rate) {}

    static OrderView of(StoredOrder o, String customerExternalId, String reportingCurrency) {
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
                o.updatedAt(),
                new Counted(
                        o.shopNet(),
                        o.shopRefunded(),
                        reportingCurrency,
                        o.rate() == null ? null : o.rate().stripTrailingZeros()));
    }
}
