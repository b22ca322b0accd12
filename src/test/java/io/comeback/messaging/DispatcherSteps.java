package io.comeback.messaging;

import java.time.Duration;

/**
 * The dispatcher's one step ({@code Dispatcher#dispatchBatch}, package-private), for tests of other packages that
 * drive the runtime by hand: under {@code ManualRuntimeProfile} its loop is off.
 */
public final class DispatcherSteps {

    private DispatcherSteps() {}

    /** @return when the loop would run the next batch: zero at once (a full batch), else later */
    public static Duration dispatchBatch(Dispatcher dispatcher) {
        return dispatcher.dispatchBatch();
    }
}
