package io.comeback.jobs;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a queue claim may start its index walk while a backlog is worked off. A claim walks its queue
 * index ({@code (due, id)}) from the beginning; the entries of rows just claimed and moved on stay in
 * the index until vacuum (or until no snapshot can see them), so during a backlog every claim stepped
 * over everything claimed before it — 150,000 dead entries per claim in the runtime benchmark.
 * <p>
 * After a full batch the next claim starts at the first row that batch took: rows before it were
 * taken by this or another worker (SKIP LOCKED) or are done. Rows that could still be below it — a
 * batch that rolled back, a row made due in the past by someone else — are found again because the
 * floor is dropped whenever a claim comes back short (no backlog left) and at least every
 * {@link #RESCAN_NANOS}, so such a row waits at most that long.
 */
public final class ClaimFloor {

    /** A claim position: the queue's due instant and row id of the first row a full batch took. */
    public record Position(Instant due, long id) {
        public static final Position START = new Position(Instant.parse("1970-01-01T00:00:00Z"), Long.MIN_VALUE);
        public static final java.util.Comparator<Position> ORDER =
                java.util.Comparator.comparing(Position::due).thenComparingLong(Position::id);
    }

    static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final long rescanNanos;
    private Position floor = Position.START;
    private long setAt;

    public ClaimFloor() {
        this(RESCAN_NANOS);
    }

    ClaimFloor(long rescanNanos) {
        this.rescanNanos = rescanNanos;
    }

    /** Where the next claim starts. */
    public synchronized Position current() {
        if (floor != Position.START && System.nanoTime() - setAt > rescanNanos) {
            floor = Position.START;
        }
        return floor;
    }

    /**
     * @param first the first row the claim took (null when none)
     * @param full  whether the claim filled its batch (a backlog is being worked off)
     */
    public synchronized void claimed(Position first, boolean full) {
        if (!full || first == null) {
            floor = Position.START;
            return;
        }
        if (floor == Position.START) {
            setAt = System.nanoTime();
        }
        if (Position.ORDER.compare(first, floor) > 0) {
            floor = first;
        }
    }
}
