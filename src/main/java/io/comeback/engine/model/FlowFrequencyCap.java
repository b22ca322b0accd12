package io.comeback.engine.model;

import java.util.Optional;

/**
 * A flow's own frequency cap ({@code settings.frequency_cap}): at most {@code max} texts of this flow
 * to one person in any rolling {@code per}, on top of the global caps that count every flow.
 *
 * @param skipWhenCapped {@code when_capped: skip}: a capped text is dropped (recorded as blocked)
 *                       instead of waiting for room — for texts that are pointless late
 * @param maxDelay       how long a capped text may wait for room before it is skipped; empty = the
 *                       service's default ({@code comeback.caps.max-delay})
 */
public record FlowFrequencyCap(
        int max, FlowDuration per, boolean skipWhenCapped, Optional<FlowDuration> maxDelay, SourceLocation location) {

    public static final String DEFER = "defer";
    public static final String SKIP = "skip";
}
