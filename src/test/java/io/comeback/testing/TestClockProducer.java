package io.comeback.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Replaces the production clock in every {@code @QuarkusTest} with the one {@link TestClock} tests move. */
@ApplicationScoped
public class TestClockProducer {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @ApplicationScoped
    @Alternative
    @Priority(1)
    Clock clock() {
        return CLOCK;
    }
}
