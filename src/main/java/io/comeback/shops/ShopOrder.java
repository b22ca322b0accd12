package io.comeback.shops;

import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order record as a shop sends it on every change (created, updated, paid, cancelled).
 *
 * @param orderId         Comeback's order id: {@code shopify-<id>}, {@code woo-<id>}
 * @param customer        who ordered; a guest has no shop id
 * @param payment         placed, paid, pending (not a purchase yet) or cancelled
 * @param amount          the amount ordered, before refunds
 * @param refunds         the refunds the record lists
 * @param refundedInFull  the shop says the whole order was refunded (WooCommerce's status), whatever the refunds add up to
 * @param discountCodes   the codes used at checkout, as typed
 * @param checkoutKey     the checkout it completes, as the shop's checkout records name it (Shopify's checkout token)
 */
public record ShopOrder(
        String orderId,
        ShopCustomer customer,
        OrderStatus payment,
        BigDecimal amount,
        String currency,
        Instant placedAt,
        Instant updatedAt,
        List<OrderDraft.Item> items,
        List<String> discountCodes,
        List<ShopRefund> refunds,
        boolean refundedInFull,
        String checkoutKey) {}
