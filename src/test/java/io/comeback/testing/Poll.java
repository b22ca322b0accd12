package io.comeback.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for background workers: checks often, fails with the last value seen. */
public final class Poll {

    private Poll() {}

    public static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }
}
