package io.comeback.messaging.compliance;

import java.time.Duration;
import java.util.Optional;

/**
 * What one flow says about caps: its own cap (empty = only the global caps), whether a capped text is
 * skipped at once instead of waiting, and how long it may wait (empty = the service's default).
 */
public record FlowCapRule(Optional<FrequencyCap> cap, boolean skipWhenCapped, Optional<Duration> maxDelay) {

    public static final FlowCapRule NONE = new FlowCapRule(Optional.empty(), false, Optional.empty());
}
