package io.comeback.shops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts {@link FakeShopApis} before the service and connects the shop the profile names ({@code shop} argument:
 * shopify or woocommerce) to it.
 */
public class FakeShopResource implements QuarkusTestResourceLifecycleManager {

    /** The running fake; tests script its answers. Static because the service and the test share it. */
    static FakeShopApis api;

    private String shop = "shopify";

    @Override
    public void init(Map<String, String> initArgs) {
        shop = initArgs.getOrDefault("shop", "shopify");
    }

    @Override
    public Map<String, String> start() {
        try {
            api = new FakeShopApis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (shop.equals("woocommerce")) {
            return Map.of(
                    "comeback.woocommerce.url", api.baseUrl().toString(),
                    "comeback.woocommerce.key", FakeShopApis.WOO_KEY,
                    "comeback.woocommerce.secret", FakeShopApis.WOO_SECRET);
        }
        return Map.of(
                "comeback.shopify.shop",
                "comeback-test.myshopify.com",
                "comeback.shopify.admin-token",
                FakeShopApis.SHOPIFY_TOKEN,
                "comeback.shopify.api-base-url",
                api.baseUrl().toString(),
                "comeback.shopify.api-version",
                FakeShopApis.API_VERSION);
    }

    @Override
    public void stop() {
        api.close();
    }
}
