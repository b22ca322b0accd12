package io.comeback.audience;

import java.util.List;

/** An order as a shop sends it, before validation; amounts and instants as text to name the bad field. */
public record OrderInput(
        String orderId,
        String customerId,
        String total,
        String currency,
        String placedAt,
        List<Item> items,
        String couponCode) {

    public record Item(String sku, String name, String category, Integer quantity, String price) {}
}
