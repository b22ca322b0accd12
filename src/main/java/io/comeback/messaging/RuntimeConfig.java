package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.runtime.*}: the background threads of a process. {@link #enabled()} switches off the wake-up
 * workers, the dispatcher and the simulator's receipts alike. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.runtime")
public interface RuntimeConfig {

    /** {@code false}: this process wakes no enrollment and hands no text to the gateway. */
    boolean enabled();

    /** Threads per process that wake due enrollments. */
    int workers();

    /** Enrollments claimed per wake-up batch. */
    int batchSize();

    /** How often an idle wake-up thread looks for due enrollments. */
    Duration pollInterval();
}
