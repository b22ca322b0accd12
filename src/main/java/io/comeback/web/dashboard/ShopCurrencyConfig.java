package io.comeback.web.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code comeback.shop-currency}: the ISO 4217 code the dashboard writes beside every amount of the reports (revenue,
 * order values, lifetime value). The default is in application.properties.
 */
@ConfigMapping(prefix = "comeback.shop-currency")
public interface ShopCurrencyConfig {

    @WithParentName
    String code();
}
