package io.comeback.shops;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A WooCommerce shop connected (the fake REST API); the runtime driven by the test, step by step. */
public class WooCommerceCodesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.runtime.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeShopResource.class, Map.of("shop", "woocommerce")));
    }
}
