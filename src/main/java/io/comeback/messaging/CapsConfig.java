package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** {@code comeback.caps.*}: marketing texts per person across flows. Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.caps")
public interface CapsConfig {

    /** Marketing texts per person in any 30 days. */
    @WithName("per-30-days")
    int per30Days();

    /** Marketing texts per person in any day. */
    int perDay();

    /** A capped text waits at most this long for its turn, else it is skipped. */
    Duration maxDelay();
}
