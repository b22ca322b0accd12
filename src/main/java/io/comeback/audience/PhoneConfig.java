package io.comeback.audience;

import io.smallrye.config.ConfigMapping;

/** {@code comeback.phone.*}. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.phone")
public interface PhoneConfig {

    /** Region of numbers written without a country code, e.g. {@code NO}. */
    String defaultRegion();
}
