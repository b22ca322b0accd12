package io.comeback.shops.woocommerce;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code comeback.woocommerce.*} ({@code COMEBACK_WOOCOMMERCE_*}): the webhook secret that signs WooCommerce's
 * deliveries, and the shop and REST API key coupons are created with. Defaults are in application.properties.
 * Never log this object: it holds secrets.
 */
@ConfigMapping(prefix = "comeback.woocommerce")
public interface WooCommerceConfig {

    /** The secret entered for Comeback's webhooks in WooCommerce; without it every delivery is refused. */
    Optional<String> webhookSecret();

    /** The shop's address, e.g. {@code https://shop.example.com}; with key and secret, coupons are created there. */
    Optional<String> url();

    /** REST API consumer key ({@code ck_…}) with read/write access. */
    Optional<String> key();

    /** REST API consumer secret ({@code cs_…}). */
    Optional<String> secret();
}
