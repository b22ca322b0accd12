package io.comeback.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * {@code comeback.shop-name}: rendered as {@code {{ shop.name }}} in texts. The default is in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.shop-name")
public interface ShopNameConfig {

    @WithParentName
    String name();

    /**
     * The variables every text and condition may use besides the customer's ({@code shop.name}): one list, so the
     * conditions judged in SQL (audiences, segments, entry rules) mean what the interpreter means.
     */
    default Map<String, String> globals() {
        return Map.of("shop.name", name());
    }
}
