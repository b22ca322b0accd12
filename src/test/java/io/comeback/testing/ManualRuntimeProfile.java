package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The runtime's background loops off (wake-up workers, dispatcher, simulator receipts): the test
 * drives {@code WakeUpBatch#run} and {@code Dispatcher#dispatchBatch} itself, one step at a time, as
 * two replicas would, so races and clock steps are deterministic.
 */
public class ManualRuntimeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.runtime.enabled", "false");
    }
}
