package io.comeback.shops;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** No webhook secret configured for either shop. */
public class NoShopSecretsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "comeback.shopify.webhook-secret", "",
                "comeback.woocommerce.webhook-secret", "",
                "comeback.runtime.enabled", "false");
    }
}
