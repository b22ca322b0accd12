package io.comeback.gateway.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@link FakeTwilioApi} behaves under load, as Twilio's API does: every answer takes {@link #latency}, at most
 * {@link #maxInFlight} requests of the account are processed at once and the others are refused at once with 429 /
 * 20429 (Twilio processes nothing it refuses so), and each answer says how many are in flight
 * ({@code Twilio-Concurrent-Requests}). It counts what a benchmark or a test needs: creates, creates of a ledger id
 * created before (duplicates: the id rides in the StatusCallback URL), refusals and the most in flight at once.
 */
final class FakeTwilioLoad {

    /** The counts so far; times are {@link System#nanoTime()}, 0 before the first create. */
    record Stats(
            long creates,
            long duplicates,
            long throttled,
            int peakInFlight,
            int peakArriving,
            long firstCreateNanos,
            long lastCreateNanos) {

        String json() {
            double seconds = (lastCreateNanos - firstCreateNanos) / 1e9;
            return "{\"creates\": " + creates + ", \"duplicates\": " + duplicates + ", \"throttled\": " + throttled
                    + ", \"peakInFlight\": " + peakInFlight + ", \"peakArriving\": " + peakArriving
                    + ", \"createSeconds\": " + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "}";
        }
    }

    volatile Duration latency = Duration.ZERO;
    /** 0: no limit. */
    volatile int maxInFlight;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger arriving = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger peakArriving = new AtomicInteger();
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong firstCreate = new AtomicLong();
    private final AtomicLong lastCreate = new AtomicLong();
    private final Map<Long, Integer> createsById = new ConcurrentHashMap<>();

    /**
     * A request arrives. @return the requests in flight with it (to answer in {@code Twilio-Concurrent-Requests}),
     * or -1 when it is one too many and must be refused
     */
    int enter() {
        int seen = arriving.incrementAndGet();
        peakArriving.accumulateAndGet(seen, Math::max);
        int limit = maxInFlight;
        int now = inFlight.incrementAndGet();
        if (limit > 0 && now > limit) {
            inFlight.decrementAndGet();
            arriving.decrementAndGet();
            throttled.incrementAndGet();
            return -1;
        }
        peakInFlight.accumulateAndGet(now, Math::max);
        return now;
    }

    /** The answer is about to be written: Twilio is done with the request. */
    void leave() {
        inFlight.decrementAndGet();
        arriving.decrementAndGet();
    }

    int inFlightNow() {
        return inFlight.get();
    }

    /** A message was created for ledger id {@code messageId} (null when the request carried none). */
    void created(Long messageId) {
        long now = System.nanoTime();
        firstCreate.compareAndSet(0, now);
        lastCreate.accumulateAndGet(now, Math::max);
        creates.incrementAndGet();
        if (messageId != null && createsById.merge(messageId, 1, Integer::sum) > 1) {
            duplicates.incrementAndGet();
        }
    }

    /** Messages created for this ledger id: 1 once it was sent, more if it was sent twice. */
    int createsOf(long messageId) {
        return createsById.getOrDefault(messageId, 0);
    }

    Stats stats() {
        return new Stats(
                creates.get(),
                duplicates.get(),
                throttled.get(),
                peakInFlight.get(),
                peakArriving.get(),
                firstCreate.get(),
                lastCreate.get());
    }

    /** Counts start again (the limit and latency stay). */
    void reset() {
        creates.set(0);
        duplicates.set(0);
        throttled.set(0);
        peakInFlight.set(inFlight.get());
        peakArriving.set(arriving.get());
        firstCreate.set(0);
        lastCreate.set(0);
        createsById.clear();
    }
}
