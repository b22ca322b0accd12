package io.comeback.jobs;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

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
    private final BooleanSupplier step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopped;
    private long nudges;

    /** @param step one batch; returns true when there is probably more to do right away */
    public PollingLoop(String name, int threads, Duration pollInterval, BooleanSupplier step) {
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
            boolean more;
            try {
                more = step.getAsBoolean();
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.errorf(e, "%s: batch failed, retrying in %s", name, ERROR_PAUSE);
                pause(ERROR_PAUSE, seen);
                continue;
            }
            if (!more) {
                pause(pollInterval, seen);
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

    /** For tests and shutdown: whether the threads were asked to stop. */
    public boolean isStopped() {
        return stopped;
    }
}
