package io.comeback.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An order as stored, counted ({@code orders}) or not ({@code orders_not_counted}).
 *
 * @param net        the amount less refunds (orders.total)
 * @param wasCounted whether it counted at some time (it started {@code order_placed} flows then)
 */
public record StoredOrder(
        long id,
        String orderId,
        long customerId,
        OrderStatus status,
        BigDecimal net,
        BigDecimal refunded,
        String currency,
        Instant placedAt,
        String couponCode,
        List<Map<String, Object>> items,
        Instant createdAt,
        Instant updatedAt,
        Instant shopUpdatedAt,
        boolean counted,
        boolean wasCounted) {

    /** The amount ordered, before refunds. */
    public BigDecimal amount() {
        return net.add(refunded);
    }

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
