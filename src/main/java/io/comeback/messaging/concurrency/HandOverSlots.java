package io.comeback.messaging.concurrency;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.port.ProviderLoadListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The sends this replica may have in flight at the provider at once: its share of the cluster's limit, leased in
 * PostgreSQL ({@link ConcurrencyLeaseStore}) and renewed by a thread of its own, and within that share a window that
 * shrinks when the provider answers "too many requests" and grows back with every other answer ({@link AimdWindow}).
 * A send takes a slot before its request leaves and gives it back with the answer. Without a lease renewed in time
 * (the database is gone) no slot is handed out: another replica may have been given this one's share.
 */
public final class HandOverSlots implements ProviderLoadListener {

    /** Waiters look again this often (the lease may have been renewed, or have lapsed). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LeaseClient client;
    private final String holder;
    private final int limit;
    private final Duration lease;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final AimdWindow window;
    private final LeaseRenewer renewer;
    private volatile int accountInFlight = -1;
    private volatile IntSupplier backlog = () -> 0;
    private volatile boolean closed;
    // Guarded by lock.
    private int inFlight;
    private int waiting;
    private int demandPeak;
    private final LeasedShare share = new LeasedShare();
    private long throttled;
    private int peakInFlight;

    public HandOverSlots(AgroalDataSource dataSource, ProviderConcurrencyConfig config, String holder) {
        this.holder = holder;
        this.limit = config.limit();
        this.lease = config.lease();
        this.client = new LeaseClient(dataSource, holder, limit, lease);
        this.window = new AimdWindow(limit, config.decrease());
        this.renewer = new LeaseRenewer(holder, this::renewNow, config.renewEvery());
        if (config.renewEvery().compareTo(lease.dividedBy(3)) > 0) {
            throw new IllegalArgumentException("comeback.provider-concurrency.renew-every (" + config.renewEvery()
                    + ") must be at most a third of comeback.provider-concurrency.lease (" + lease + ")");
        }
    }

    public String holder() {
        return holder;
    }

    /** The cluster's limit, the most this replica can ever have in flight. */
    public int limit() {
        return limit;
    }

    /** Starts renewing the lease in the background, the first time at once. */
    public void start() {
        if (!renewer.running()) {
            renewNow();
            renewer.start();
        }
    }

    /** Stops renewing and gives the share back, so that the other replicas need not wait for it to lapse. */
    public void stop() {
        closed = true;
        renewer.stop();
        boolean held;
        lock.lock();
        try {
            held = share.drop();
        } finally {
            lock.unlock();
        }
        if (held) {
            client.release();
        }
    }

    /** Sends waiting for their turn beside those waiting in {@link #acquire} (the caller's queue): part of the demand. */
    public void countBacklog(IntSupplier queued) {
        this.backlog = queued;
    }

    /** Sends this replica may have in flight now. */
    public int usable() {
        lock.lock();
        try {
            return usableNow();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return the round to hand back to {@link #release}, or -1 when no slot freed in time (or the replica stops)
     */
    public long acquire(long deadlineNanos) throws InterruptedException {
        if (closed) {
            return -1;
        }
        if (!renewer.running() && !usableInTime()) {
            renewNow(); // driven by hand (tests, a process whose loops are off): renew when needed
        }
        lock.lockInterruptibly();
        try {
            waiting++;
            demandPeak = Math.max(demandPeak, demandNow());
            try {
                while (inFlight >= usableNow()) {
                    if (wantsMore()) {
                        renewer.ask();
                    }
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0 || closed) {
                        return -1;
                    }
                    if (!renewer.running() && share.spent()) {
                        lock.unlock();
                        try {
                            renewNow();
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                    freed.awaitNanos(Math.min(left, RECHECK_NANOS));
                }
            } finally {
                waiting--;
            }
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            return window.round();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back with what became of its send: {@code throttled} when refused as too many at once. */
    public void release(long round, boolean wasThrottled) {
        lock.lock();
        try {
            inFlight--;
            if (wasThrottled) {
                throttled++;
                window.throttled(round);
            } else {
                window.answered(accountInFlight >= limit);
            }
            if (share.beyondShareFreed(inFlight)) {
                renewer.ask(); // what this replica holds beyond its share is no longer in flight: give it back now
            }
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void concurrentRequests(int count) {
        accountInFlight = count;
    }

    public HandOverSnapshot snapshot() {
        lock.lock();
        try {
            return new HandOverSnapshot(
                    inFlight,
                    waiting,
                    usableNow(),
                    share.leased(),
                    share.target(),
                    share.holders(),
                    window.value(),
                    throttled,
                    peakInFlight);
        } finally {
            lock.unlock();
        }
    }

    /** Renews the lease now (the background thread does it every {@code renew-every}). */
    public void renewNow() {
        int wanted;
        long started = System.nanoTime();
        lock.lock();
        try {
            wanted = Math.min(limit, Math.max(demandPeak, demandNow()));
            demandPeak = demandNow();
        } finally {
            lock.unlock();
        }
        ConcurrencyLeaseStore.Renewal renewal = client.renew(wanted, usable -> {
            lock.lock();
            try {
                share.shrinkTo(usable);
                return inFlight;
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            share.renewed(renewal, wanted, started, lease.toNanos());
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean usableInTime() {
        lock.lock();
        try {
            return share.inTime();
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: waiting, and a renewal may give more (a fair share others still hold, or a demand not yet told). */
    private boolean wantsMore() {
        return share.wantsMore(limit, demandNow());
    }

    /** Under lock: sends in flight, waiting for a slot, and queued before that. */
    private int demandNow() {
        return inFlight + waiting + backlog.getAsInt();
    }

    private int usableNow() {
        return share.usable(window.size());
    }
}
