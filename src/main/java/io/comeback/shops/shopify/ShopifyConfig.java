package io.comeback.shops.shopify;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code comeback.shopify.*} ({@code COMEBACK_SHOPIFY_*}): the webhook secret that signs Shopify's deliveries, and
 * the shop and Admin API token discount codes are created with. Defaults are in application.properties. Never log
 * this object: it holds secrets.
 */
@ConfigMapping(prefix = "comeback.shopify")
public interface ShopifyConfig {

    /** The key of the HMAC Shopify signs each delivery with; without it every delivery is refused. */
    Optional<String> webhookSecret();

    /** The shop's domain, e.g. {@code my-shop.myshopify.com}; with the token, codes are created at the shop. */
    Optional<String> shop();

    /** An Admin API access token with the {@code write_discounts} scope. */
    Optional<String> adminToken();

    /** Where the Admin API is: {@code https://<shop>} when unset (a local fake in tests). */
    Optional<String> apiBaseUrl();

    /** The Admin API version in the GraphQL endpoint's path. */
    String apiVersion();
}
