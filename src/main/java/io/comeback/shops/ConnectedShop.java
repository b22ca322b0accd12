package io.comeback.shops;

import io.comeback.audience.coupons.CouponShops;
import io.comeback.shops.shopify.ShopifyConfig;
import io.comeback.shops.woocommerce.WooCommerceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The shop codes are created at: Shopify when its shop and Admin API token are set, else WooCommerce when its
 * address, key and secret are, else none (codes stay Comeback's own, as without a shop).
 */
@ApplicationScoped
public class ConnectedShop implements CouponShops {

    private final Optional<String> connected;

    public ConnectedShop(ShopifyConfig shopify, WooCommerceConfig woocommerce) {
        if (set(shopify.shop()) && set(shopify.adminToken())) {
            connected = Optional.of(ShopPlatform.SHOPIFY.wire());
        } else if (set(woocommerce.url()) && set(woocommerce.key()) && set(woocommerce.secret())) {
            connected = Optional.of(ShopPlatform.WOOCOMMERCE.wire());
        } else {
            connected = Optional.empty();
        }
    }

    @Override
    public Optional<String> connected() {
        return connected;
    }

    private static boolean set(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
