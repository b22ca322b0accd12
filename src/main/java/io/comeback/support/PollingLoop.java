package io.comeback.support;

import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Stopping is graceful: no new step starts, the steps under way finish (a claimed batch is handed over and
 * its outcomes recorded) and only those still running at the deadline are interrupted. What an interrupted
 * step held is recovered like after a crash (leases, reconciliation), only later.
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

    /** Asks the threads to start no new step; the steps under way go on. Returns at once. */
    public void requestStop() {
        lock.lock();
        try {
            stopped = true;
            nudged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts no new step and waits until {@code deadline} for the steps under way to finish; threads still
     * running then are interrupted (and given a moment to leave).
     */
    public synchronized void stop(Instant deadline) {
        requestStop();
        for (Thread thread : running) {
            try {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left > 0) {
                    thread.join(left);
                }
                if (thread.isAlive()) {
                    LOG.warnf("%s: %s still busy at the shutdown deadline, interrupting it", name, thread.getName());
                    thread.interrupt();
                    thread.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(Thread::interrupt);
                break;
            }
        }
        running.clear();
    }

    /** Whether a thread of this loop is still running (for tests). */
    public synchronized boolean isRunning() {
        return running.stream().anyMatch(Thread::isAlive);
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
