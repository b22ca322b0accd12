package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.quiet-hours.*}. Defaults are in application.properties; the hours themselves are a flow setting. */
@ConfigMapping(prefix = "comeback.quiet-hours")
public interface QuietHoursConfig {

    /** Texts held back by quiet hours are spread over this long when the window ends. */
    Duration ramp();
}
