package io.comeback.audience.coupons;

import io.smallrye.config.ConfigMapping;

/** {@code comeback.coupons.*}. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.coupons")
public interface CouponsConfig {

    /** Characters of unique coupon codes: no look-alikes that customers mistype. */
    String alphabet();
}
