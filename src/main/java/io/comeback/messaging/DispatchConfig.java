package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.dispatch.*}: handing texts to the gateway. Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.dispatch")
public interface DispatchConfig {

    /** Threads per process that hand texts to the gateway. */
    int workers();

    /** Texts claimed per dispatch batch. */
    int batchSize();

    /** How often an idle dispatch thread looks for texts. */
    Duration pollInterval();

    /** Attempts for a text the gateway refused with a retryable error. */
    int maxAttempts();

    /** A row still dispatching after this long has lost its process: it becomes unknown and is reconciled. */
    Duration lease();
}
