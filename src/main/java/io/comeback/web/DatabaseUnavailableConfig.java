package io.comeback.web;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.database-unavailable.*}. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.database-unavailable")
public interface DatabaseUnavailableConfig {

    /** Sent as Retry-After (in whole seconds) with a 503 while the database cannot be reached. */
    Duration retryAfter();
}
