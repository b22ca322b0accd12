package io.comeback.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stopping a loop on SIGTERM lets the batch under way finish (a claimed batch handed over and recorded) and starts
 * no other; only a batch still running at the deadline is interrupted.
 */
class PollingLoopStopTest {

    @Test
    void theBatchUnderWayFinishesUninterruptedAndNoNewBatchStartsAfterTheStop() throws Exception {
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        PollingLoop loop = new PollingLoop("test", 1, Duration.ofMillis(1), () -> {
            started.incrementAndGet();
            inBatch.countDown();
            try {
                release.await();
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            return true; // "more to do at once": only the stop keeps the next batch from starting
        });
        loop.start();
        assertThat(inBatch.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping =
                CompletableFuture.runAsync(() -> loop.stop(Instant.now().plusSeconds(30)));
        loop.requestStop(); // the stop has been asked for before the batch ends (stop() asks the same, first)
        assertThat(stopping).isNotDone();
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(finished).as("the batch under way finished").isTrue();
        assertThat(interrupted).as("the batch under way was interrupted").isFalse();
        assertThat(started.get()).as("batches started").isEqualTo(1);
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void aBatchStillRunningAtTheDeadlineIsInterrupted() throws Exception {
        CountDownLatch inBatch = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        PollingLoop loop = new PollingLoop("test", 1, Duration.ofMillis(1), () -> {
            inBatch.countDown();
            try {
                new CountDownLatch(1).await(); // never released
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return false;
        });
        loop.start();
        assertThat(inBatch.await(10, TimeUnit.SECONDS)).isTrue();

        loop.stop(Instant.now().plusMillis(200));

        assertThat(interrupted).isTrue();
        assertThat(loop.isRunning()).isFalse();
    }
}
