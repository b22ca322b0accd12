package io.comeback.shops;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A Shopify shop connected (the fake Admin API); the runtime driven by the test, step by step. */
public class ShopifyCodesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.runtime.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeShopResource.class, Map.of("shop", "shopify")));
    }
}
