package io.comeback.messaging.concurrency;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * What the last renewal of a replica's lease granted ({@link ConcurrencyLeaseStore.Renewal}) and until when it may
 * be used. Not thread-safe: {@link HandOverSlots} reads and changes it under its own lock, together with the sends
 * in flight, so that a slot is never handed out past the share.
 */
final class LeasedShare {

    /** A share is used for at most this part of the lease after its renewal began, so it is given up before it lapses. */
    private static final double USE_PART_OF_LEASE = 0.8;

    private int leased;
    private int recorded;
    private int target;
    private int holders;
    private int lastWanted;
    private long usableUntil = System.nanoTime();
    private boolean renewed;

    /** A name for this process's lease: the host (the pod in Kubernetes) and a random part. */
    static String processHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Takes what a renewal begun at {@code startedNanos} granted, for {@code wanted} sends. */
    void renewed(ConcurrencyLeaseStore.Renewal renewal, int wanted, long startedNanos, long leaseNanos) {
        leased = renewal.usable();
        recorded = renewal.recorded();
        target = renewal.target();
        holders = renewal.holders();
        lastWanted = wanted;
        usableUntil = startedNanos + (long) (leaseNanos * USE_PART_OF_LEASE);
        renewed = true;
    }

    /** Shrinks the share at once when the lease row allows less; it grows only once the renewal is done. */
    void shrinkTo(int usable) {
        leased = Math.min(leased, usable);
    }

    /** Forgets the share (the replica stops); whether there was one to give back. */
    boolean drop() {
        boolean held = renewed;
        renewed = false;
        leased = 0;
        return held;
    }

    /** Renewed, and not yet past the part of the lease it may be used for. */
    boolean inTime() {
        return renewed && System.nanoTime() - usableUntil < 0;
    }

    /** Past the part of the lease it may be used for (or never renewed since it was made). */
    boolean spent() {
        return System.nanoTime() - usableUntil >= 0;
    }

    /** Sends this replica may have in flight now, within the window. */
    int usable(int windowSize) {
        return inTime() ? Math.min(leased, windowSize) : 0;
    }

    /** A renewal may give more: a fair share others still hold, or a demand not yet told. */
    boolean wantsMore(int limit, int demand) {
        return leased < target || (leased < limit && Math.min(limit, demand) > lastWanted);
    }

    /** The row holds more than the share and that much is no longer in flight: time to give it back. */
    boolean beyondShareFreed(int inFlight) {
        return recorded > leased && inFlight <= leased;
    }

    int leased() {
        return leased;
    }

    int target() {
        return target;
    }

    int holders() {
        return holders;
    }
}
