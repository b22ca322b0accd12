package io.comeback.shops;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A checkout (a cart on its way to becoming an order), as Shopify's checkouts/create and checkouts/update send it.
 *
 * @param checkoutKey  what the order that completes it names it by (Shopify's checkout token)
 * @param recoveryUrl  the link that brings the person back to their cart
 * @param completedAt  when it became an order, if it did
 */
public record ShopCheckout(
        String checkoutKey,
        ShopCustomer customer,
        String recoveryUrl,
        BigDecimal total,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {}
