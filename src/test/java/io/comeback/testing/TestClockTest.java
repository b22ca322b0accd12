package io.comeback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The tests' clock stands still until told, and runs only when asked to. */
class TestClockTest {

    private static final Instant T = Instant.parse("2031-04-02T09:00:00Z");

    @Test
    void aFrozenClockMovesOnlyWhenSetOrAdvanced() {
        TestClock clock = new TestClock();
        Instant first = clock.instant();
        spinUntilTheRealClockMoves();
        assertThat(clock.instant()).isEqualTo(first);
        clock.setTo(T);
        spinUntilTheRealClockMoves();
        assertThat(clock.instant()).isEqualTo(T);
        clock.advance(Duration.ofDays(5).plusMinutes(1));
        assertThat(clock.instant()).isEqualTo(T.plus(Duration.ofDays(5).plusMinutes(1)));
    }

    @Test
    void resetFreezesItAtTheRealTimeInWholeMicroseconds() {
        TestClock clock = new TestClock();
        clock.setTo(T);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clock.reset();
        assertThat(clock.instant()).isBetween(before, Instant.now());
        assertThat(clock.instant().getNano() % 1_000).isZero();
    }

    @Test
    void aTickingClockRunsOnFromWhereItStood() {
        TestClock clock = new TestClock();
        clock.setTo(T);
        clock.ticking();
        Instant started = clock.instant();
        assertThat(started).isBetween(T, T.plusSeconds(1));
        spinUntilTheRealClockMoves();
        assertThat(clock.instant()).isAfter(started);
        clock.setTo(T.plus(Duration.ofDays(1)));
        spinUntilTheRealClockMoves();
        assertThat(clock.instant()).as("set, it keeps ticking").isAfter(T.plus(Duration.ofDays(1)));
        clock.reset();
        Instant frozen = clock.instant();
        spinUntilTheRealClockMoves();
        assertThat(clock.instant()).as("reset, it stands still again").isEqualTo(frozen);
    }

    private static void spinUntilTheRealClockMoves() {
        Instant start = Instant.now();
        while (!Instant.now().isAfter(start.plus(Duration.ofMillis(2)))) {
            Thread.onSpinWait();
        }
    }
}
