package io.comeback.gateway.twilio;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

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
            long lastCreateNanos,
            long[] createsPerSecond,
            double meanInFlight,
            double meanAnswerMillis) {

        String json() {
            double seconds = (lastCreateNanos - firstCreateNanos) / 1e9;
            StringBuilder perSecond = new StringBuilder();
            for (int i = 0; i < createsPerSecond.length; i++) {
                perSecond.append(i == 0 ? "" : ",").append(createsPerSecond[i]);
            }
            return "{\"creates\": " + creates + ", \"duplicates\": " + duplicates + ", \"throttled\": " + throttled
                    + ", \"peakInFlight\": " + peakInFlight + ", \"peakArriving\": " + peakArriving
                    + ", \"createSeconds\": " + String.format(Locale.ROOT, "%.3f", seconds)
                    + ", \"meanInFlight\": " + String.format(Locale.ROOT, "%.1f", meanInFlight)
                    + ", \"meanAnswerMillis\": " + String.format(Locale.ROOT, "%.1f", meanAnswerMillis)
                    + ", \"createsPerSecond\": [" + perSecond + "]}";
        }
    }

    /** Seconds of creates counted one by one, from the first create. */
    private static final int SECONDS_COUNTED = 3600;

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
    private final AtomicLongArray perSecond = new AtomicLongArray(SECONDS_COUNTED);
    // Requests in flight weighed by time (Little's law gives the mean time in the fake from it).
    private final Object weighing = new Object();
    private long weighedFrom;
    private long weighedUntil;
    private double inFlightNanos;
    private int weighed;
    private long answered;

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
        weigh(1);
        return now;
    }

    /** The answer is about to be written: Twilio is done with the request. */
    void leave() {
        weigh(-1);
        inFlight.decrementAndGet();
        arriving.decrementAndGet();
    }

    private void weigh(int change) {
        synchronized (weighing) {
            long now = System.nanoTime();
            if (weighedFrom == 0) {
                weighedFrom = now;
            } else {
                inFlightNanos += (double) weighed * (now - weighedUntil);
            }
            weighedUntil = now;
            weighed += change;
            if (change < 0) {
                answered++;
            }
        }
    }

    int inFlightNow() {
        return inFlight.get();
    }

    /** A message was created for ledger id {@code messageId} (null when the request carried none). */
    void created(Long messageId) {
        long now = System.nanoTime();
        firstCreate.compareAndSet(0, now);
        lastCreate.accumulateAndGet(now, Math::max);
        long second = (now - firstCreate.get()) / 1_000_000_000L;
        if (second < SECONDS_COUNTED) {
            perSecond.incrementAndGet((int) second);
        }
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
        long last = lastCreate.get();
        int seconds = firstCreate.get() == 0
                ? 0
                : (int) Math.min(SECONDS_COUNTED, (last - firstCreate.get()) / 1_000_000_000L + 1);
        long[] counted = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            counted[i] = perSecond.get(i);
        }
        double meanInFlight;
        double meanAnswerMillis;
        synchronized (weighing) {
            meanInFlight = weighedUntil > weighedFrom ? inFlightNanos / (weighedUntil - weighedFrom) : 0;
            meanAnswerMillis = answered == 0 ? 0 : inFlightNanos / answered / 1e6;
        }
        return new Stats(
                creates.get(),
                duplicates.get(),
                throttled.get(),
                peakInFlight.get(),
                peakArriving.get(),
                firstCreate.get(),
                last,
                counted,
                meanInFlight,
                meanAnswerMillis);
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
        synchronized (weighing) {
            weighedFrom = 0;
            weighedUntil = 0;
            inFlightNanos = 0;
            answered = 0;
        }
        for (int i = 0; i < SECONDS_COUNTED; i++) {
            perSecond.set(i, 0);
        }
    }
}
