package io.comeback.messaging.concurrency;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The thread that renews a replica's lease every {@code renew-every}, or sooner when {@link #ask()}ed (a share to
 * grow into or to give back), never more often than every {@link #MIN_GAP_NANOS}.
 */
final class LeaseRenewer {

    private static final Logger LOG = Logger.getLogger(LeaseRenewer.class);
    /** Renewals asked for between two scheduled ones are at least this far apart. */
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String name;
    private final Runnable renew;
    private final Duration every;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition asked = lock.newCondition();
    private volatile boolean stopped;
    private volatile Thread thread;
    private boolean requested;

    LeaseRenewer(String name, Runnable renew, Duration every) {
        this.name = name;
        this.renew = renew;
        this.every = every;
    }

    boolean running() {
        return thread != null;
    }

    synchronized void start() {
        if (thread == null) {
            stopped = false;
            Thread started = new Thread(this::loop, "provider-concurrency-lease");
            started.setDaemon(true);
            thread = started;
            started.start();
        }
    }

    synchronized void stop() {
        stopped = true;
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Renew soon rather than at the next scheduled time. */
    void ask() {
        lock.lock();
        try {
            if (!requested) {
                requested = true;
                asked.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!stopped) {
            long started = System.nanoTime();
            try {
                renew.run();
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf(e, "Provider concurrency lease of %s not renewed; trying again", name);
            }
            try {
                lock.lockInterruptibly();
                try {
                    long left = every.toNanos();
                    while (!stopped && !requested && left > 0) {
                        left = asked.awaitNanos(left);
                    }
                    requested = false;
                } finally {
                    lock.unlock();
                }
                long since = System.nanoTime() - started;
                if (since < MIN_GAP_NANOS) {
                    TimeUnit.NANOSECONDS.sleep(MIN_GAP_NANOS - since);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
