package io.comeback.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an order is now, as its source says: a new order, or a new state of a known one ({@link OrderChanges}).
 *
 * @param amount        the amount ordered, before refunds
 * @param refunded      what was refunded of it (at most the amount counts)
 * @param payment       placed, paid, pending (not a purchase yet) or cancelled; refunds are read from {@code refunded}
 * @param shopUpdatedAt the shop's updated_at of this record, when the source has one: a record older than the
 *                      stored one changes nothing
 */
public record OrderRevision(
        String orderId,
        long customerId,
        BigDecimal amount,
        BigDecimal refunded,
        String currency,
        Instant placedAt,
        List<OrderDraft.Item> items,
        String couponCode,
        OrderStatus payment,
        Instant shopUpdatedAt) {

    /** What is refunded, capped at the amount ordered. */
    public BigDecimal refundedCapped() {
        BigDecimal r = refunded == null ? BigDecimal.ZERO : refunded;
        return r.min(amount);
    }

    /** What the order is worth to reports: the amount less refunds. */
    public BigDecimal net() {
        return amount.subtract(refundedCapped());
    }

    public OrderStatus status() {
        if (payment == OrderStatus.CANCELLED || payment == OrderStatus.PENDING) {
            return payment;
        }
        BigDecimal r = refundedCapped();
        if (r.signum() > 0) {
            return r.compareTo(amount) >= 0 ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        }
        return payment == OrderStatus.PAID ? OrderStatus.PAID : OrderStatus.PLACED;
    }
}
