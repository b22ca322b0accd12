package io.comeback.audience.coupons;

import java.util.Optional;

/**
 * Where codes are created besides Comeback: the connected shop, if any (implemented by the shops layer from its
 * settings). A code issued while a shop is connected waits to be created there before texts naming it may leave.
 */
public interface CouponShops {

    /** The platform codes are created at ({@code shopify}, {@code woocommerce}), or empty: codes stay Comeback's own. */
    Optional<String> connected();
}
