package io.comeback.shops;

/** What a delivery says, whichever shop sent it: the shop-specific readers turn bodies into these. */
public sealed interface ShopEvent {

    record CustomerChanged(ShopCustomer customer) implements ShopEvent {}

    record OrderChanged(ShopOrder order) implements ShopEvent {}

    /** A refund of an order that may not have arrived yet. */
    record RefundAdded(String orderId, ShopRefund refund) implements ShopEvent {}

    /** The order was deleted at the shop (WooCommerce: moved to the bin): it no longer counts. */
    record OrderDeleted(String orderId) implements ShopEvent {}

    record CheckoutChanged(ShopCheckout checkout) implements ShopEvent {}

    /** The shop asks for the person to be erased (Shopify's customers/redact). */
    record CustomerRedacted(String shopCustomerId) implements ShopEvent {}

    /** Nothing to do (a topic Comeback does not use); the reason is kept with the delivery. */
    record Ignored(String reason) implements ShopEvent {}
}
