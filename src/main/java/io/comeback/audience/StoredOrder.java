package io.comeback.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An order as stored, counted ({@code orders}) or not ({@code orders_not_counted}).
 *
 * @param amount       the amount ordered, before refunds, in {@code currency} (order_amount)
 * @param refunded     what was refunded of it, in {@code currency} (order_refunded)
 * @param rate         the rate its amount was converted at into the reporting currency; null for an order stored
 *                     before amounts were converted
 * @param shopNet      what it counts in the reporting currency: the amount less refunds (total)
 * @param shopRefunded the refunds in the reporting currency (refunded_total)
 * @param wasCounted   whether it counted at some time (it started {@code order_placed} flows then)
 */
public record StoredOrder(
        long id,
        String orderId,
        long customerId,
        OrderStatus status,
        BigDecimal amount,
        BigDecimal refunded,
        String currency,
        BigDecimal rate,
        BigDecimal shopNet,
        BigDecimal shopRefunded,
        Instant placedAt,
        String couponCode,
        List<Map<String, Object>> items,
        Instant createdAt,
        Instant updatedAt,
        Instant shopUpdatedAt,
        boolean counted,
        boolean wasCounted) {

    /** Placed, paid, pending or cancelled: what a revision keeps when only its content or refunds change. */
    public OrderStatus payment() {
        return switch (status) {
            case PARTIALLY_REFUNDED, REFUNDED, PAID -> OrderStatus.PAID;
            default -> status;
        };
    }

    /** The stored lines as a draft's, so a revision that changes something else leaves them equal. */
    public List<OrderDraft.Item> draftItems() {
        List<OrderDraft.Item> out = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Object quantity = item.get("quantity");
            Object price = item.get("price");
            out.add(new OrderDraft.Item(
                    (String) item.get("sku"),
                    (String) item.get("name"),
                    (String) item.get("category"),
                    quantity instanceof Number n ? n.intValue() : 1,
                    price == null ? null : new BigDecimal(price.toString())));
        }
        return out;
    }

    /** This order with other refunds or payment, everything else as stored. */
    public OrderRevision revised(BigDecimal refunded, OrderStatus payment) {
        return new OrderRevision(
                orderId, customerId, amount(), refunded, currency, placedAt, draftItems(), couponCode, payment, null);
    }
}
