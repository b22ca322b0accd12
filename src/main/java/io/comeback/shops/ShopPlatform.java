package io.comeback.shops;

/** The shops Comeback takes webhooks from; each names its customers and orders with a prefix of its own. */
public enum ShopPlatform {
    SHOPIFY("shopify", "shopify-"),
    WOOCOMMERCE("woocommerce", "woo-");

    private final String wire;
    private final String idPrefix;

    ShopPlatform(String wire, String idPrefix) {
        this.wire = wire;
        this.idPrefix = idPrefix;
    }

    /** As stored in {@code shop_webhooks.platform}. */
    public String wire() {
        return wire;
    }

    /** The external id of a customer or order first seen through this shop: {@code shopify-<id>}, {@code woo-<id>}. */
    public String externalId(String shopId) {
        return idPrefix + shopId;
    }

    public static ShopPlatform fromWire(String wire) {
        for (ShopPlatform p : values()) {
            if (p.wire.equals(wire)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown shop platform " + wire);
    }
}
