package io.comeback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every {@code @QuarkusTest} starts on the service's clock frozen at the real time, wherever the test before left it. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClockResetTest {

    @Inject
    Clock serviceClock;

    @Test
    @Order(1)
    void aTestLeavesTheClockYearsAheadAndTicking() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2040-01-01T00:00:00Z"));
        TestClockProducer.CLOCK.ticking();
        assertThat(serviceClock.instant()).isAfterOrEqualTo(Instant.parse("2040-01-01T00:00:00Z"));
    }

    @Test
    @Order(2)
    void theNextStartsFrozenAtTheRealTime() {
        Instant now = serviceClock.instant();
        assertThat(now).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        Instant later = Instant.now().plusMillis(5);
        while (Instant.now().isBefore(later)) {
            Thread.onSpinWait();
        }
        assertThat(serviceClock.instant()).isEqualTo(now);
    }
}
