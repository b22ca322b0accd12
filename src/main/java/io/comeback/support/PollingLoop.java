package io.comeback.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A few threads that repeat a batch step: again at once while it finds a full batch, else after
 * the poll interval or when {@link #nudge()}d. The work itself lives in the database (claimed rows),
 * so stopping, crashing or running several replicas never loses any.
 */
public final class PollingLoop {

    private static final Logger LOG = Logger.getLogger(PollingLoop.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final Supplier<Duration> step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopped;
    private long nudges;

    /** @param step one batch; returns true when there is probably more to do right away */
    public PollingLoop(String name, int threads, Duration pollInterval, BooleanSupplier step) {
        this(name, threads, pollInterval, () -> step.getAsBoolean() ? Duration.ZERO : null);
    }

    /**
     * @param step one batch; returns when to run the next: {@link Duration#ZERO} at once, null after the
     *             poll interval (or a nudge), a positive duration after that long whatever the nudges — for
     *             work that is known to wait (a sender's tokens refill), capped at the poll interval
     */
    public PollingLoop(String name, int threads, Duration pollInterval, Supplier<Duration> step) {
        this.name = name;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.step = step;
    }

    public synchronized void start() {
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::loop, name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
    }

    public synchronized void stop() {
        stopped = true;
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    /** Work arrived: wake the sleeping threads now instead of at the next poll. */
    public void nudge() {
        lock.lock();
        try {
            nudges++;
            nudged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!stopped) {
            long seen = nudgesSeen();
            Duration next;
            try {
                next = step.get();
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.errorf(e, "%s: batch failed, retrying in %s", name, ERROR_PAUSE);
                pause(ERROR_PAUSE, seen);
                continue;
            }
            if (next == null) {
                pause(pollInterval, seen);
            } else if (!next.isZero() && !next.isNegative()) {
                sleep(next.compareTo(pollInterval) < 0 ? next : pollInterval);
            }
        }
    }

    private long nudgesSeen() {
        lock.lock();
        try {
            return nudges;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration, long seen) {
        lock.lock();
        try {
            long left = duration.toNanos();
            while (!stopped && nudges == seen && left > 0) {
                left = nudged.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits without heeding nudges: the work is there but may not start yet. */
    private void sleep(Duration duration) {
        lock.lock();
        try {
            long left = duration.toNanos();
            while (!stopped && left > 0) {
                left = nudged.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    /** For tests and shutdown: whether the threads were asked to stop. */
    public boolean isStopped() {
        return stopped;
    }
}
