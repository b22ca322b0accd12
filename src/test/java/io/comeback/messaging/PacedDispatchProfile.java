package io.comeback.messaging;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The simulator sender paced at 20 segments/s (burst 5), with a slow-down that recovers within seconds. The runtime's
 * background loops are off: the test runs the dispatcher and moves the clock as its loop would wait.
 */
public class PacedDispatchProfile implements QuarkusTestProfile {

    static final double RATE = 20;
    static final double BURST = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "comeback.pacing.senders",
                "simulator=" + RATE + "/" + BURST,
                "comeback.pacing.slow-down.hold",
                "PT10S",
                "comeback.pacing.slow-down.recover-every",
                "PT1S",
                "comeback.pacing.slow-down.recover-step",
                "0.5",
                "comeback.pacing.slow-down.min-interval",
                "PT1S",
                "comeback.runtime.enabled",
                "false");
    }
}
