package io.comeback.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in tests. It stands still: it reads the same instant until a test sets or advances it, so
 * what a test asserts about time holds however slowly the machine runs. Every {@code @QuarkusTest} starts with it
 * frozen at the real time ({@link ClockReset}), so "not in the future" checks accept what tests send.
 * <p>
 * {@link #ticking()} lets it run on from its reading with real time, for the few tests where the service compares
 * an instant PostgreSQL stamped ({@code DEFAULT now()}) with the clock's now, as the consent export does (see
 * ConsentLedgerApiTest). Instants are whole microseconds, as PostgreSQL stores them, so a stored instant compares
 * equal to the clock's reading.
 */
public final class TestClock extends Clock {

    /** Where the clock stands; {@code realBase} is null while frozen, else the real instant {@code base} was read at. */
    private record Reading(Instant base, Instant realBase) {
        Instant now() {
            return realBase == null ? base : base.plus(Duration.between(realBase, Instant.now()));
        }
    }

    private volatile Reading reading = frozen(realNow());

    /** Moves time so that now is {@code instant}; frozen there unless the clock is ticking. */
    public synchronized void setTo(Instant instant) {
        reading = reading.realBase() == null ? frozen(instant) : new Reading(instant, Instant.now());
    }

    public synchronized void advance(Duration duration) {
        Reading r = reading;
        reading = new Reading(r.base().plus(duration), r.realBase());
    }

    /** Frozen at the real time (what every {@code @QuarkusTest} starts with). */
    public synchronized void reset() {
        reading = frozen(realNow());
    }

    /** From now on the clock runs at the real pace, from where it stands. */
    public synchronized void ticking() {
        reading = new Reading(reading.now(), Instant.now());
    }

    @Override
    public Instant instant() {
        return reading.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service resolves zones explicitly");
    }

    private static Reading frozen(Instant at) {
        return new Reading(at, null);
    }

    private static Instant realNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
