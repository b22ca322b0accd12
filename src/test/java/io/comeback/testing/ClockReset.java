package io.comeback.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Before every {@code @QuarkusTest} method (and its {@code @BeforeEach}): the clock frozen at the real time, whatever
 * the test before moved it to. Registered in {@code META-INF/services}; Quarkus loads it with the test's own class
 * loader, so it resets the clock the service of that test profile reads.
 */
public class ClockReset implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        TestClockProducer.CLOCK.reset();
    }
}
