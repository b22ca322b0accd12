package io.comeback.messaging.concurrency;

/** What the hand-over slots look like now, for metrics, logs and tests. */
public record HandOverSnapshot(
        int inFlight,
        int waiting,
        int usable,
        int leased,
        int target,
        int holders,
        double window,
        long throttled,
        int peakInFlight) {}
