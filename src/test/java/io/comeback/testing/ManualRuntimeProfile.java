package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The runtime's background loops off (wake-up workers, dispatcher, simulator receipts): the test drives
 * {@code WakeUpBatch#run}, {@code Dispatcher#dispatchBatch} and the receipts itself, one step at a time
 * ({@link RuntimeDriver}), or as two replicas would, so races and clock steps are deterministic. Every test that
 * waits for texts, wake-ups or receipts belongs here; the test classes of one profile share one start of the service.
 */
public class ManualRuntimeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.runtime.enabled", "false");
    }
}
