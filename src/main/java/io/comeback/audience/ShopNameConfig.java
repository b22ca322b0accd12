package io.comeback.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code comeback.shop-name}: rendered as {@code {{ shop.name }}} in texts. The default is in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.shop-name")
public interface ShopNameConfig {

    @WithParentName
    String name();
}
