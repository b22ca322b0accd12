package io.comeback.shops;

/** Creates a code at one shop (Shopify's Admin API, WooCommerce's REST API). Idempotent on the code. */
public interface ShopCodeCreator {

    /** What creating it came to. */
    sealed interface Result {}

    /** The shop has the code (made now, or found made by an earlier attempt whose answer was lost). */
    record Created(String reference) implements Result {}

    /** Not now (the shop is slow, down, throttling, or refused our credentials): try again later. */
    record Retry(String reason) implements Result {}

    /** Never as it is (the shop rejected the discount itself, or the code belongs to another discount). */
    record Failed(String reason) implements Result {}

    Result create(ShopCode code);
}
