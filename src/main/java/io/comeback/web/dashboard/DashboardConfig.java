package io.comeback.web.dashboard;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.dashboard.*}. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.dashboard")
public interface DashboardConfig {

    /** How long a dashboard sign-in lasts. */
    Duration sessionLifetime();
}
