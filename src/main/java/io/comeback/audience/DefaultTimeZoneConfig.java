package io.comeback.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code comeback.default-time-zone}: the zone of a customer when neither they nor their number tell it; also the
 * default zone of reports. The default is in application.properties.
 */
@ConfigMapping(prefix = "comeback.default-time-zone")
public interface DefaultTimeZoneConfig {

    /** A zone id such as {@code Europe/Oslo}. */
    @WithParentName
    String zone();
}
